ALTER TABLE `events` ADD `span_class` integer DEFAULT 3 NOT NULL;--> statement-breakpoint
CREATE INDEX `events_span_start_idx` ON `events` (`span_class`,`start_first_day`,`id`);