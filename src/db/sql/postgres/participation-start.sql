-- participations.event_start_first_day on PostgreSQL: the event's start copied into each
-- participation, as ../participation-start.sql keeps it on SQLite, for the partial
-- (party, start, event, id) indexes of src/kinds/participations/table.pg.ts. Created by
-- migrations/postgres/0002_custom_sql.sql.
--
-- Two triggers where SQLite has four: a BEFORE trigger may set NEW, so a participation takes its
-- event's start as it is written, with no second UPDATE of the row (SQLite's triggers cannot
-- change NEW and update the row after). A participation written before its event (an import
-- checks foreign keys at commit) gets NULL, and the event's insert fills it, as on SQLite.

-- A participation takes its event's start when written or moved to another event. An upsert
-- names event_id in its SET, so this also runs when an import re-writes a participation; the
-- app never writes the column itself.
CREATE FUNCTION participations_event_start() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.event_start_first_day := (SELECT start_first_day FROM events WHERE id = NEW.event_id);
  RETURN NEW;
END;
$$;

CREATE TRIGGER participations_event_start_before_write BEFORE INSERT OR UPDATE OF event_id ON participations
FOR EACH ROW EXECUTE FUNCTION participations_event_start();

-- An event's start, when the event is written or its start changes, reaches its participations
-- (found through participations_event_idx); only changed values are written, so an import
-- re-writing unchanged events costs a lookup, not a write.
CREATE FUNCTION events_participation_start() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE participations
  SET event_start_first_day = NEW.start_first_day
  WHERE event_id = NEW.id AND event_start_first_day IS DISTINCT FROM NEW.start_first_day;
  RETURN NULL;
END;
$$;

CREATE TRIGGER events_participation_start_after_write AFTER INSERT OR UPDATE OF start_first_day ON events
FOR EACH ROW EXECUTE FUNCTION events_participation_start();
