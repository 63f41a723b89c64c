CREATE TABLE `imports` (
	`id` text PRIMARY KEY NOT NULL,
	`started_at` text NOT NULL,
	`finished_at` text NOT NULL,
	`key_name` text NOT NULL,
	`format` text NOT NULL,
	`mode` text NOT NULL,
	`dry_run` integer NOT NULL,
	`status` text NOT NULL,
	`report` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `imports_started_idx` ON `imports` (`started_at`,`id`);