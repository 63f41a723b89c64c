-- The search documents, as src/db/sql/postgres/search.sql writes them today: a view per kind and
-- the triggers that keep search_docs in step with every write. No database holds data yet (the
-- PostgreSQL backend does not write before this), so there are no documents to fill.
CREATE VIEW search_doc_event AS
SELECT 'event' AS kind, e.id AS entity_id, e.title AS title,
  e.title || coalesce(' ' || (SELECT string_agg(n.name, ' ' ORDER BY n.ordinal) FROM event_names n WHERE n.event_id = e.id), '') AS name,
  replace(replace(e.type, '_', ' '), '-', ' ') || ' ' || coalesce(e.summary, '') AS body
FROM events e;
--> statement-breakpoint
CREATE FUNCTION events_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND OLD.id <> NEW.id) THEN
    DELETE FROM search_docs WHERE kind = 'event' AND entity_id = OLD.id;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO search_docs (kind, entity_id, title, name, body)
      SELECT kind, entity_id, title, name, body FROM search_doc_event WHERE entity_id = NEW.id
      ON CONFLICT (kind, entity_id) DO UPDATE SET title = excluded.title, name = excluded.name, body = excluded.body;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER events_search AFTER INSERT OR UPDATE OR DELETE ON events
FOR EACH ROW EXECUTE FUNCTION events_search();
--> statement-breakpoint
CREATE FUNCTION event_names_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    INSERT INTO search_docs (kind, entity_id, title, name, body)
      SELECT kind, entity_id, title, name, body FROM search_doc_event WHERE entity_id = OLD.event_id
      ON CONFLICT (kind, entity_id) DO UPDATE SET title = excluded.title, name = excluded.name, body = excluded.body;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO search_docs (kind, entity_id, title, name, body)
      SELECT kind, entity_id, title, name, body FROM search_doc_event WHERE entity_id = NEW.event_id
      ON CONFLICT (kind, entity_id) DO UPDATE SET title = excluded.title, name = excluded.name, body = excluded.body;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER event_names_search AFTER INSERT OR UPDATE OR DELETE ON event_names
FOR EACH ROW EXECUTE FUNCTION event_names_search();
--> statement-breakpoint
CREATE VIEW search_doc_person AS
SELECT 'person' AS kind, p.id AS entity_id, p.name AS title,
  p.name || coalesce(' ' || (SELECT string_agg(a.value, ' ' ORDER BY a.n) FROM json_array_elements_text(p.aliases::json) WITH ORDINALITY a(value, n)), '') AS name,
  coalesce(p.description, '') AS body
FROM people p;
--> statement-breakpoint
CREATE FUNCTION people_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND OLD.id <> NEW.id) THEN
    DELETE FROM search_docs WHERE kind = 'person' AND entity_id = OLD.id;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO search_docs (kind, entity_id, title, name, body)
      SELECT kind, entity_id, title, name, body FROM search_doc_person WHERE entity_id = NEW.id
      ON CONFLICT (kind, entity_id) DO UPDATE SET title = excluded.title, name = excluded.name, body = excluded.body;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER people_search AFTER INSERT OR UPDATE OR DELETE ON people
FOR EACH ROW EXECUTE FUNCTION people_search();
--> statement-breakpoint
CREATE VIEW search_doc_organization AS
SELECT 'organization' AS kind, o.id AS entity_id, o.name AS title,
  o.name || coalesce(' ' || (SELECT string_agg(a.value, ' ' ORDER BY a.n) FROM json_array_elements_text(o.aliases::json) WITH ORDINALITY a(value, n)), '') AS name,
  replace(replace(o.type, '_', ' '), '-', ' ') || ' ' || coalesce(o.description, '') AS body
FROM organizations o;
--> statement-breakpoint
CREATE FUNCTION organizations_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND OLD.id <> NEW.id) THEN
    DELETE FROM search_docs WHERE kind = 'organization' AND entity_id = OLD.id;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO search_docs (kind, entity_id, title, name, body)
      SELECT kind, entity_id, title, name, body FROM search_doc_organization WHERE entity_id = NEW.id
      ON CONFLICT (kind, entity_id) DO UPDATE SET title = excluded.title, name = excluded.name, body = excluded.body;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER organizations_search AFTER INSERT OR UPDATE OR DELETE ON organizations
FOR EACH ROW EXECUTE FUNCTION organizations_search();
--> statement-breakpoint
CREATE VIEW search_doc_place AS
SELECT 'place' AS kind, pl.id AS entity_id, pl.name AS title,
  pl.name || coalesce(' ' || (SELECT string_agg(a.value, ' ' ORDER BY a.n) FROM json_array_elements_text(pl.aliases::json) WITH ORDINALITY a(value, n)), '') AS name,
  replace(replace(pl.type, '_', ' '), '-', ' ') AS body
FROM places pl;
--> statement-breakpoint
CREATE FUNCTION places_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND OLD.id <> NEW.id) THEN
    DELETE FROM search_docs WHERE kind = 'place' AND entity_id = OLD.id;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO search_docs (kind, entity_id, title, name, body)
      SELECT kind, entity_id, title, name, body FROM search_doc_place WHERE entity_id = NEW.id
      ON CONFLICT (kind, entity_id) DO UPDATE SET title = excluded.title, name = excluded.name, body = excluded.body;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER places_search AFTER INSERT OR UPDATE OR DELETE ON places
