-- Full-text search over every kind. search_docs (created in 0001) holds one document per item;
-- search_fts is an FTS5 index over it (external content, so snippets come from search_docs).
-- `kind` is indexed too, so that narrowing to one kind (`kind : event AND ...`) is done by the
-- index itself rather than by filtering every match.
-- Views compute each kind's document; triggers keep search_docs in step on every write, so
-- imports and API writes update the index in their own transaction.
CREATE VIRTUAL TABLE search_fts USING fts5(
  name, body, kind,
  content = 'search_docs', content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '2 3 4'
);
--> statement-breakpoint
CREATE TRIGGER search_docs_ai AFTER INSERT ON search_docs BEGIN
  INSERT INTO search_fts(rowid, name, body, kind) VALUES (new.id, new.name, new.body, new.kind);
END;
--> statement-breakpoint
CREATE TRIGGER search_docs_ad AFTER DELETE ON search_docs BEGIN
  INSERT INTO search_fts(search_fts, rowid, name, body, kind) VALUES ('delete', old.id, old.name, old.body, old.kind);
END;
--> statement-breakpoint
CREATE TRIGGER search_docs_au AFTER UPDATE ON search_docs BEGIN
  INSERT INTO search_fts(search_fts, rowid, name, body, kind) VALUES ('delete', old.id, old.name, old.body, old.kind);
  INSERT INTO search_fts(rowid, name, body, kind) VALUES (new.id, new.name, new.body, new.kind);
END;
--> statement-breakpoint
CREATE VIEW search_doc_event AS
SELECT 'event' AS kind, e.id AS entity_id, e.title AS title,
  e.title || coalesce(' ' || (SELECT group_concat(n.name, ' ') FROM event_names n WHERE n.event_id = e.id), '') AS name,
  e.type || ' ' || coalesce(e.summary, '') AS body
FROM events e;
--> statement-breakpoint
CREATE TRIGGER events_search_ai AFTER INSERT ON events BEGIN
  INSERT INTO search_docs (kind, entity_id, title, name, body)
    SELECT kind, entity_id, title, name, body FROM search_doc_event WHERE entity_id IN (new.id)
    ON CONFLICT (kind, entity_id) DO UPDATE SET title = excluded.title, name = excluded.name, body = excluded.body;
END;
--> statement-breakpoint
CREATE TRIGGER events_search_au AFTER UPDATE ON events BEGIN
  DELETE FROM search_docs WHERE kind = 'event' AND entity_id = old.id AND old.id <> new.id;
  INSERT INTO search_docs (kind, entity_id, title, name, body)
    SELECT kind, entity_id, title, name, body FROM search_doc_event WHERE entity_id IN (new.id)
    ON CONFLICT (kind, entity_id) DO UPDATE SET title = excluded.title, name = excluded.name, body = excluded.body;
END;
--> statement-breakpoint
CREATE TRIGGER events_search_ad AFTER DELETE ON events BEGIN
  DELETE FROM search_docs WHERE kind = 'event' AND entity_id = old.id;
END;
--> statement-breakpoint
CREATE VIEW search_doc_person AS
SELECT 'person' AS kind, p.id AS entity_id, p.name AS title,
  p.name || coalesce(' ' || (SELECT group_concat(a.value, ' ') FROM json_each(p.aliases) a), '') AS name,
  coalesce(p.description, '') AS body
FROM people p;
--> statement-breakpoint
CREATE TRIGGER people_search_ai AFTER INSERT ON people BEGIN
  INSERT INTO search_docs (kind, entity_id, title, name, body)
    SELECT kind, entity_id, title, name, body FROM search_doc_person WHERE entity_id IN (new.id)
    ON CONFLICT (kind, entity_id) DO UPDATE SET title = excluded.title, name = excluded.name, body = excluded.body;
END;
--> statement-breakpoint
CREATE TRIGGER people_search_au AFTER UPDATE ON people BEGIN
  DELETE FROM search_docs WHERE kind = 'person' AND entity_id = old.id AND old.id <> new.id;
  INSERT INTO search_docs (kind, entity_id, title, name, body)
    SELECT kind, entity_id, title, name, body FROM search_doc_person WHERE entity_id IN (new.id)
    ON CONFLICT (kind, entity_id) DO UPDATE SET title = excluded.title, name = excluded.name, body = excluded.body;
END;
--> statement-breakpoint
CREATE TRIGGER people_search_ad AFTER DELETE ON people BEGIN
  DELETE FROM search_docs WHERE kind = 'person' AND entity_id = old.id;
