-- The render cache's change notifications (src/db/sql/postgres/change-notify.sql): a statement-level
-- trigger on every table that notifies annals_changes, listened to by src/db/postgres-changes.ts.
CREATE FUNCTION annals_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('annals_changes', '');
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER citation_steps_notify_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON citation_steps
FOR EACH STATEMENT EXECUTE FUNCTION annals_notify_change();
--> statement-breakpoint
CREATE TRIGGER citations_notify_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON citations
FOR EACH STATEMENT EXECUTE FUNCTION annals_notify_change();
--> statement-breakpoint
CREATE TRIGGER delegation_members_notify_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON delegation_members
FOR EACH STATEMENT EXECUTE FUNCTION annals_notify_change();
--> statement-breakpoint
CREATE TRIGGER delegation_receivers_notify_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON delegation_receivers
FOR EACH STATEMENT EXECUTE FUNCTION annals_notify_change();
--> statement-breakpoint
CREATE TRIGGER delegations_notify_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON delegations
FOR EACH STATEMENT EXECUTE FUNCTION annals_notify_change();
--> statement-breakpoint
CREATE TRIGGER event_names_notify_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON event_names
FOR EACH STATEMENT EXECUTE FUNCTION annals_notify_change();
--> statement-breakpoint
CREATE TRIGGER events_notify_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON events
FOR EACH STATEMENT EXECUTE FUNCTION annals_notify_change();
--> statement-breakpoint
CREATE TRIGGER field_basis_notify_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON field_basis
FOR EACH STATEMENT EXECUTE FUNCTION annals_notify_change();
--> statement-breakpoint
CREATE TRIGGER figures_notify_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON figures
FOR EACH STATEMENT EXECUTE FUNCTION annals_notify_change();
--> statement-breakpoint
CREATE TRIGGER imports_notify_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON imports
FOR EACH STATEMENT EXECUTE FUNCTION annals_notify_change();
--> statement-breakpoint
CREATE TRIGGER organizations_notify_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON organizations
FOR EACH STATEMENT EXECUTE FUNCTION annals_notify_change();
--> statement-breakpoint
CREATE TRIGGER participations_notify_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON participations
FOR EACH STATEMENT EXECUTE FUNCTION annals_notify_change();
--> statement-breakpoint
CREATE TRIGGER people_notify_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON people
FOR EACH STATEMENT EXECUTE FUNCTION annals_notify_change();
--> statement-breakpoint
CREATE TRIGGER places_notify_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON places
FOR EACH STATEMENT EXECUTE FUNCTION annals_notify_change();
--> statement-breakpoint
CREATE TRIGGER positions_notify_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON positions
FOR EACH STATEMENT EXECUTE FUNCTION annals_notify_change();
--> statement-breakpoint
CREATE TRIGGER relations_notify_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON relations
FOR EACH STATEMENT EXECUTE FUNCTION annals_notify_change();
--> statement-breakpoint
CREATE TRIGGER search_docs_notify_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON search_docs
FOR EACH STATEMENT EXECUTE FUNCTION annals_notify_change();
--> statement-breakpoint
CREATE TRIGGER source_cites_notify_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON source_cites
FOR EACH STATEMENT EXECUTE FUNCTION annals_notify_change();
--> statement-breakpoint
CREATE TRIGGER sources_notify_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON sources
FOR EACH STATEMENT EXECUTE FUNCTION annals_notify_change();
--> statement-breakpoint
CREATE TRIGGER statements_notify_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON statements
FOR EACH STATEMENT EXECUTE FUNCTION annals_notify_change();
