-- Indexes in the order the lists and an item's embedded lists are read (the query-plan test,
-- test/perf/query-plans.test.ts): a filter value, then the sort key, then the id tie-break, so
-- that a page is one index range read in order instead of every match sorted. 0007's plain
-- indexes are now declared in src/db/schema, so this migration's snapshot holds them: they exist
-- already and are not created again here. Every drop comes first, so that the new indexes are
-- written into the pages the old ones free rather than growing the file.
--
-- Indexes on one column that 0007 made redundant by a longer one led by the same column:
-- each lookup they served the longer one serves, and every write updated both.
DROP INDEX `delegations_leader_idx`;
--> statement-breakpoint
DROP INDEX `delegations_sender_idx`;
--> statement-breakpoint
DROP INDEX `delegations_event_idx`;
--> statement-breakpoint
DROP INDEX `events_parent_idx`;
--> statement-breakpoint
DROP INDEX `figures_subject_idx`;
--> statement-breakpoint
DROP INDEX `figures_event_idx`;
--> statement-breakpoint
DROP INDEX `organizations_country_idx`;
--> statement-breakpoint
DROP INDEX `organizations_parent_idx`;
--> statement-breakpoint
DROP INDEX `places_parent_idx`;
--> statement-breakpoint
DROP INDEX `statements_event_idx`;
--> statement-breakpoint
DROP INDEX `statements_delegation_idx`;
--> statement-breakpoint
-- Replaced below by longer ones.
DROP INDEX `statements_speaker_person_idx`;
--> statement-breakpoint
DROP INDEX `statements_speaker_organization_idx`;
--> statement-breakpoint
DROP INDEX `positions_person_idx`;
--> statement-breakpoint
DROP INDEX `source_cites_cited_idx`;
--> statement-breakpoint
-- A speaker's statements in the lists' date order (statements_date_order_idx's key), for
-- `speaker=`, a person's or organization's statements and the person's statements view. The
-- (speaker, date_first_day) indexes they replace ordered neither undated statements nor ids.
CREATE INDEX statements_speaker_person_order_idx ON statements (speaker_person_id, coalesce(date_first_day, '9999-99-99'), id);
--> statement-breakpoint
CREATE INDEX statements_speaker_organization_order_idx ON statements (speaker_organization_id, coalesce(date_first_day, '9999-99-99'), id);
--> statement-breakpoint
-- A person's positions by start, then id.
CREATE INDEX `positions_person_idx` ON `positions` (`person_id`,`start`,`id`);
--> statement-breakpoint
-- The sources citing a source, by id.
CREATE INDEX `source_cites_cited_idx` ON `source_cites` (`cited_source_id`,`source_id`);