END;
--> statement-breakpoint
CREATE VIEW search_doc_organization AS
SELECT 'organization' AS kind, o.id AS entity_id, o.name AS title,
  o.name || coalesce(' ' || (SELECT group_concat(a.value, ' ') FROM json_each(o.aliases) a), '') AS name,
  o.type || ' ' || coalesce(o.description, '') AS body
FROM organizations o;
--> statement-breakpoint
CREATE TRIGGER organizations_search_ai AFTER INSERT ON organizations BEGIN
  INSERT INTO search_docs (kind, entity_id, title, name, body)
    SELECT kind, entity_id, title, name, body FROM search_doc_organization WHERE entity_id IN (new.id)
    ON CONFLICT (kind, entity_id) DO UPDATE SET title = excluded.title, name = excluded.name, body = excluded.body;
END;
--> statement-breakpoint
CREATE TRIGGER organizations_search_au AFTER UPDATE ON organizations BEGIN
  DELETE FROM search_docs WHERE kind = 'organization' AND entity_id = old.id AND old.id <> new.id;
  INSERT INTO search_docs (kind, entity_id, title, name, body)
    SELECT kind, entity_id, title, name, body FROM search_doc_organization WHERE entity_id IN (new.id)
    ON CONFLICT (kind, entity_id) DO UPDATE SET title = excluded.title, name = excluded.name, body = excluded.body;
END;
--> statement-breakpoint
CREATE TRIGGER organizations_search_ad AFTER DELETE ON organizations BEGIN
  DELETE FROM search_docs WHERE kind = 'organization' AND entity_id = old.id;
END;
--> statement-breakpoint
CREATE VIEW search_doc_place AS
SELECT 'place' AS kind, pl.id AS entity_id, pl.name AS title,
  pl.name || coalesce(' ' || (SELECT group_concat(a.value, ' ') FROM json_each(pl.aliases) a), '') AS name,
  pl.type AS body
FROM places pl;
--> statement-breakpoint
CREATE TRIGGER places_search_ai AFTER INSERT ON places BEGIN
  INSERT INTO search_docs (kind, entity_id, title, name, body)
    SELECT kind, entity_id, title, name, body FROM search_doc_place WHERE entity_id IN (new.id)
    ON CONFLICT (kind, entity_id) DO UPDATE SET title = excluded.title, name = excluded.name, body = excluded.body;
END;
--> statement-breakpoint
CREATE TRIGGER places_search_au AFTER UPDATE ON places BEGIN
  DELETE FROM search_docs WHERE kind = 'place' AND entity_id = old.id AND old.id <> new.id;
  INSERT INTO search_docs (kind, entity_id, title, name, body)
    SELECT kind, entity_id, title, name, body FROM search_doc_place WHERE entity_id IN (new.id)
    ON CONFLICT (kind, entity_id) DO UPDATE SET title = excluded.title, name = excluded.name, body = excluded.body;
END;
--> statement-breakpoint
CREATE TRIGGER places_search_ad AFTER DELETE ON places BEGIN
  DELETE FROM search_docs WHERE kind = 'place' AND entity_id = old.id;
END;
--> statement-breakpoint
CREATE VIEW search_doc_delegation AS
SELECT 'delegation' AS kind, d.id AS entity_id, d.name AS title,
  d.name AS name,
  coalesce(d.purpose, '') AS body
FROM delegations d;
--> statement-breakpoint
CREATE TRIGGER delegations_search_ai AFTER INSERT ON delegations BEGIN
  INSERT INTO search_docs (kind, entity_id, title, name, body)
    SELECT kind, entity_id, title, name, body FROM search_doc_delegation WHERE entity_id IN (new.id)
    ON CONFLICT (kind, entity_id) DO UPDATE SET title = excluded.title, name = excluded.name, body = excluded.body;
END;
--> statement-breakpoint
CREATE TRIGGER delegations_search_au AFTER UPDATE ON delegations BEGIN
  DELETE FROM search_docs WHERE kind = 'delegation' AND entity_id = old.id AND old.id <> new.id;
  INSERT INTO search_docs (kind, entity_id, title, name, body)
    SELECT kind, entity_id, title, name, body FROM search_doc_delegation WHERE entity_id IN (new.id)
    ON CONFLICT (kind, entity_id) DO UPDATE SET title = excluded.title, name = excluded.name, body = excluded.body;
END;
--> statement-breakpoint
CREATE TRIGGER delegations_search_ad AFTER DELETE ON delegations BEGIN
  DELETE FROM search_docs WHERE kind = 'delegation' AND entity_id = old.id;
