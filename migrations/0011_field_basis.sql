CREATE TABLE `field_basis` (
	`subject_kind` text NOT NULL,
	`subject_id` text NOT NULL,
	`field` text NOT NULL,
	`kind` text NOT NULL,
	`note` text,
	`citation` integer,
	PRIMARY KEY(`subject_kind`, `subject_id`, `field`)
);
