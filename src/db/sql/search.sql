-- Full-text search over every kind (created by migrations/0002_search_index.sql).
--
-- search_docs (a drizzle table, src/db/tables/search.ts) holds one document per item: its title,
-- its name (names, aliases, titles: ranked above the body) and its body. search_fts is an FTS5
-- index over it, with external content, so snippets are read from search_docs. `kind` is indexed
-- too, so that narrowing to one kind (`kind : event AND ...`) is done by the index itself rather
-- than by filtering every match.
--
-- Each kind has a view computing its document (search_doc_<kind>) and triggers on its table that
-- upsert the document on every write, so imports and API writes update the index in their own
-- transaction. Triggers on search_docs keep search_fts in step with it.
--
-- A change here needs a new migration (README.md); one that changes what a document holds must
-- also rebuild the documents: DELETE FROM search_docs, INSERT ... SELECT from each view, then
-- INSERT INTO search_fts(search_fts) VALUES ('rebuild') (as 0002 ends).

-- The index and its upkeep from search_docs.
CREATE VIRTUAL TABLE search_fts USING fts5(
  name, body, kind,
  content = 'search_docs', content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '2 3 4'
);

CREATE TRIGGER search_docs_ai AFTER INSERT ON search_docs BEGIN
  INSERT INTO search_fts(rowid, name, body, kind) VALUES (new.id, new.name, new.body, new.kind);
END;

CREATE TRIGGER search_docs_ad AFTER DELETE ON search_docs BEGIN
  INSERT INTO search_fts(search_fts, rowid, name, body, kind) VALUES ('delete', old.id, old.name, old.body, old.kind);
END;

CREATE TRIGGER search_docs_au AFTER UPDATE ON search_docs BEGIN
  INSERT INTO search_fts(search_fts, rowid, name, body, kind) VALUES ('delete', old.id, old.name, old.body, old.kind);
  INSERT INTO search_fts(rowid, name, body, kind) VALUES (new.id, new.name, new.body, new.kind);
END;

-- Events: the title and the names it is known by; the type and the summary. A type is a slug
-- (`wreath_laying`): its words are written apart, so that a snippet shows words, not the slug.
CREATE VIEW search_doc_event AS
SELECT 'event' AS kind, e.id AS entity_id, e.title AS title,
  e.title || coalesce(' ' || (SELECT group_concat(n.name, ' ') FROM event_names n WHERE n.event_id = e.id), '') AS name,
  replace(replace(e.type, '_', ' '), '-', ' ') || ' ' || coalesce(e.summary, '') AS body
FROM events e;

CREATE TRIGGER events_search_ai AFTER INSERT ON events BEGIN
  INSERT INTO search_docs (kind, entity_id, title, name, body)
    SELECT kind, entity_id, title, name, body FROM search_doc_event WHERE entity_id IN (new.id)
    ON CONFLICT (kind, entity_id) DO UPDATE SET title = excluded.title, name = excluded.name, body = excluded.body;
END;

CREATE TRIGGER events_search_au AFTER UPDATE ON events BEGIN
  DELETE FROM search_docs WHERE kind = 'event' AND entity_id = old.id AND old.id <> new.id;
  INSERT INTO search_docs (kind, entity_id, title, name, body)
    SELECT kind, entity_id, title, name, body FROM search_doc_event WHERE entity_id IN (new.id)
    ON CONFLICT (kind, entity_id) DO UPDATE SET title = excluded.title, name = excluded.name, body = excluded.body;
END;

CREATE TRIGGER events_search_ad AFTER DELETE ON events BEGIN
  DELETE FROM search_docs WHERE kind = 'event' AND entity_id = old.id;
END;

-- An event's names are part of its document.
CREATE TRIGGER event_names_search_ai AFTER INSERT ON event_names BEGIN
  INSERT INTO search_docs (kind, entity_id, title, name, body)
    SELECT kind, entity_id, title, name, body FROM search_doc_event WHERE entity_id IN (new.event_id)
    ON CONFLICT (kind, entity_id) DO UPDATE SET title = excluded.title, name = excluded.name, body = excluded.body;
END;

