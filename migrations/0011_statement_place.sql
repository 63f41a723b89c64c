ALTER TABLE `statements` ADD `place_id` text REFERENCES places(id);--> statement-breakpoint
CREATE INDEX `statements_place_idx` ON `statements` (`place_id`);