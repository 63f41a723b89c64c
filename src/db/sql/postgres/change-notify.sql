-- Change notifications for the render cache (src/db/postgres-changes.ts says why LISTEN/NOTIFY):
-- every table, after any statement that may change it, notifies the channel annals_changes.
-- PostgreSQL sends a notification at commit only, and one for all the identical ones of a
-- transaction, so an import of 100,000 records is one notification. Statement-level, not per row:
-- one call per statement, whatever it touches. What it costs is per statement, so it shows where
-- a row-level trigger writes another table once per row (the search documents, search.sql):
-- measured at load 7-9 on 2 cores, 100,000 such nested inserts took 1.0-1.2 s with it against
-- 0.62-0.74 s without, about 4 us a record written (a WHEN (pg_trigger_depth() < 1) clause saved
-- little of it: the cost is the trigger's queueing). Created by
-- migrations/postgres/0006_change_notifications.sql. A new table needs its trigger here too
-- (test/postgres/changes.test.ts checks that every table has one).

CREATE FUNCTION annals_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('annals_changes', '');
  RETURN NULL;
END;
$$;

CREATE TRIGGER citation_steps_notify_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON citation_steps
FOR EACH STATEMENT EXECUTE FUNCTION annals_notify_change();

CREATE TRIGGER citations_notify_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON citations
FOR EACH STATEMENT EXECUTE FUNCTION annals_notify_change();

CREATE TRIGGER delegation_members_notify_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON delegation_members
FOR EACH STATEMENT EXECUTE FUNCTION annals_notify_change();

CREATE TRIGGER delegation_receivers_notify_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON delegation_receivers
FOR EACH STATEMENT EXECUTE FUNCTION annals_notify_change();

CREATE TRIGGER delegations_notify_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON delegations
FOR EACH STATEMENT EXECUTE FUNCTION annals_notify_change();

CREATE TRIGGER event_names_notify_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON event_names
FOR EACH STATEMENT EXECUTE FUNCTION annals_notify_change();

CREATE TRIGGER events_notify_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON events
FOR EACH STATEMENT EXECUTE FUNCTION annals_notify_change();

CREATE TRIGGER field_basis_notify_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON field_basis
FOR EACH STATEMENT EXECUTE FUNCTION annals_notify_change();

CREATE TRIGGER figures_notify_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON figures
FOR EACH STATEMENT EXECUTE FUNCTION annals_notify_change();

CREATE TRIGGER imports_notify_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON imports
FOR EACH STATEMENT EXECUTE FUNCTION annals_notify_change();

CREATE TRIGGER organizations_notify_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON organizations
FOR EACH STATEMENT EXECUTE FUNCTION annals_notify_change();

CREATE TRIGGER participations_notify_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON participations
FOR EACH STATEMENT EXECUTE FUNCTION annals_notify_change();

CREATE TRIGGER people_notify_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON people
FOR EACH STATEMENT EXECUTE FUNCTION annals_notify_change();

CREATE TRIGGER places_notify_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON places
FOR EACH STATEMENT EXECUTE FUNCTION annals_notify_change();

CREATE TRIGGER positions_notify_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON positions
FOR EACH STATEMENT EXECUTE FUNCTION annals_notify_change();

CREATE TRIGGER relations_notify_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON relations
FOR EACH STATEMENT EXECUTE FUNCTION annals_notify_change();

CREATE TRIGGER search_docs_notify_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON search_docs
FOR EACH STATEMENT EXECUTE FUNCTION annals_notify_change();

CREATE TRIGGER source_cites_notify_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON source_cites
FOR EACH STATEMENT EXECUTE FUNCTION annals_notify_change();

CREATE TRIGGER sources_notify_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON sources
FOR EACH STATEMENT EXECUTE FUNCTION annals_notify_change();

CREATE TRIGGER statements_notify_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON statements
FOR EACH STATEMENT EXECUTE FUNCTION annals_notify_change();