END;
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
CREATE TRIGGER statements_search_ai AFTER INSERT ON statements BEGIN
  INSERT INTO search_docs (kind, entity_id, title, name, body)
    SELECT kind, entity_id, title, name, body FROM search_doc_statement WHERE entity_id IN (new.id)
    ON CONFLICT (kind, entity_id) DO UPDATE SET title = excluded.title, name = excluded.name, body = excluded.body;
END;
--> statement-breakpoint
CREATE TRIGGER statements_search_au AFTER UPDATE ON statements BEGIN
  DELETE FROM search_docs WHERE kind = 'statement' AND entity_id = old.id AND old.id <> new.id;
  INSERT INTO search_docs (kind, entity_id, title, name, body)
    SELECT kind, entity_id, title, name, body FROM search_doc_statement WHERE entity_id IN (new.id)
    ON CONFLICT (kind, entity_id) DO UPDATE SET title = excluded.title, name = excluded.name, body = excluded.body;
END;
--> statement-breakpoint
CREATE TRIGGER statements_search_ad AFTER DELETE ON statements BEGIN
  DELETE FROM search_docs WHERE kind = 'statement' AND entity_id = old.id;
END;
--> statement-breakpoint
CREATE VIEW search_doc_figure AS
SELECT 'figure' AS kind, f.id AS entity_id, f.as_stated || ' ' || f.measure AS title,
  f.measure AS name,
  f.as_stated || ' ' || f.unit || ' ' || coalesce(f.note, '') AS body
FROM figures f;
--> statement-breakpoint
CREATE TRIGGER figures_search_ai AFTER INSERT ON figures BEGIN
  INSERT INTO search_docs (kind, entity_id, title, name, body)
    SELECT kind, entity_id, title, name, body FROM search_doc_figure WHERE entity_id IN (new.id)
    ON CONFLICT (kind, entity_id) DO UPDATE SET title = excluded.title, name = excluded.name, body = excluded.body;
END;
--> statement-breakpoint
CREATE TRIGGER figures_search_au AFTER UPDATE ON figures BEGIN
  DELETE FROM search_docs WHERE kind = 'figure' AND entity_id = old.id AND old.id <> new.id;
  INSERT INTO search_docs (kind, entity_id, title, name, body)
    SELECT kind, entity_id, title, name, body FROM search_doc_figure WHERE entity_id IN (new.id)
    ON CONFLICT (kind, entity_id) DO UPDATE SET title = excluded.title, name = excluded.name, body = excluded.body;
END;
--> statement-breakpoint
CREATE TRIGGER figures_search_ad AFTER DELETE ON figures BEGIN
  DELETE FROM search_docs WHERE kind = 'figure' AND entity_id = old.id;
END;
--> statement-breakpoint
CREATE VIEW search_doc_source AS
SELECT 'source' AS kind, so.id AS entity_id, so.title AS title,
  so.title AS name,
  coalesce(so.publisher, '') || ' ' || coalesce(so.text, '') AS body
FROM sources so;
--> statement-breakpoint
CREATE TRIGGER sources_search_ai AFTER INSERT ON sources BEGIN
  INSERT INTO search_docs (kind, entity_id, title, name, body)
    SELECT kind, entity_id, title, name, body FROM search_doc_source WHERE entity_id IN (new.id)
    ON CONFLICT (kind, entity_id) DO UPDATE SET title = excluded.title, name = excluded.name, body = excluded.body;
END;
--> statement-breakpoint
CREATE TRIGGER sources_search_au AFTER UPDATE ON sources BEGIN
  DELETE FROM search_docs WHERE kind = 'source' AND entity_id = old.id AND old.id <> new.id;
  INSERT INTO search_docs (kind, entity_id, title, name, body)
    SELECT kind, entity_id, title, name, body FROM search_doc_source WHERE entity_id IN (new.id)
    ON CONFLICT (kind, entity_id) DO UPDATE SET title = excluded.title, name = excluded.name, body = excluded.body;
END;
--> statement-breakpoint
CREATE TRIGGER sources_search_ad AFTER DELETE ON sources BEGIN
  DELETE FROM search_docs WHERE kind = 'source' AND entity_id = old.id;
END;
--> statement-breakpoint
CREATE TRIGGER event_names_search_ai AFTER INSERT ON event_names BEGIN
  INSERT INTO search_docs (kind, entity_id, title, name, body)
    SELECT kind, entity_id, title, name, body FROM search_doc_event WHERE entity_id IN (new.event_id)
    ON CONFLICT (kind, entity_id) DO UPDATE SET title = excluded.title, name = excluded.name, body = excluded.body;
