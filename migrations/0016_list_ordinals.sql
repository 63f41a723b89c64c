-- A delegation's members and a source's cites get an ordinal, as every other list of a record
-- has: the order a record gave them in was only the rows' rowids, which a rewritten list need
-- not keep on PostgreSQL (its ctid). Existing rows are numbered in rowid order, the order they
-- were written and exports read them in until now. The key becomes (record, ordinal), read in
-- order by readRecord; the unique index keeps the old key's promise (no member, no cited source
-- twice). drizzle-kit's copy selected an "ordinal" the old tables lack: edited by hand.
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_delegation_members` (
	`delegation_id` text NOT NULL,
	`person_id` text NOT NULL,
	`role` text,
	`ordinal` integer NOT NULL,
	PRIMARY KEY(`delegation_id`, `ordinal`),
	FOREIGN KEY (`delegation_id`) REFERENCES `delegations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_delegation_members`("delegation_id", "person_id", "role", "ordinal") SELECT "delegation_id", "person_id", "role", row_number() OVER (PARTITION BY "delegation_id" ORDER BY rowid) - 1 FROM `delegation_members`;--> statement-breakpoint
DROP TABLE `delegation_members`;--> statement-breakpoint
ALTER TABLE `__new_delegation_members` RENAME TO `delegation_members`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `delegation_members_delegation_person_idx` ON `delegation_members` (`delegation_id`,`person_id`);--> statement-breakpoint
CREATE INDEX `delegation_members_person_idx` ON `delegation_members` (`person_id`);--> statement-breakpoint
CREATE TABLE `__new_source_cites` (
	`source_id` text NOT NULL,
	`cited_source_id` text NOT NULL,
	`ordinal` integer NOT NULL,
	PRIMARY KEY(`source_id`, `ordinal`),
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`cited_source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_source_cites`("source_id", "cited_source_id", "ordinal") SELECT "source_id", "cited_source_id", row_number() OVER (PARTITION BY "source_id" ORDER BY rowid) - 1 FROM `source_cites`;--> statement-breakpoint
DROP TABLE `source_cites`;--> statement-breakpoint
ALTER TABLE `__new_source_cites` RENAME TO `source_cites`;--> statement-breakpoint
CREATE UNIQUE INDEX `source_cites_source_cited_idx` ON `source_cites` (`source_id`,`cited_source_id`);--> statement-breakpoint
CREATE INDEX `source_cites_cited_idx` ON `source_cites` (`cited_source_id`,`source_id`);