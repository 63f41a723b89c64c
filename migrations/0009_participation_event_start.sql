-- A party's events by start (a person's or organization's embedded events, a person's events
-- view) read participations by person or organization, then sorted every one of them by their
-- event's start: at 10k participations the sort was most of the request. The event's start is
-- copied into participations, and (party, start, event, id) indexes give the lists' order; they
-- replace (party, event_id), whose lookups by party alone they serve as well. Each is partial (its
-- party NOT NULL): a participation is of one party, so each index holds only its own rows.
DROP INDEX `participations_person_idx`;
--> statement-breakpoint
DROP INDEX `participations_organization_idx`;
--> statement-breakpoint
ALTER TABLE `participations` ADD `event_start_first_day` text;
--> statement-breakpoint
-- Filled before the indexes are made, so that each is built once from the filled rows.
UPDATE participations
SET event_start_first_day = (SELECT start_first_day FROM events WHERE events.id = participations.event_id);
--> statement-breakpoint
CREATE INDEX `participations_person_start_idx` ON `participations` (`person_id`,`event_start_first_day`,`event_id`,`id`) WHERE "participations"."person_id" is not null;
--> statement-breakpoint
CREATE INDEX `participations_organization_start_idx` ON `participations` (`organization_id`,`event_start_first_day`,`event_id`,`id`) WHERE "participations"."organization_id" is not null;
--> statement-breakpoint
-- The copy is kept by triggers on both sides, since an import writes rows in any order (foreign
-- keys deferred to commit): a participation written before its event stays NULL until the event
-- is written, and the event's insert fills it. Each trigger looks its rows up by key (events by
-- id, participations by id or through participations_event_idx) and writes only a changed value,
-- so an import re-writing unchanged rows costs a lookup, not a write.
CREATE TRIGGER participations_event_start_after_insert AFTER INSERT ON participations
BEGIN
  UPDATE participations
  SET event_start_first_day = (SELECT start_first_day FROM events WHERE id = NEW.event_id)
  WHERE id = NEW.id
    AND event_start_first_day IS NOT (SELECT start_first_day FROM events WHERE id = NEW.event_id);
END;
--> statement-breakpoint
-- An upsert names event_id in its SET, so this also runs when an import re-writes a participation.
CREATE TRIGGER participations_event_start_after_update AFTER UPDATE OF event_id ON participations
BEGIN
  UPDATE participations
  SET event_start_first_day = (SELECT start_first_day FROM events WHERE id = NEW.event_id)
  WHERE id = NEW.id
    AND event_start_first_day IS NOT (SELECT start_first_day FROM events WHERE id = NEW.event_id);
END;
--> statement-breakpoint
CREATE TRIGGER events_participation_start_after_insert AFTER INSERT ON events
BEGIN
  UPDATE participations
  SET event_start_first_day = NEW.start_first_day
  WHERE event_id = NEW.id AND event_start_first_day IS NOT NEW.start_first_day;
END;
--> statement-breakpoint
CREATE TRIGGER events_participation_start_after_update AFTER UPDATE OF start_first_day ON events
BEGIN
  UPDATE participations
  SET event_start_first_day = NEW.start_first_day
  WHERE event_id = NEW.id AND event_start_first_day IS NOT NEW.start_first_day;
END;
