CREATE TABLE `citation_steps` (
	`subject_kind` text NOT NULL,
	`subject_id` text NOT NULL,
	`ordinal` integer NOT NULL,
	`step` integer NOT NULL,
	`step_kind` text NOT NULL,
	`step_id` text NOT NULL,
	PRIMARY KEY(`subject_kind`, `subject_id`, `ordinal`, `step`),
	FOREIGN KEY (`subject_kind`,`subject_id`,`ordinal`) REFERENCES `citations`(`subject_kind`,`subject_id`,`ordinal`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `citation_steps_step_idx` ON `citation_steps` (`step_kind`,`step_id`,`subject_kind`,`subject_id`,`ordinal`);--> statement-breakpoint
CREATE TABLE `field_basis` (
	`subject_kind` text NOT NULL,
	`subject_id` text NOT NULL,
	`field` text NOT NULL,
	`kind` text NOT NULL,
	`note` text,
	`citation` integer,
	PRIMARY KEY(`subject_kind`, `subject_id`, `field`)
);
--> statement-breakpoint
DROP INDEX `citations_source_idx`;--> statement-breakpoint
ALTER TABLE `citations` ADD `start_offset` integer;--> statement-breakpoint
ALTER TABLE `citations` ADD `end_offset` integer;--> statement-breakpoint
CREATE INDEX `citations_source_idx` ON `citations` (`source_id`,`start_offset`,`subject_kind`,`subject_id`,`ordinal`);--> statement-breakpoint
ALTER TABLE `delegations` ADD `arrival_last_day` text;--> statement-breakpoint
ALTER TABLE `delegations` ADD `status` text DEFAULT 'held' NOT NULL;--> statement-breakpoint
CREATE INDEX `delegations_status_name_idx` ON `delegations` (`status`,`name`,`id`);--> statement-breakpoint
ALTER TABLE `events` ADD `start_last_day` text;--> statement-breakpoint
ALTER TABLE `events` ADD `end_first_day` text;--> statement-breakpoint
ALTER TABLE `events` ADD `status` text DEFAULT 'held' NOT NULL;--> statement-breakpoint
ALTER TABLE `positions` ADD `as_of` text;--> statement-breakpoint
ALTER TABLE `sources` ADD `issued_by_id` text REFERENCES organizations(id);--> statement-breakpoint
CREATE INDEX `sources_issued_by_idx` ON `sources` (`issued_by_id`,`id`);--> statement-breakpoint
ALTER TABLE `statements` ADD `place_id` text REFERENCES places(id);--> statement-breakpoint
CREATE INDEX `statements_place_idx` ON `statements` (`place_id`);