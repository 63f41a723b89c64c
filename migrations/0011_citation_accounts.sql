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
DROP INDEX `citations_source_idx`;--> statement-breakpoint
ALTER TABLE `citations` ADD `start_offset` integer;--> statement-breakpoint
ALTER TABLE `citations` ADD `end_offset` integer;--> statement-breakpoint
CREATE INDEX `citations_source_idx` ON `citations` (`source_id`,`start_offset`,`subject_kind`,`subject_id`,`ordinal`);--> statement-breakpoint
ALTER TABLE `sources` ADD `issued_by_id` text REFERENCES organizations(id);--> statement-breakpoint
CREATE INDEX `sources_issued_by_idx` ON `sources` (`issued_by_id`,`id`);--> statement-breakpoint
UPDATE `citations` SET
  `start_offset` = (SELECT nullif(instr(s.`text`, `citations`.`excerpt`), 0) - 1 FROM `sources` s WHERE s.`id` = `citations`.`source_id`),
  `end_offset` = (SELECT nullif(instr(s.`text`, `citations`.`excerpt`), 0) - 1 + length(`citations`.`excerpt`) FROM `sources` s WHERE s.`id` = `citations`.`source_id`);
