ALTER TABLE `delegations` ADD `arrival_last_day` text;--> statement-breakpoint
ALTER TABLE `delegations` ADD `status` text DEFAULT 'held' NOT NULL;--> statement-breakpoint
CREATE INDEX `delegations_status_name_idx` ON `delegations` (`status`,`name`,`id`);--> statement-breakpoint
ALTER TABLE `events` ADD `start_last_day` text;--> statement-breakpoint
ALTER TABLE `events` ADD `end_first_day` text;--> statement-breakpoint
ALTER TABLE `events` ADD `status` text DEFAULT 'held' NOT NULL;--> statement-breakpoint
ALTER TABLE `positions` ADD `as_of` text;