END;
--> statement-breakpoint
CREATE TRIGGER event_names_search_ad AFTER DELETE ON event_names BEGIN
  INSERT INTO search_docs (kind, entity_id, title, name, body)
    SELECT kind, entity_id, title, name, body FROM search_doc_event WHERE entity_id IN (old.event_id)
    ON CONFLICT (kind, entity_id) DO UPDATE SET title = excluded.title, name = excluded.name, body = excluded.body;
END;
--> statement-breakpoint
CREATE TRIGGER event_names_search_au AFTER UPDATE ON event_names BEGIN
  INSERT INTO search_docs (kind, entity_id, title, name, body)
    SELECT kind, entity_id, title, name, body FROM search_doc_event WHERE entity_id IN (new.event_id)
    ON CONFLICT (kind, entity_id) DO UPDATE SET title = excluded.title, name = excluded.name, body = excluded.body;
END;
--> statement-breakpoint
CREATE TRIGGER people_statements_search_au AFTER UPDATE OF name ON people BEGIN
  INSERT INTO search_docs (kind, entity_id, title, name, body)
    SELECT kind, entity_id, title, name, body FROM search_doc_statement WHERE entity_id IN (SELECT id FROM statements WHERE speaker_person_id = new.id)
    ON CONFLICT (kind, entity_id) DO UPDATE SET title = excluded.title, name = excluded.name, body = excluded.body;
END;
--> statement-breakpoint
CREATE TRIGGER organizations_statements_search_au AFTER UPDATE OF name ON organizations BEGIN
  INSERT INTO search_docs (kind, entity_id, title, name, body)
    SELECT kind, entity_id, title, name, body FROM search_doc_statement WHERE entity_id IN (SELECT id FROM statements WHERE speaker_organization_id = new.id)
    ON CONFLICT (kind, entity_id) DO UPDATE SET title = excluded.title, name = excluded.name, body = excluded.body;
END;
--> statement-breakpoint
CREATE TRIGGER people_statements_search_ai AFTER INSERT ON people BEGIN
  INSERT INTO search_docs (kind, entity_id, title, name, body)
    SELECT kind, entity_id, title, name, body FROM search_doc_statement WHERE entity_id IN (SELECT id FROM statements WHERE speaker_person_id = new.id)
    ON CONFLICT (kind, entity_id) DO UPDATE SET title = excluded.title, name = excluded.name, body = excluded.body;
END;
--> statement-breakpoint
CREATE TRIGGER organizations_statements_search_ai AFTER INSERT ON organizations BEGIN
  INSERT INTO search_docs (kind, entity_id, title, name, body)
    SELECT kind, entity_id, title, name, body FROM search_doc_statement WHERE entity_id IN (SELECT id FROM statements WHERE speaker_organization_id = new.id)
    ON CONFLICT (kind, entity_id) DO UPDATE SET title = excluded.title, name = excluded.name, body = excluded.body;
END;
--> statement-breakpoint
-- Rebuild: index everything already in the database.
DELETE FROM search_docs;
--> statement-breakpoint
INSERT INTO search_docs (kind, entity_id, title, name, body) SELECT kind, entity_id, title, name, body FROM search_doc_event;
--> statement-breakpoint
INSERT INTO search_docs (kind, entity_id, title, name, body) SELECT kind, entity_id, title, name, body FROM search_doc_person;
--> statement-breakpoint
INSERT INTO search_docs (kind, entity_id, title, name, body) SELECT kind, entity_id, title, name, body FROM search_doc_organization;
--> statement-breakpoint
INSERT INTO search_docs (kind, entity_id, title, name, body) SELECT kind, entity_id, title, name, body FROM search_doc_place;
--> statement-breakpoint
INSERT INTO search_docs (kind, entity_id, title, name, body) SELECT kind, entity_id, title, name, body FROM search_doc_delegation;
--> statement-breakpoint
INSERT INTO search_docs (kind, entity_id, title, name, body) SELECT kind, entity_id, title, name, body FROM search_doc_statement;
--> statement-breakpoint
INSERT INTO search_docs (kind, entity_id, title, name, body) SELECT kind, entity_id, title, name, body FROM search_doc_figure;
--> statement-breakpoint
INSERT INTO search_docs (kind, entity_id, title, name, body) SELECT kind, entity_id, title, name, body FROM search_doc_source;
--> statement-breakpoint
INSERT INTO search_fts(search_fts) VALUES ('rebuild');
