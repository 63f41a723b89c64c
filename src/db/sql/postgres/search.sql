-- The search documents on PostgreSQL: ../search.sql's, without its FTS5 index (search_fts and
-- the triggers on search_docs that fed it): PostgreSQL's own full-text index over search_docs
-- is search-index.sql's. Created by migrations/postgres/0003_search_documents.sql.
--
-- Each kind has a view computing its document (search_doc_<kind>), the same text as SQLite's
-- (test/postgres/search-documents.test.ts compares the seed's), and a trigger on its table that
-- upserts or deletes the document on every write, in the write's own transaction. One trigger
-- function a table, for INSERT, UPDATE and DELETE alike, where SQLite needs three triggers.
-- Lists are joined in their stored order (an event's names by ordinal, aliases as in their
-- array), which SQLite's group_concat gives by reading them in that order.

-- Events: the title and the names it is known by (in their order); the type and the summary. A
-- type is a slug (`wreath_laying`): its words are written apart, so that a snippet shows words.
CREATE VIEW search_doc_event AS
SELECT 'event' AS kind, e.id AS entity_id, e.title AS title,
  e.title || coalesce(' ' || (SELECT string_agg(n.name, ' ' ORDER BY n.ordinal) FROM event_names n WHERE n.event_id = e.id), '') AS name,
  replace(replace(e.type, '_', ' '), '-', ' ') || ' ' || coalesce(e.summary, '') AS body
FROM events e;

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

CREATE TRIGGER events_search AFTER INSERT OR UPDATE OR DELETE ON events
FOR EACH ROW EXECUTE FUNCTION events_search();

-- An event's names are part of its document: a name written, changed or deleted rewrites its
-- event's (both events', when a name moves from one to another).
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

CREATE TRIGGER event_names_search AFTER INSERT OR UPDATE OR DELETE ON event_names
FOR EACH ROW EXECUTE FUNCTION event_names_search();

-- People: the name and the aliases (in their order); the description.
CREATE VIEW search_doc_person AS
SELECT 'person' AS kind, p.id AS entity_id, p.name AS title,
  p.name || coalesce(' ' || (SELECT string_agg(a.value, ' ' ORDER BY a.n) FROM json_array_elements_text(p.aliases::json) WITH ORDINALITY a(value, n)), '') AS name,
  coalesce(p.description, '') AS body
FROM people p;

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

CREATE TRIGGER people_search AFTER INSERT OR UPDATE OR DELETE ON people
FOR EACH ROW EXECUTE FUNCTION people_search();

-- Organizations: the name and the aliases; the type (its words, as events') and the description.
CREATE VIEW search_doc_organization AS
SELECT 'organization' AS kind, o.id AS entity_id, o.name AS title,
  o.name || coalesce(' ' || (SELECT string_agg(a.value, ' ' ORDER BY a.n) FROM json_array_elements_text(o.aliases::json) WITH ORDINALITY a(value, n)), '') AS name,
  replace(replace(o.type, '_', ' '), '-', ' ') || ' ' || coalesce(o.description, '') AS body
FROM organizations o;

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

CREATE TRIGGER organizations_search AFTER INSERT OR UPDATE OR DELETE ON organizations
FOR EACH ROW EXECUTE FUNCTION organizations_search();

-- Places: the name and the aliases; the type (its words, as events').
CREATE VIEW search_doc_place AS
SELECT 'place' AS kind, pl.id AS entity_id, pl.name AS title,
  pl.name || coalesce(' ' || (SELECT string_agg(a.value, ' ' ORDER BY a.n) FROM json_array_elements_text(pl.aliases::json) WITH ORDINALITY a(value, n)), '') AS name,
  replace(replace(pl.type, '_', ' '), '-', ' ') AS body
FROM places pl;

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

CREATE TRIGGER places_search AFTER INSERT OR UPDATE OR DELETE ON places
FOR EACH ROW EXECUTE FUNCTION places_search();

-- Delegations: the name; the purpose.
CREATE VIEW search_doc_delegation AS
SELECT 'delegation' AS kind, d.id AS entity_id, d.name AS title,
  d.name AS name,
  coalesce(d.purpose, '') AS body
FROM delegations d;

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

CREATE TRIGGER delegations_search AFTER INSERT OR UPDATE OR DELETE ON delegations
FOR EACH ROW EXECUTE FUNCTION delegations_search();

-- Statements: titled by the speaker and the words (cut at 80 characters), named by the speaker;
-- the words.
CREATE VIEW search_doc_statement AS
SELECT 'statement' AS kind, s.id AS entity_id,
  coalesce(p.name, o.name, '') || ': ' || CASE WHEN length(s.text) > 80 THEN substr(s.text, 1, 79) || '…' ELSE s.text END AS title,
  coalesce(p.name, o.name, '') AS name,
  s.text AS body
FROM statements s
LEFT JOIN people p ON p.id = s.speaker_person_id
LEFT JOIN organizations o ON o.id = s.speaker_organization_id;

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

CREATE TRIGGER statements_search AFTER INSERT OR UPDATE OR DELETE ON statements
FOR EACH ROW EXECUTE FUNCTION statements_search();

-- Figures: titled by the figure as stated and its measure, named by the measure; the figure, its
-- unit and its note.
CREATE VIEW search_doc_figure AS
SELECT 'figure' AS kind, f.id AS entity_id, f.as_stated || ' ' || f.measure AS title,
  f.measure AS name,
  f.as_stated || ' ' || f.unit || ' ' || coalesce(f.note, '') AS body
FROM figures f;

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

CREATE TRIGGER figures_search AFTER INSERT OR UPDATE OR DELETE ON figures
FOR EACH ROW EXECUTE FUNCTION figures_search();

-- Sources: the title; the publisher and the text.
CREATE VIEW search_doc_source AS
SELECT 'source' AS kind, so.id AS entity_id, so.title AS title,
  so.title AS name,
  coalesce(so.publisher, '') || ' ' || coalesce(so.text, '') AS body
FROM sources so;

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

CREATE TRIGGER sources_search AFTER INSERT OR UPDATE OR DELETE ON sources
FOR EACH ROW EXECUTE FUNCTION sources_search();

-- A statement's document names its speaker: a speaker's new name, or a speaker written after
-- their statements (imports write in any order), rewrites the speaker's statements.

CREATE FUNCTION people_statements_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO search_docs (kind, entity_id, title, name, body)
    SELECT kind, entity_id, title, name, body FROM search_doc_statement
    WHERE entity_id IN (SELECT id FROM statements WHERE speaker_person_id = NEW.id)
    ON CONFLICT (kind, entity_id) DO UPDATE SET title = excluded.title, name = excluded.name, body = excluded.body;
  RETURN NULL;
END;
$$;

CREATE TRIGGER people_statements_search AFTER INSERT OR UPDATE OF name ON people
FOR EACH ROW EXECUTE FUNCTION people_statements_search();

CREATE FUNCTION organizations_statements_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO search_docs (kind, entity_id, title, name, body)
    SELECT kind, entity_id, title, name, body FROM search_doc_statement
    WHERE entity_id IN (SELECT id FROM statements WHERE speaker_organization_id = NEW.id)
    ON CONFLICT (kind, entity_id) DO UPDATE SET title = excluded.title, name = excluded.name, body = excluded.body;
  RETURN NULL;
END;
$$;

CREATE TRIGGER organizations_statements_search AFTER INSERT OR UPDATE OF name ON organizations
FOR EACH ROW EXECUTE FUNCTION organizations_statements_search();
