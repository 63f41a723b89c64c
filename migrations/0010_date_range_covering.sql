DROP INDEX `events_span_start_idx`;--> statement-breakpoint
CREATE INDEX `events_span_start_idx` ON `events` (`span_class`,`start_first_day`,`id`,`end_last_day`);--> statement-breakpoint
DROP INDEX `statements_date_idx`;--> statement-breakpoint
CREATE INDEX `statements_date_idx` ON `statements` (`date_first_day`,`id`,`date_last_day`);