CREATE TABLE `citations` (
	`subject_kind` text NOT NULL,
	`subject_id` text NOT NULL,
	`ordinal` integer NOT NULL,
	`source_id` text NOT NULL,
	`excerpt` text NOT NULL,
	PRIMARY KEY(`subject_kind`, `subject_id`, `ordinal`),
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `citations_source_idx` ON `citations` (`source_id`,`subject_kind`,`subject_id`);--> statement-breakpoint
CREATE TABLE `delegation_members` (
	`delegation_id` text NOT NULL,
	`person_id` text NOT NULL,
	`role` text,
	PRIMARY KEY(`delegation_id`, `person_id`),
	FOREIGN KEY (`delegation_id`) REFERENCES `delegations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `delegation_members_person_idx` ON `delegation_members` (`person_id`);--> statement-breakpoint
CREATE TABLE `delegation_receivers` (
	`delegation_id` text NOT NULL,
	`ordinal` integer NOT NULL,
	`person_id` text,
	`organization_id` text,
	`group_label` text,
	`role` text NOT NULL,
	`place_id` text,
	PRIMARY KEY(`delegation_id`, `ordinal`),
	FOREIGN KEY (`delegation_id`) REFERENCES `delegations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`place_id`) REFERENCES `places`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "delegation_receivers_one_receiver" CHECK(("delegation_receivers"."person_id" is not null) + ("delegation_receivers"."organization_id" is not null) + ("delegation_receivers"."group_label" is not null) = 1)
);
--> statement-breakpoint
CREATE INDEX `delegation_receivers_person_idx` ON `delegation_receivers` (`person_id`);--> statement-breakpoint
CREATE TABLE `delegations` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`leader_id` text,
	`sender_id` text,
	`destination_id` text,
	`event_id` text,
	`arrival` text,
	`arrival_first_day` text,
	`arrival_place_id` text,
	`purpose` text,
	FOREIGN KEY (`leader_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`sender_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`destination_id`) REFERENCES `places`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`arrival_place_id`) REFERENCES `places`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `delegations_leader_idx` ON `delegations` (`leader_id`);--> statement-breakpoint