FOR EACH ROW EXECUTE FUNCTION places_search();
--> statement-breakpoint
CREATE VIEW search_doc_delegation AS
SELECT 'delegation' AS kind, d.id AS entity_id, d.name AS title,
  d.name AS name,
  coalesce(d.purpose, '') AS body
FROM delegations d;
--> statement-breakpoint
CREATE FUNCTION delegations_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND OLD.id <> NEW.id) THEN
    DELETE FROM search_docs WHERE kind = 'delegation' AND entity_id = OLD.id;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO search_docs (kind, entity_id, title, name, body)
      SELECT kind, entity_id, title, name, body FROM search_doc_delegation WHERE entity_id = NEW.id
      ON CONFLICT (kind, entity_id) DO UPDATE SET title = excluded.title, name = excluded.name, body = excluded.body;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER delegations_search AFTER INSERT OR UPDATE OR DELETE ON delegations
FOR EACH ROW EXECUTE FUNCTION delegations_search();
--> statement-breakpoint
CREATE VIEW search_doc_statement AS
SELECT 'statement' AS kind, s.id AS entity_id,
  coalesce(p.name, o.name, '') || ': ' || CASE WHEN length(s.text) > 80 THEN substr(s.text, 1, 79) || '…' ELSE s.text END AS title,
  coalesce(p.name, o.name, '') AS name,
  s.text AS body
FROM statements s
LEFT JOIN people p ON p.id = s.speaker_person_id
LEFT JOIN organizations o ON o.id = s.speaker_organization_id;
--> statement-breakpoint
CREATE FUNCTION statements_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND OLD.id <> NEW.id) THEN
    DELETE FROM search_docs WHERE kind = 'statement' AND entity_id = OLD.id;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO search_docs (kind, entity_id, title, name, body)
      SELECT kind, entity_id, title, name, body FROM search_doc_statement WHERE entity_id = NEW.id
      ON CONFLICT (kind, entity_id) DO UPDATE SET title = excluded.title, name = excluded.name, body = excluded.body;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER statements_search AFTER INSERT OR UPDATE OR DELETE ON statements
FOR EACH ROW EXECUTE FUNCTION statements_search();
--> statement-breakpoint
CREATE VIEW search_doc_figure AS
SELECT 'figure' AS kind, f.id AS entity_id, f.as_stated || ' ' || f.measure AS title,
  f.measure AS name,
  f.as_stated || ' ' || f.unit || ' ' || coalesce(f.note, '') AS body
FROM figures f;
--> statement-breakpoint
CREATE FUNCTION figures_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND OLD.id <> NEW.id) THEN
    DELETE FROM search_docs WHERE kind = 'figure' AND entity_id = OLD.id;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO search_docs (kind, entity_id, title, name, body)
      SELECT kind, entity_id, title, name, body FROM search_doc_figure WHERE entity_id = NEW.id
      ON CONFLICT (kind, entity_id) DO UPDATE SET title = excluded.title, name = excluded.name, body = excluded.body;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER figures_search AFTER INSERT OR UPDATE OR DELETE ON figures
FOR EACH ROW EXECUTE FUNCTION figures_search();
--> statement-breakpoint
CREATE VIEW search_doc_source AS
SELECT 'source' AS kind, so.id AS entity_id, so.title AS title,
  so.title AS name,
  coalesce(so.publisher, '') || ' ' || coalesce(so.text, '') AS body
FROM sources so;
--> statement-breakpoint
CREATE FUNCTION sources_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND OLD.id <> NEW.id) THEN
    DELETE FROM search_docs WHERE kind = 'source' AND entity_id = OLD.id;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO search_docs (kind, entity_id, title, name, body)
      SELECT kind, entity_id, title, name, body FROM search_doc_source WHERE entity_id = NEW.id
      ON CONFLICT (kind, entity_id) DO UPDATE SET title = excluded.title, name = excluded.name, body = excluded.body;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER sources_search AFTER INSERT OR UPDATE OR DELETE ON sources
FOR EACH ROW EXECUTE FUNCTION sources_search();
--> statement-breakpoint
CREATE FUNCTION people_statements_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO search_docs (kind, entity_id, title, name, body)
    SELECT kind, entity_id, title, name, body FROM search_doc_statement
    WHERE entity_id IN (SELECT id FROM statements WHERE speaker_person_id = NEW.id)
    ON CONFLICT (kind, entity_id) DO UPDATE SET title = excluded.title, name = excluded.name, body = excluded.body;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER people_statements_search AFTER INSERT OR UPDATE OF name ON people
FOR EACH ROW EXECUTE FUNCTION people_statements_search();
--> statement-breakpoint
CREATE FUNCTION organizations_statements_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO search_docs (kind, entity_id, title, name, body)
    SELECT kind, entity_id, title, name, body FROM search_doc_statement
    WHERE entity_id IN (SELECT id FROM statements WHERE speaker_organization_id = NEW.id)
    ON CONFLICT (kind, entity_id) DO UPDATE SET title = excluded.title, name = excluded.name, body = excluded.body;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER organizations_statements_search AFTER INSERT OR UPDATE OF name ON organizations
FOR EACH ROW EXECUTE FUNCTION organizations_statements_search();
