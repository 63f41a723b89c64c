-- Search documents held a type as its slug (wreath_laying), so a snippet showed the slug with a
-- word of it marked (<mark>wreath</mark>_laying): the views now write the type's words apart.
-- Only the documents of rows whose type has a '_' or a '-' change; the triggers on search_docs
-- keep search_fts in step with each updated document.
DROP VIEW IF EXISTS search_doc_event;
--> statement-breakpoint
DROP VIEW IF EXISTS search_doc_organization;
--> statement-breakpoint
DROP VIEW IF EXISTS search_doc_place;
--> statement-breakpoint
CREATE VIEW search_doc_event AS
SELECT 'event' AS kind, e.id AS entity_id, e.title AS title,
  e.title || coalesce(' ' || (SELECT group_concat(n.name, ' ') FROM event_names n WHERE n.event_id = e.id), '') AS name,
  replace(replace(e.type, '_', ' '), '-', ' ') || ' ' || coalesce(e.summary, '') AS body
FROM events e;
--> statement-breakpoint
CREATE VIEW search_doc_organization AS
SELECT 'organization' AS kind, o.id AS entity_id, o.name AS title,
  o.name || coalesce(' ' || (SELECT group_concat(a.value, ' ') FROM json_each(o.aliases) a), '') AS name,
  replace(replace(o.type, '_', ' '), '-', ' ') || ' ' || coalesce(o.description, '') AS body
FROM organizations o;
--> statement-breakpoint
CREATE VIEW search_doc_place AS
SELECT 'place' AS kind, pl.id AS entity_id, pl.name AS title,
  pl.name || coalesce(' ' || (SELECT group_concat(a.value, ' ') FROM json_each(pl.aliases) a), '') AS name,
  replace(replace(pl.type, '_', ' '), '-', ' ') AS body
FROM places pl;
--> statement-breakpoint
UPDATE search_docs SET body = (SELECT v.body FROM search_doc_event v WHERE v.entity_id = search_docs.entity_id)
  WHERE kind = 'event' AND entity_id IN (SELECT id FROM events WHERE type GLOB '*[_-]*');
--> statement-breakpoint
UPDATE search_docs SET body = (SELECT v.body FROM search_doc_organization v WHERE v.entity_id = search_docs.entity_id)
  WHERE kind = 'organization' AND entity_id IN (SELECT id FROM organizations WHERE type GLOB '*[_-]*');
--> statement-breakpoint
UPDATE search_docs SET body = (SELECT v.body FROM search_doc_place v WHERE v.entity_id = search_docs.entity_id)
  WHERE kind = 'place' AND entity_id IN (SELECT id FROM places WHERE type GLOB '*[_-]*');
