/**
 * The write path into PostgreSQL: records of a kind written as the SQLite writer (../writer.ts)
 * writes them, from the same pure functions (rowOf, each list's toRows, basisRows), a batch of
 * records at a time with a statement a table (insert.ts) instead of a statement a row. Each record is
 * upserted by id; its lists, citations (with their steps) and basis are replaced whole.
 *
 * What SQLite's triggers derive, PostgreSQL's triggers derive too, row by row in the same
 * transaction (src/db/sql/postgres): each record's search document (search.sql) and each
 * participation's copy of its event's start (participation-start.sql). The excerpts' offsets,
 * which SQLite's writer computes in its INSERT, are set here by one UPDATE per batch.
 *
 * Callers hold the transaction and defer the foreign keys to its commit (`deferKeys`), so that
 * records may reference others written later in it, as on SQLite.
 */
import { and, eq, getTableColumns, inArray, type SQL, sql } from 'drizzle-orm';
import { KINDS, type KindName, kindOf, type RecordOf } from '../../kinds/index.js';
import { citationSteps, citations } from '../../kinds/sources/citations-table.pg.js';
import { sources } from '../../kinds/sources/table.pg.js';
import { basisRows } from '../../records/basis.js';
import { fieldBasis } from '../../records/basis-table.pg.js';
import { type BaseRecord, type KindDefinition, keyOf } from '../../records/definition.js';
import { rowOf } from '../../records/rows.js';
import { insertRows, type PgDb } from './insert.js';

export type { PgDb } from './insert.js';

function* chunks<T>(rows: T[], size: number): Generator<T[]> {
  for (let start = 0; start < rows.length; start += size) yield rows.slice(start, start + size);
}

/**
 * Where an excerpt starts in its source's text, in code points from 0 (strpos, like SQLite's
 * instr, counts characters from 1), and where it ends; null when the source holds no text or the
 * text lacks the excerpt. Set for the citations `which` selects, from the sources stored now.
 */
async function locateExcerpts(db: PgDb, which: SQL): Promise<void> {
  const start = sql`nullif(strpos(${sources.text}, ${citations.excerpt}), 0) - 1`;
  await db
    .update(citations)
    .set({ startOffset: start, endOffset: sql`${start} + length(${citations.excerpt})` })
    .from(sources)
    .where(and(eq(sources.id, citations.sourceId), which));
}

/**
 * Writes records of one kind: each upserted with its lists, citations and basis replaced. A
 * record whose id comes twice is written as its last occurrence (a multi-row upsert cannot touch
 * a row twice; the SQLite writer's second write wins the same way).
 */
export async function writeRecords<N extends KindName>(
  db: PgDb,
  name: N,
  records: readonly RecordOf<N>[],
): Promise<void> {
  const byId = new Map(records.map((record) => [record.id, record]));
  for (const batch of chunks([...byId.values()], RECORDS_PER_BATCH)) {
    await writeBatch(db, kindOf(name) as KindDefinition, batch);
  }
}

/** Records a batch: each batch's ids are bound one by one in its deletes and updates. */
const RECORDS_PER_BATCH = 1000;

async function writeBatch(db: PgDb, kind: KindDefinition, written: BaseRecord[]): Promise<void> {
  const ids = written.map((record) => record.id);
  const subjects = (table: typeof citations | typeof fieldBasis) =>
    and(eq(table.subjectKind, kind.singular), inArray(table.subjectId, ids));

  // Lists belong to their record: cleared and written again in the record's order. Written
  // before the records, so that a new event's search document is made once, by its own row's
  // trigger, with its names already there.
  for (const list of kind.lists ?? []) {
    const owner = keyOf(list.table, list.owner);
    const pgOwner = getTableColumns(list.pgTable)[owner];
    if (!pgOwner)
      throw new Error(`${owner} is not a column of the ${kind.name} list ${list.field}`);
    await db.delete(list.pgTable).where(inArray(pgOwner, ids));
    const rows = written.flatMap((record) =>
      list.toRows(record as never).map((row) => ({ ...row, [owner]: record.id })),
    );
    await insertRows(db, list.pgTable, rows);
  }

  // The columns the triggers keep are left out, so that an update does not set them back.
  await insertRows(
    db,
    kind.pgTable,
    written.map((record) => rowOf(kind, record)),
    {
      upsertOn: kind.pgTable.id,
      left: new Set((kind.triggerKept ?? []).map((column) => column.name)),
    },
  );

  // The citations' steps go with them (their foreign key cascades).
  await db.delete(citations).where(subjects(citations));
  const cited = written.flatMap((record) =>
    (record as RecordOf).citations.map((c, ordinal) => ({
      subjectKind: kind.singular,
      subjectId: record.id,
      ordinal,
      sourceId: c.source,
      excerpt: c.excerpt,
      according_to: c.according_to,
    })),
  );
  await insertRows(
    db,
    citations,
    cited.map(({ according_to: _, ...row }) => row),
  );
  await insertRows(
    db,
    citationSteps,
    cited.flatMap(({ subjectKind, subjectId, ordinal, according_to }) =>
      according_to.map((step, index) => ({
        subjectKind,
        subjectId,
        ordinal,
        step: index,
        stepKind: step.kind,
        stepId: step.id,
      })),
    ),
  );
  if (cited.length > 0) await locateExcerpts(db, subjects(citations) as SQL);
  // A source's text rewritten moves (or drops) the offsets of every excerpt taken from it.
  if (kind.name === 'sources') await locateExcerpts(db, inArray(citations.sourceId, ids));

  // The basis is replaced whole like the citations: a field no longer listed is stated again.
  await db.delete(fieldBasis).where(subjects(fieldBasis));
  await insertRows(
    db,
    fieldBasis,
    written.flatMap((record) => basisRows(kind.singular, record.id, record.basis)),
  );
}

/**
 * Defers every foreign key of the transaction to its commit (they are all DEFERRABLE,
 * migrations/postgres/0001), as SQLite's writes defer theirs.
 */
export async function deferKeys(db: PgDb): Promise<void> {
  await db.execute(sql`set constraints all deferred`);
}

/** True when no kind's table holds a row: the database is empty. */
export async function holdsNoRecord(db: PgDb): Promise<boolean> {
  for (const kind of KINDS) {
    const rows = await db.select({ one: sql`1` }).from(kind.pgTable).limit(1);
    if (rows.length > 0) return false;
  }
  return true;
}
