/**
 * The derived data the triggers of src/db/sql keep for single writes (each record's search
 * document and its full-text entry, each participation's copy of its event's start), kept instead
 * by a few set-based statements at the end of an import.
 *
 * Per row, the triggers cost far more than the rows themselves: an event with two names computes
 * its document three times and rewrites its full-text entry twice, and every insert walks every
 * secondary index. An import therefore runs inside one transaction as:
 *
 *   const suspended = suspendDerived(sqlite, { indexes });   // DROP TRIGGER (and INDEX)
 *   ...write the rows...
 *   restoreDerived(sqlite, suspended, scope);                 // CREATE INDEX, refresh, CREATE TRIGGER
 *
 * DDL is transactional in SQLite: if the process dies before the commit, the rollback brings the
 * triggers and indexes back with the rows, and other connections never see them missing (they
 * read the last committed schema). The objects are created again from the very text
 * sqlite_master held, so the schema after an import is the schema before it, byte for byte.
 *
 * Two scopes:
 * - `all` (a bulk load: into an empty database, or as large as what it holds): secondary indexes
 *   are dropped too and built once at the end by sorting, every search document is computed again
 *   and the full-text index rebuilt, every participation's start set by one UPDATE.
 * - `listed` (an import into a loaded database): indexes stay, and only the documents and starts
 *   of the records listed in the temporary table `derived_scope (kind, id, named)` (`kind`
 *   singular; `named` 1 when the record is new or its name changed) and of what depends on them
 *   (the statements of a speaker `named`) are refreshed, so the cost follows the import's size.
 */
import type Sqlite from 'better-sqlite3';

export interface Suspended {
  triggers: string[];
  indexes: string[];
}

/**
 * What to refresh: everything (a bulk load), or the records listed in the temporary table
 * `derived_scope (kind, id, named)` (`kind` singular), which the caller fills before
 * `restoreDerived`.
 */
export type RefreshScope = 'all' | 'listed';

/** The tables whose triggers and indexes an import suspends: all but the import log. */
const KEPT_TABLES = new Set(['imports', '__drizzle_migrations']);

const objects = (sqlite: Sqlite.Database, type: 'trigger' | 'index') =>
  sqlite
    .prepare(
      `select name, tbl_name as "table", sql from sqlite_master
       where type = ? and sql is not null and name not like 'sqlite\\_%' escape '\\'
       order by rowid`,
    )
    .all(type) as { name: string; table: string; sql: string }[];

/**
 * Drops the derived-data triggers (and, with `indexes`, every secondary index and the full-text
 * index's triggers); answers what to create again. Call inside the import's transaction.
 */
export function suspendDerived(sqlite: Sqlite.Database, options: { indexes: boolean }): Suspended {
  const triggers = objects(sqlite, 'trigger').filter(
    (t) => !KEPT_TABLES.has(t.table) && (options.indexes || t.table !== 'search_docs'),
  );
  // search_docs' unique (kind, entity_id) index is what the documents' upsert conflicts on.
  const indexes = options.indexes
    ? objects(sqlite, 'index').filter(
        (i) => !KEPT_TABLES.has(i.table) && i.name !== 'search_docs_entity_idx',
      )
    : [];
  for (const t of triggers) sqlite.exec(`DROP TRIGGER "${t.name}"`);
  for (const i of indexes) sqlite.exec(`DROP INDEX "${i.name}"`);
  return {
    triggers: triggers.map((t) => t.sql),
    indexes: indexes.map((i) => i.sql),
  };
}

/** The per-kind document views (`search_doc_event`, ...), as sqlite_master names them. */
function documentViews(sqlite: Sqlite.Database): string[] {
  return sqlite
    .prepare(
      "select name from sqlite_master where type = 'view' and name like 'search\\_doc\\_%' escape '\\' order by name",
    )
    .pluck()
    .all() as string[];
}

/**
 * FTS5's settings while it rebuilds, then its defaults again (src/db/sql/search.sql sets none).
 * Measured on the bench's 100k database (638k documents): 16.3 s with the defaults; with a 32 MiB
 * buffer of pending terms (instead of 1 MiB, ~55 MB more memory) and fewer, larger merges, 7.8 s.
 * A 16 MiB buffer builds as fast (the import's indexing phase 14.1 s against 14.4, alternating)
 * and its peak RSS is 20-40 MB lower (246-263 MB against 283-288): the whole 1M import peaked at
 * 302 MB with 32 MiB, over issue 12's 300.
 *
 * The larger merges leave many segments per level. Left so, the first writes after the load pay
 * for the merges the default automerge then wants (5,000 document updates: 4 s the first time,
 * 0.7 s after), so an incremental import right after a bulk one would cost ten times its size.
 * 'optimize' merges everything into one segment (2.2 s here), which also serves searches best;
 * rebuilding with the default merge settings instead costs 11.7 s and leaves several segments.
 */
