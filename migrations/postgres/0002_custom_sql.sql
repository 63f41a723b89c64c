-- What drizzle's PostgreSQL schema cannot describe, as src/db/sql/postgres/*.sql writes it today:
-- the lists' date-order indexes on coalesce(day, '9999-99-99') (order-indexes.sql) and the
-- triggers that copy an event's start into its participations (participation-start.sql).
CREATE INDEX statements_date_order_idx ON statements (coalesce(date_first_day, '9999-99-99'), id);
--> statement-breakpoint
CREATE INDEX statements_speaker_person_order_idx ON statements (speaker_person_id, coalesce(date_first_day, '9999-99-99'), id);
--> statement-breakpoint
CREATE INDEX statements_speaker_organization_order_idx ON statements (speaker_organization_id, coalesce(date_first_day, '9999-99-99'), id);
--> statement-breakpoint
CREATE INDEX statements_event_order_idx ON statements (event_id, coalesce(date_first_day, '9999-99-99'), id);
--> statement-breakpoint
CREATE INDEX statements_delegation_order_idx ON statements (delegation_id, coalesce(date_first_day, '9999-99-99'), id);
--> statement-breakpoint
CREATE INDEX statements_mode_order_idx ON statements (mode, coalesce(date_first_day, '9999-99-99'), id);
--> statement-breakpoint
CREATE INDEX delegations_arrival_order_idx ON delegations (coalesce(arrival_first_day, '9999-99-99'), id);
--> statement-breakpoint
CREATE FUNCTION participations_event_start() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.event_start_first_day := (SELECT start_first_day FROM events WHERE id = NEW.event_id);
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER participations_event_start_before_write BEFORE INSERT OR UPDATE OF event_id ON participations
FOR EACH ROW EXECUTE FUNCTION participations_event_start();
--> statement-breakpoint
CREATE FUNCTION events_participation_start() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE participations
  SET event_start_first_day = NEW.start_first_day
  WHERE event_id = NEW.id AND event_start_first_day IS DISTINCT FROM NEW.start_first_day;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER events_participation_start_after_write AFTER INSERT OR UPDATE OF start_first_day ON events
FOR EACH ROW EXECUTE FUNCTION events_participation_start();