CREATE INDEX `delegations_destination_idx` ON `delegations` (`destination_id`);--> statement-breakpoint
CREATE INDEX `delegations_event_idx` ON `delegations` (`event_id`);--> statement-breakpoint
CREATE INDEX `delegations_arrival_idx` ON `delegations` (`arrival_first_day`);--> statement-breakpoint
CREATE TABLE `event_names` (
	`event_id` text NOT NULL,
	`ordinal` integer NOT NULL,
	`name` text NOT NULL,
	`used_by` text NOT NULL,
	PRIMARY KEY(`event_id`, `ordinal`),
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `event_names_used_by_idx` ON `event_names` (`used_by`);--> statement-breakpoint
CREATE TABLE `events` (
	`id` text PRIMARY KEY NOT NULL,
	`type` text NOT NULL,
	`title` text NOT NULL,
	`summary` text,
	`start` text NOT NULL,
	`end` text,
	`start_first_day` text NOT NULL,
	`end_last_day` text NOT NULL,
	`place_id` text,
	`parent_id` text,
	`commemorates_id` text,
	FOREIGN KEY (`place_id`) REFERENCES `places`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`parent_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`commemorates_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `events_start_idx` ON `events` (`start_first_day`,`id`);--> statement-breakpoint
CREATE INDEX `events_end_idx` ON `events` (`end_last_day`);--> statement-breakpoint
CREATE INDEX `events_title_idx` ON `events` (`title`,`id`);--> statement-breakpoint
CREATE INDEX `events_type_idx` ON `events` (`type`,`start_first_day`);--> statement-breakpoint
CREATE INDEX `events_place_idx` ON `events` (`place_id`);--> statement-breakpoint
CREATE INDEX `events_parent_idx` ON `events` (`parent_id`);--> statement-breakpoint
CREATE INDEX `events_commemorates_idx` ON `events` (`commemorates_id`);--> statement-breakpoint
CREATE TABLE `participations` (
	`id` text PRIMARY KEY NOT NULL,
	`event_id` text NOT NULL,
	`person_id` text,
	`organization_id` text,
	`group_label` text,
	`role` text NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "participations_one_participant" CHECK(("participations"."person_id" is not null) + ("participations"."organization_id" is not null) + ("participations"."group_label" is not null) = 1)
);
--> statement-breakpoint
CREATE INDEX `participations_event_idx` ON `participations` (`event_id`);--> statement-breakpoint
CREATE INDEX `participations_person_idx` ON `participations` (`person_id`,`event_id`);--> statement-breakpoint
CREATE INDEX `participations_organization_idx` ON `participations` (`organization_id`,`event_id`);--> statement-breakpoint
CREATE TABLE `figures` (
	`id` text PRIMARY KEY NOT NULL,
	`subject_id` text NOT NULL,
	`event_id` text,
	`measure` text NOT NULL,
	`value` real NOT NULL,
	`qualifier` text NOT NULL,
	`lower_bound` real,
	`lower_inclusive` integer NOT NULL,
	`upper_bound` real,
	`upper_inclusive` integer NOT NULL,
	`unit` text NOT NULL,
	`as_stated` text NOT NULL,
	`note` text,
	FOREIGN KEY (`subject_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `figures_subject_idx` ON `figures` (`subject_id`);--> statement-breakpoint
CREATE INDEX `figures_event_idx` ON `figures` (`event_id`);--> statement-breakpoint
CREATE TABLE `organizations` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`type` text NOT NULL,
	`aliases` text DEFAULT '[]' NOT NULL,
	`country_id` text,
	`parent_id` text,
	`description` text,
	FOREIGN KEY (`country_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`parent_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `organizations_country_idx` ON `organizations` (`country_id`);--> statement-breakpoint
CREATE INDEX `organizations_parent_idx` ON `organizations` (`parent_id`);--> statement-breakpoint
CREATE INDEX `organizations_name_idx` ON `organizations` (`name`);--> statement-breakpoint
CREATE TABLE `people` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`aliases` text DEFAULT '[]' NOT NULL,
	`country_id` text,
	`description` text,
	FOREIGN KEY (`country_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `people_country_idx` ON `people` (`country_id`);--> statement-breakpoint
CREATE INDEX `people_name_idx` ON `people` (`name`);--> statement-breakpoint
CREATE TABLE `positions` (
	`id` text PRIMARY KEY NOT NULL,
	`person_id` text NOT NULL,
	`organization_id` text,
	`title` text NOT NULL,
	`start` text,
	`end` text,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `positions_person_idx` ON `positions` (`person_id`);--> statement-breakpoint
CREATE INDEX `positions_organization_idx` ON `positions` (`organization_id`,`person_id`);--> statement-breakpoint
CREATE TABLE `relations` (
	`id` text PRIMARY KEY NOT NULL,
	`person_id` text NOT NULL,
	`relation` text NOT NULL,
	`related_person_id` text NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`related_person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `relations_person_idx` ON `relations` (`person_id`);--> statement-breakpoint
CREATE INDEX `relations_related_idx` ON `relations` (`related_person_id`);--> statement-breakpoint
CREATE TABLE `places` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`type` text NOT NULL,
	`aliases` text DEFAULT '[]' NOT NULL,
	`parent_id` text,
	FOREIGN KEY (`parent_id`) REFERENCES `places`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `places_parent_idx` ON `places` (`parent_id`);--> statement-breakpoint
CREATE INDEX `places_name_idx` ON `places` (`name`);--> statement-breakpoint
CREATE TABLE `source_cites` (
	`source_id` text NOT NULL,
	`cited_source_id` text NOT NULL,
	PRIMARY KEY(`source_id`, `cited_source_id`),
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`cited_source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `source_cites_cited_idx` ON `source_cites` (`cited_source_id`);--> statement-breakpoint
CREATE TABLE `sources` (
	`id` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`publisher` text,
	`published` text,
	`url` text,
	`text` text
);
--> statement-breakpoint
CREATE TABLE `statements` (
	`id` text PRIMARY KEY NOT NULL,
	`speaker_person_id` text,
	`speaker_organization_id` text,
	`date` text,
	`date_first_day` text,
	`date_last_day` text,
	`event_id` text,
	`delegation_id` text,
	`kind` text NOT NULL,
	`mode` text NOT NULL,
	`text` text NOT NULL,
	FOREIGN KEY (`speaker_person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`speaker_organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`delegation_id`) REFERENCES `delegations`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "statements_one_speaker" CHECK(("statements"."speaker_person_id" is not null) + ("statements"."speaker_organization_id" is not null) = 1)
);
--> statement-breakpoint
CREATE INDEX `statements_speaker_person_idx` ON `statements` (`speaker_person_id`,`date_first_day`);--> statement-breakpoint
CREATE INDEX `statements_speaker_organization_idx` ON `statements` (`speaker_organization_id`,`date_first_day`);--> statement-breakpoint
CREATE INDEX `statements_event_idx` ON `statements` (`event_id`);--> statement-breakpoint
CREATE INDEX `statements_delegation_idx` ON `statements` (`delegation_id`);--> statement-breakpoint
CREATE INDEX `statements_date_idx` ON `statements` (`date_first_day`,`id`);