const setting = (name: string, value: number) =>
  `INSERT INTO search_fts(search_fts, rank) VALUES ('${name}', ${value})`;
const REBUILD_SETTINGS = [
  setting('hashsize', 16 * 1024 * 1024),
  setting('automerge', 16),
  setting('crisismerge', 64),
];
const DEFAULT_SETTINGS = [
  setting('hashsize', 1024 * 1024),
  setting('automerge', 4),
  setting('crisismerge', 16),
];

function rebuildFullText(sqlite: Sqlite.Database): void {
  // FTS5 takes its settings as literals (a bound value is an "SQL logic error").
  for (const statement of REBUILD_SETTINGS) sqlite.exec(statement);
  sqlite.exec("INSERT INTO search_fts(search_fts) VALUES ('rebuild')");
  for (const statement of DEFAULT_SETTINGS) sqlite.exec(statement);
  sqlite.exec("INSERT INTO search_fts(search_fts) VALUES ('optimize')");
}

/**
 * Each view's documents upserted into search_docs: those `which` selects (SQL over the view as
 * `v`), unchanged ones skipped. In the order of the documents' rowids, new ones last: FTS5
 * flushes its buffer of pending terms to a new segment whenever a rowid comes below the last one
 * written, so documents taken in id order (event-1, event-10, event-100...) cost a segment each.
 * Measured with 5,000 changed events in the 100k database: 2.3 s in id order, 0.29 s in rowid
 * order.
 */
function upsertDocuments(sqlite: Sqlite.Database, view: string, which: string): void {
  sqlite.exec(
    `INSERT INTO search_docs (kind, entity_id, title, name, body)
     SELECT v.kind, v.entity_id, v.title, v.name, v.body FROM ${view} v
     LEFT JOIN search_docs d ON d.kind = v.kind AND d.entity_id = v.entity_id
     WHERE ${which} ORDER BY d.id IS NULL, d.id
     ON CONFLICT (kind, entity_id) DO UPDATE
       SET title = excluded.title, name = excluded.name, body = excluded.body
       WHERE title IS NOT excluded.title OR name IS NOT excluded.name OR body IS NOT excluded.body`,
  );
}

/** The records of `derived_scope` of the view's kind (`search_doc_event`: events). */
const LISTED = 'v.entity_id IN (SELECT id FROM derived_scope WHERE kind = v.kind)';
/**
 * A statement's document names its speaker, and only that of them: a speaker new or renamed
 * rewrites their statements' (as the triggers' AFTER INSERT and AFTER UPDATE OF name do). Every
 * speaker written, instead, cost 269 ms of 5.5 s for 1,000 people whose description alone changed
 * (10,000 records into the 1M database).
 */
const SPOKEN_BY_LISTED = `v.entity_id IN (
  SELECT id FROM statements WHERE speaker_person_id IN (SELECT id FROM derived_scope WHERE kind = 'person' AND named)
  UNION SELECT id FROM statements WHERE speaker_organization_id IN (SELECT id FROM derived_scope WHERE kind = 'organization' AND named))`;

function refreshDocuments(sqlite: Sqlite.Database, scope: RefreshScope): void {
  const views = documentViews(sqlite);
  if (scope === 'all') {
    sqlite.exec('DELETE FROM search_docs');
    for (const view of views) upsertDocuments(sqlite, view, 'true');
    rebuildFullText(sqlite);
    return;
  }
  for (const view of views) upsertDocuments(sqlite, view, LISTED);
  upsertDocuments(sqlite, 'search_doc_statement', SPOKEN_BY_LISTED);
}

function refreshParticipationStarts(sqlite: Sqlite.Database, scope: RefreshScope): void {
  if (scope === 'all') {
    sqlite.exec(`UPDATE participations SET event_start_first_day =
        (SELECT start_first_day FROM events e WHERE e.id = participations.event_id)`);
    return;
  }
  sqlite.exec(`UPDATE participations SET event_start_first_day =
      (SELECT start_first_day FROM events e WHERE e.id = participations.event_id)
    WHERE (id IN (SELECT id FROM derived_scope WHERE kind = 'participation')
        OR event_id IN (SELECT id FROM derived_scope WHERE kind = 'event'))
      AND event_start_first_day IS NOT
        (SELECT start_first_day FROM events e WHERE e.id = participations.event_id)`);
}

/**
 * Builds the suspended indexes, brings the derived data up to date for `scope`, and creates the
 * triggers again. Call inside the same transaction as `suspendDerived`, after the writes.
 */
export function restoreDerived(
  sqlite: Sqlite.Database,
  suspended: Suspended,
  scope: RefreshScope,
): void {
  for (const index of suspended.indexes) sqlite.exec(index);
  refreshParticipationStarts(sqlite, scope);
  refreshDocuments(sqlite, scope);
  for (const trigger of suspended.triggers) sqlite.exec(trigger);
}