CREATE TRIGGER event_names_search_ad AFTER DELETE ON event_names BEGIN
  INSERT INTO search_docs (kind, entity_id, title, name, body)
    SELECT kind, entity_id, title, name, body FROM search_doc_event WHERE entity_id IN (old.event_id)
    ON CONFLICT (kind, entity_id) DO UPDATE SET title = excluded.title, name = excluded.name, body = excluded.body;
END;

CREATE TRIGGER event_names_search_au AFTER UPDATE ON event_names BEGIN
  INSERT INTO search_docs (kind, entity_id, title, name, body)
    SELECT kind, entity_id, title, name, body FROM search_doc_event WHERE entity_id IN (new.event_id)
    ON CONFLICT (kind, entity_id) DO UPDATE SET title = excluded.title, name = excluded.name, body = excluded.body;
END;

-- People: the name and the aliases; the description.
CREATE VIEW search_doc_person AS
SELECT 'person' AS kind, p.id AS entity_id, p.name AS title,
  p.name || coalesce(' ' || (SELECT group_concat(a.value, ' ') FROM json_each(p.aliases) a), '') AS name,
  coalesce(p.description, '') AS body
FROM people p;

CREATE TRIGGER people_search_ai AFTER INSERT ON people BEGIN
  INSERT INTO search_docs (kind, entity_id, title, name, body)
    SELECT kind, entity_id, title, name, body FROM search_doc_person WHERE entity_id IN (new.id)
    ON CONFLICT (kind, entity_id) DO UPDATE SET title = excluded.title, name = excluded.name, body = excluded.body;
END;

CREATE TRIGGER people_search_au AFTER UPDATE ON people BEGIN
  DELETE FROM search_docs WHERE kind = 'person' AND entity_id = old.id AND old.id <> new.id;
  INSERT INTO search_docs (kind, entity_id, title, name, body)
    SELECT kind, entity_id, title, name, body FROM search_doc_person WHERE entity_id IN (new.id)
    ON CONFLICT (kind, entity_id) DO UPDATE SET title = excluded.title, name = excluded.name, body = excluded.body;
END;

CREATE TRIGGER people_search_ad AFTER DELETE ON people BEGIN
  DELETE FROM search_docs WHERE kind = 'person' AND entity_id = old.id;
END;

