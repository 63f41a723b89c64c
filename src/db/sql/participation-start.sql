-- participations.event_start_first_day: the event's start copied into each participation
-- (created by migrations/0009_participation_event_start.sql), so that a party's events by start
-- (a person's or organization's embedded events, a person's events view) are read in order from
-- the partial (party, start, event, id) indexes declared in src/kinds/participations/table.ts
-- instead of sorting every participation by its event's start.
--
-- The copy is kept by triggers on both sides, since an import writes rows in any order (foreign
-- keys deferred to commit): a participation written before its event stays NULL until the event
-- is written, and the event's insert fills it. Each trigger looks its rows up by key (events by
-- id, participations by id or through participations_event_idx) and writes only a changed value,
-- so an import re-writing unchanged rows costs a lookup, not a write.

-- A participation takes its event's start when written.
CREATE TRIGGER participations_event_start_after_insert AFTER INSERT ON participations
BEGIN
  UPDATE participations
  SET event_start_first_day = (SELECT start_first_day FROM events WHERE id = NEW.event_id)
  WHERE id = NEW.id
    AND event_start_first_day IS NOT (SELECT start_first_day FROM events WHERE id = NEW.event_id);
END;

-- An upsert names event_id in its SET, so this also runs when an import re-writes a participation.
CREATE TRIGGER participations_event_start_after_update AFTER UPDATE OF event_id ON participations
BEGIN
  UPDATE participations
  SET event_start_first_day = (SELECT start_first_day FROM events WHERE id = NEW.event_id)
  WHERE id = NEW.id
    AND event_start_first_day IS NOT (SELECT start_first_day FROM events WHERE id = NEW.event_id);
END;

-- An event's start, when the event is written or its start changes, reaches its participations.
CREATE TRIGGER events_participation_start_after_insert AFTER INSERT ON events
BEGIN
  UPDATE participations
  SET event_start_first_day = NEW.start_first_day
  WHERE event_id = NEW.id AND event_start_first_day IS NOT NEW.start_first_day;
END;

CREATE TRIGGER events_participation_start_after_update AFTER UPDATE OF start_first_day ON events
BEGIN
  UPDATE participations
  SET event_start_first_day = NEW.start_first_day
  WHERE event_id = NEW.id AND event_start_first_day IS NOT NEW.start_first_day;
END;
