/**
 * The stored records an import into PostgreSQL names, brought into its SQLite staging database
 * before the pipeline checks it (import.ts says why through SQLite at all). The pipeline then
 * finds there what it would find in a SQLite database holding PostgreSQL's records, and only
 * that: the records the input updates (to compare and count them, and to write only what
 * differs), the records it refers to (references and excerpts resolve against them), and the
 * stored citations of every source it rewrites (a new text must keep their excerpts). What the
 * input does not name stays in PostgreSQL, so the cost follows the import's size.
 *
 * A record comes in the export's canonical shape (readRecordsPostgres) and is written by SQLite's
 * one writer, as an import of it would write it. Without what it refers to in turn: the staging
 * database's keys are off once it holds one (PostgreSQL checks its own keys at commit), and the
 * pipeline then does not mistake those gaps for a fault (import.ts `finish`).
 *
 * What each brought record was is kept beside it (temp.postgres_stored), so that only the records
 * the import created or changed are copied back (`storedIn`), without reading PostgreSQL again.
 */
import { inArray } from 'drizzle-orm';
import type { Db } from '../../db/database.js';
import type { KindName } from '../../kinds/index.js';
import { citations } from '../../kinds/sources/citations-table.pg.js';
import type { ImportSession } from '../import.js';
import { writeRecord } from '../writer.js';
import { readRecordsPostgres } from './records.js';
import type { StoredOf } from './staged.js';
import type { PgDb } from './writer.js';

/** Brings in the stored records `session`'s input names; answers how many it brought. */
export async function bringStored(tx: PgDb, staging: Db, session: ImportSession): Promise<number> {
  const sqlite = staging.$client;
  sqlite.exec(`
    create temp table if not exists postgres_stored (
      kind text not null, id text not null, record text not null, primary key (kind, id))
      without rowid`);
  const keep = sqlite.prepare('insert into postgres_stored (kind, id, record) values (?, ?, ?)');
  let brought = 0;
  /** The stored sources the input rewrites. */
  const rewritten: string[] = [];
  for (const { kind, ids, own } of session.named()) {
    const stored = await readRecordsPostgres(tx, kind, ids);
    if (stored.size === 0) continue;
    // Keys off before the first write (SQLite ignores the pragma inside a transaction).
    if (brought === 0) sqlite.pragma('foreign_keys = OFF');
    brought += stored.size;
    if (kind === 'sources') rewritten.push(...own.filter((id) => stored.has(id)));
    sqlite.transaction(() => {
      for (const record of stored.values()) {
        writeRecord(staging, kind, record as never, null);
        keep.run(kind, record.id, JSON.stringify(record));
      }
    })();
  }
  // After every record: a fact brought whole has its citations already, and a bare row written
  // first would stand in the way of its own.
  for (let start = 0; start < rewritten.length; start += BATCH) {
    const cited = await citationsOf(tx, rewritten.slice(start, start + BATCH));
    sqlite.transaction(() => bringCitations(staging, cited))();
  }
  return brought;
}

/** Sources whose citations are read a statement at a time. */
const BATCH = 1000;

/** The stored citations taken from these sources: what the excerpt check needs of them. */
async function citationsOf(tx: PgDb, sourceIds: string[]) {
  return tx
    .select({
      subjectKind: citations.subjectKind,
      subjectId: citations.subjectId,
      ordinal: citations.ordinal,
      sourceId: citations.sourceId,
      excerpt: citations.excerpt,
      startOffset: citations.startOffset,
      endOffset: citations.endOffset,
    })
    .from(citations)
    .where(inArray(citations.sourceId, sourceIds));
}

/**
 * Citations as bare rows, their facts left in PostgreSQL: the check that a source's new text
 * keeps every excerpt taken from it reads the citations table alone (import.ts checkExcerpts),
 * and reports what it finds in the order of their offsets. A fact brought whole already has its
 * own rows: they are given PostgreSQL's offsets, which SQLite's writer may have left null (it
 * locates an excerpt in its source as stored then, and the source may have come after the fact
 * or not at all).
 */
function bringCitations(staging: Db, rows: Awaited<ReturnType<typeof citationsOf>>): void {
  const insert = staging.$client.prepare(
    `insert into citations
       (subject_kind, subject_id, ordinal, source_id, excerpt, start_offset, end_offset)
     values (?, ?, ?, ?, ?, ?, ?)
     on conflict (subject_kind, subject_id, ordinal)
       do update set start_offset = excluded.start_offset, end_offset = excluded.end_offset`,
  );
  for (const r of rows) {
    insert.run(
      r.subjectKind,
      r.subjectId,
      r.ordinal,
      r.sourceId,
      r.excerpt,
      r.startOffset,
      r.endOffset,
    );
  }
}

/**
 * What PostgreSQL stored of the records `bringStored` brought, by id, as it was before the
 * import: copyStaged compares each staged record with it and writes only those that differ.
 */
export function storedIn(staging: Db): StoredOf {
  const sqlite = staging.$client;
  return (name: KindName, ids: string[]) => {
    const rows = sqlite
      .prepare(
        'select id, record from postgres_stored where kind = ? and id in (select value from json_each(?))',
      )
      .all(name, JSON.stringify(ids)) as { id: string; record: string }[];
    return new Map(rows.map((row) => [row.id, JSON.parse(row.record) as unknown]));
  };
}