-- Organizations: the name and the aliases; the type (its words, as events') and the description.
CREATE VIEW search_doc_organization AS
SELECT 'organization' AS kind, o.id AS entity_id, o.name AS title,
  o.name || coalesce(' ' || (SELECT group_concat(a.value, ' ') FROM json_each(o.aliases) a), '') AS name,
  replace(replace(o.type, '_', ' '), '-', ' ') || ' ' || coalesce(o.description, '') AS body
FROM organizations o;

CREATE TRIGGER organizations_search_ai AFTER INSERT ON organizations BEGIN
  INSERT INTO search_docs (kind, entity_id, title, name, body)
    SELECT kind, entity_id, title, name, body FROM search_doc_organization WHERE entity_id IN (new.id)
    ON CONFLICT (kind, entity_id) DO UPDATE SET title = excluded.title, name = excluded.name, body = excluded.body;
END;

CREATE TRIGGER organizations_search_au AFTER UPDATE ON organizations BEGIN
  DELETE FROM search_docs WHERE kind = 'organization' AND entity_id = old.id AND old.id <> new.id;
  INSERT INTO search_docs (kind, entity_id, title, name, body)
    SELECT kind, entity_id, title, name, body FROM search_doc_organization WHERE entity_id IN (new.id)
    ON CONFLICT (kind, entity_id) DO UPDATE SET title = excluded.title, name = excluded.name, body = excluded.body;
END;

CREATE TRIGGER organizations_search_ad AFTER DELETE ON organizations BEGIN
  DELETE FROM search_docs WHERE kind = 'organization' AND entity_id = old.id;
END;

-- Places: the name and the aliases; the type (its words, as events').
CREATE VIEW search_doc_place AS
SELECT 'place' AS kind, pl.id AS entity_id, pl.name AS title,
  pl.name || coalesce(' ' || (SELECT group_concat(a.value, ' ') FROM json_each(pl.aliases) a), '') AS name,
  replace(replace(pl.type, '_', ' '), '-', ' ') AS body
FROM places pl;

CREATE TRIGGER places_search_ai AFTER INSERT ON places BEGIN
  INSERT INTO search_docs (kind, entity_id, title, name, body)
    SELECT kind, entity_id, title, name, body FROM search_doc_place WHERE entity_id IN (new.id)
    ON CONFLICT (kind, entity_id) DO UPDATE SET title = excluded.title, name = excluded.name, body = excluded.body;
END;

CREATE TRIGGER places_search_au AFTER UPDATE ON places BEGIN
  DELETE FROM search_docs WHERE kind = 'place' AND entity_id = old.id AND old.id <> new.id;
  INSERT INTO search_docs (kind, entity_id, title, name, body)
    SELECT kind, entity_id, title, name, body FROM search_doc_place WHERE entity_id IN (new.id)
    ON CONFLICT (kind, entity_id) DO UPDATE SET title = excluded.title, name = excluded.name, body = excluded.body;
END;

CREATE TRIGGER places_search_ad AFTER DELETE ON places BEGIN
  DELETE FROM search_docs WHERE kind = 'place' AND entity_id = old.id;
END;

-- Delegations: the name; the purpose.
CREATE VIEW search_doc_delegation AS
SELECT 'delegation' AS kind, d.id AS entity_id, d.name AS title,
  d.name AS name,
  coalesce(d.purpose, '') AS body
FROM delegations d;

CREATE TRIGGER delegations_search_ai AFTER INSERT ON delegations BEGIN
  INSERT INTO search_docs (kind, entity_id, title, name, body)
    SELECT kind, entity_id, title, name, body FROM search_doc_delegation WHERE entity_id IN (new.id)
    ON CONFLICT (kind, entity_id) DO UPDATE SET title = excluded.title, name = excluded.name, body = excluded.body;
END;

CREATE TRIGGER delegations_search_au AFTER UPDATE ON delegations BEGIN
  DELETE FROM search_docs WHERE kind = 'delegation' AND entity_id = old.id AND old.id <> new.id;
  INSERT INTO search_docs (kind, entity_id, title, name, body)
    SELECT kind, entity_id, title, name, body FROM search_doc_delegation WHERE entity_id IN (new.id)
    ON CONFLICT (kind, entity_id) DO UPDATE SET title = excluded.title, name = excluded.name, body = excluded.body;
END;

CREATE TRIGGER delegations_search_ad AFTER DELETE ON delegations BEGIN
  DELETE FROM search_docs WHERE kind = 'delegation' AND entity_id = old.id;
END;

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

CREATE TRIGGER statements_search_ai AFTER INSERT ON statements BEGIN
  INSERT INTO search_docs (kind, entity_id, title, name, body)
    SELECT kind, entity_id, title, name, body FROM search_doc_statement WHERE entity_id IN (new.id)
    ON CONFLICT (kind, entity_id) DO UPDATE SET title = excluded.title, name = excluded.name, body = excluded.body;
END;

CREATE TRIGGER statements_search_au AFTER UPDATE ON statements BEGIN
  DELETE FROM search_docs WHERE kind = 'statement' AND entity_id = old.id AND old.id <> new.id;
  INSERT INTO search_docs (kind, entity_id, title, name, body)
    SELECT kind, entity_id, title, name, body FROM search_doc_statement WHERE entity_id IN (new.id)
    ON CONFLICT (kind, entity_id) DO UPDATE SET title = excluded.title, name = excluded.name, body = excluded.body;
END;

CREATE TRIGGER statements_search_ad AFTER DELETE ON statements BEGIN
  DELETE FROM search_docs WHERE kind = 'statement' AND entity_id = old.id;
END;

-- A statement's document names its speaker: a speaker's new name, or a speaker written after
-- their statements (imports write in any order), rewrites the speaker's statements.
CREATE TRIGGER people_statements_search_au AFTER UPDATE OF name ON people BEGIN
  INSERT INTO search_docs (kind, entity_id, title, name, body)
    SELECT kind, entity_id, title, name, body FROM search_doc_statement WHERE entity_id IN (SELECT id FROM statements WHERE speaker_person_id = new.id)
    ON CONFLICT (kind, entity_id) DO UPDATE SET title = excluded.title, name = excluded.name, body = excluded.body;
END;

CREATE TRIGGER organizations_statements_search_au AFTER UPDATE OF name ON organizations BEGIN
  INSERT INTO search_docs (kind, entity_id, title, name, body)
    SELECT kind, entity_id, title, name, body FROM search_doc_statement WHERE entity_id IN (SELECT id FROM statements WHERE speaker_organization_id = new.id)
    ON CONFLICT (kind, entity_id) DO UPDATE SET title = excluded.title, name = excluded.name, body = excluded.body;
END;

CREATE TRIGGER people_statements_search_ai AFTER INSERT ON people BEGIN
  INSERT INTO search_docs (kind, entity_id, title, name, body)
    SELECT kind, entity_id, title, name, body FROM search_doc_statement WHERE entity_id IN (SELECT id FROM statements WHERE speaker_person_id = new.id)
    ON CONFLICT (kind, entity_id) DO UPDATE SET title = excluded.title, name = excluded.name, body = excluded.body;
END;

CREATE TRIGGER organizations_statements_search_ai AFTER INSERT ON organizations BEGIN
  INSERT INTO search_docs (kind, entity_id, title, name, body)
    SELECT kind, entity_id, title, name, body FROM search_doc_statement WHERE entity_id IN (SELECT id FROM statements WHERE speaker_organization_id = new.id)
    ON CONFLICT (kind, entity_id) DO UPDATE SET title = excluded.title, name = excluded.name, body = excluded.body;
END;

-- Figures: titled by the figure as stated and its measure, named by the measure; the figure, its
-- unit and its note.
CREATE VIEW search_doc_figure AS
SELECT 'figure' AS kind, f.id AS entity_id, f.as_stated || ' ' || f.measure AS title,
  f.measure AS name,
  f.as_stated || ' ' || f.unit || ' ' || coalesce(f.note, '') AS body
FROM figures f;

CREATE TRIGGER figures_search_ai AFTER INSERT ON figures BEGIN
  INSERT INTO search_docs (kind, entity_id, title, name, body)
    SELECT kind, entity_id, title, name, body FROM search_doc_figure WHERE entity_id IN (new.id)
    ON CONFLICT (kind, entity_id) DO UPDATE SET title = excluded.title, name = excluded.name, body = excluded.body;
END;

CREATE TRIGGER figures_search_au AFTER UPDATE ON figures BEGIN
  DELETE FROM search_docs WHERE kind = 'figure' AND entity_id = old.id AND old.id <> new.id;
  INSERT INTO search_docs (kind, entity_id, title, name, body)
    SELECT kind, entity_id, title, name, body FROM search_doc_figure WHERE entity_id IN (new.id)
    ON CONFLICT (kind, entity_id) DO UPDATE SET title = excluded.title, name = excluded.name, body = excluded.body;
END;

CREATE TRIGGER figures_search_ad AFTER DELETE ON figures BEGIN
  DELETE FROM search_docs WHERE kind = 'figure' AND entity_id = old.id;
END;

-- Sources: the title; the publisher and the text.
CREATE VIEW search_doc_source AS
SELECT 'source' AS kind, so.id AS entity_id, so.title AS title,
  so.title AS name,
  coalesce(so.publisher, '') || ' ' || coalesce(so.text, '') AS body
FROM sources so;

CREATE TRIGGER sources_search_ai AFTER INSERT ON sources BEGIN
  INSERT INTO search_docs (kind, entity_id, title, name, body)
    SELECT kind, entity_id, title, name, body FROM search_doc_source WHERE entity_id IN (new.id)
    ON CONFLICT (kind, entity_id) DO UPDATE SET title = excluded.title, name = excluded.name, body = excluded.body;
END;

CREATE TRIGGER sources_search_au AFTER UPDATE ON sources BEGIN
  DELETE FROM search_docs WHERE kind = 'source' AND entity_id = old.id AND old.id <> new.id;
  INSERT INTO search_docs (kind, entity_id, title, name, body)
    SELECT kind, entity_id, title, name, body FROM search_doc_source WHERE entity_id IN (new.id)
    ON CONFLICT (kind, entity_id) DO UPDATE SET title = excluded.title, name = excluded.name, body = excluded.body;
END;

CREATE TRIGGER sources_search_ad AFTER DELETE ON sources BEGIN
  DELETE FROM search_docs WHERE kind = 'source' AND entity_id = old.id;
END;
