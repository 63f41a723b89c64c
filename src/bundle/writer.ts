/**
 * The one write path for records, imports and single writes alike: each record upserted by id,
 * its child lists (names, members, receivers, cited sources), citations and basis replaced. The
 * statements are Drizzle's, built once per connection with placeholders and run bound by position
 * (`positionalStatement`): an import writes hundreds of thousands of records, and building SQL
 * per record, or even Drizzle's per-run binding, costs more than the writes themselves. Callers hold the transaction (foreign keys deferred to its commit, so
 * records may reference others written later in it).
 */
import { and, eq, getTableColumns, type SQL, sql } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db/database.js';
import { perConnection, positionalStatement } from '../db/prepared.js';
import { KINDS, type KindName, kindOf, type RecordOf } from '../kinds/index.js';
import { citationSteps, citations } from '../kinds/sources/citations-table.js';
import { sources } from '../kinds/sources/table.js';
import { basisRows } from '../records/basis.js';
import { fieldBasis } from '../records/basis-table.js';
import { type KindDefinition, keyOf } from '../records/definition.js';
import { rowOf } from '../records/rows.js';
import type { Bundle } from './schema.js';

type Row = Record<string, unknown>;
type Run = (row: Row) => void;

/** An insert of a table's rows (all its columns but `left`), upserting on `upsertOn` if given. */
function inserter(
  db: Db,
  table: SQLiteTable,
  left: SQLiteColumn[] = [],
  upsertOn?: SQLiteColumn,
): Run {
  const columns = Object.entries(getTableColumns(table)).filter(([, c]) => !left.includes(c));
  const values = Object.fromEntries(columns.map(([key]) => [key, sql.placeholder(key)]));
  const insert = db.insert(table).values(values);
  const run = positionalStatement(
    db,
    upsertOn
      ? insert.onConflictDoUpdate({
          target: upsertOn,
          set: Object.fromEntries(
            columns
              .filter(([, c]) => c !== upsertOn)
              .map(([key, c]): [string, SQL] => [key, sql.raw(`excluded."${c.name}"`)]),
          ),
        })
      : insert,
  );
  return (row) => void run(row);
}

/** A delete of the rows whose `columns` equal the placeholders of the same keys. */
function deleter(db: Db, table: SQLiteTable, columns: Record<string, SQLiteColumn>) {
  const run = positionalStatement(
    db,
    db
      .delete(table)
      .where(and(...Object.entries(columns).map(([key, c]) => eq(c, sql.placeholder(key))))),
  );
  return (values: Row) => void run(values);
}

function kindWriter(db: Db, kind: KindDefinition) {
  return {
    upsert: inserter(db, kind.table, kind.triggerKept, kind.table.id),
    lists: (kind.lists ?? []).map((list) => ({
      list,
      owner: keyOf(list.table, list.owner),
      clear: deleter(db, list.table, { owner: list.owner }),
      insert: inserter(db, list.table),
    })),
  };
}

/**
 * Where an excerpt starts in its source's text, in code points from 0 (SQLite's instr counts
 * characters), or null when the source holds no text or the text lacks the excerpt.
 */
const excerptStart = (excerpt: SQL, sourceId: SQL) =>
  sql`(select nullif(instr(${sources.text}, ${excerpt}), 0) - 1 from ${sources} where ${sources.id} = ${sourceId})`;

function citationWriter(db: Db) {
  const excerpt = sql.placeholder('excerpt');
  const sourceId = sql.placeholder('sourceId');
  const start = excerptStart(sql`${excerpt}`, sql`${sourceId}`);
  const offsets = { startOffset: start, endOffset: sql`${start} + length(${excerpt})` };
  const insert = positionalStatement(
    db,
    db.insert(citations).values({
      subjectKind: sql.placeholder('subjectKind'),
      subjectId: sql.placeholder('subjectId'),
      ordinal: sql.placeholder('ordinal'),
      sourceId,
      excerpt,
      ...offsets,
    }),
  );
  // A source's text rewritten moves (or drops) the offsets of every excerpt taken from it.
  const relocate = positionalStatement(
    db,
    db
      .update(citations)
      .set({
        startOffset: excerptStart(sql`${citations.excerpt}`, sql`${citations.sourceId}`),
        endOffset: sql`${excerptStart(sql`${citations.excerpt}`, sql`${citations.sourceId}`)} + length(${citations.excerpt})`,
      })
      .where(eq(citations.sourceId, sql.placeholder('sourceId'))),
  );
  return {
    insert: (row: Row) => void insert(row),
    relocate: (id: string) => void relocate({ sourceId: id }),
    clear: deleter(db, citations, {
      subjectKind: citations.subjectKind,
      subjectId: citations.subjectId,
    }),
    insertStep: inserter(db, citationSteps),
  };
}

const writers = perConnection((db) => ({
  kinds: new Map(KINDS.map((kind) => [kind.name, kindWriter(db, kind as KindDefinition)])),
  citations: citationWriter(db),
  clearBasis: deleter(db, fieldBasis, {
    subjectKind: fieldBasis.subjectKind,
    subjectId: fieldBasis.subjectId,
  }),
  insertBasis: inserter(db, fieldBasis),
}));

/**
 * Upserts the record with its lists, citations and basis. `isNew` (the caller knows no record
 * has this id) skips clearing the lists, citations and basis it cannot have.
 */
export function writeRecord<N extends KindName>(
  db: Db,
  name: N,
  record: RecordOf<N>,
  isNew = false,
): void {
  const w = writers(db);
  const kind = kindOf(name) as KindDefinition;
  const own = w.kinds.get(name);
  if (!own) throw new Error(`no writer for ${name}`);
  own.upsert(rowOf(kind, record));
  // Lists belong to their record: replaced whole on every write, in the record's order.
  for (const { list, owner, clear, insert } of own.lists) {
    if (!isNew) clear({ owner: record.id });
    for (const row of list.toRows(record as never)) insert({ ...row, [owner]: record.id });
  }
  // Their steps go with them (the steps' foreign key cascades).
  if (!isNew) w.citations.clear({ subjectKind: kind.singular, subjectId: record.id });
  record.citations.forEach((c, ordinal) => {
    const subject = { subjectKind: kind.singular, subjectId: record.id, ordinal };
    w.citations.insert({ ...subject, sourceId: c.source, excerpt: c.excerpt });
    c.according_to.forEach((step, index) => {
      w.citations.insertStep({ ...subject, step: index, stepKind: step.kind, stepId: step.id });
    });
  });
  // The basis is replaced whole like the citations: a field no longer listed is stated again.
  if (!isNew) w.clearBasis({ subjectKind: kind.singular, subjectId: record.id });
  for (const row of basisRows(kind.singular, record.id, record.basis)) w.insertBasis(row);
  if (name === 'sources' && !isNew) w.citations.relocate(record.id);
}

/** Writes a whole parsed bundle in one transaction (tests and tools; imports use import.ts). */
export function loadBundle(db: Db, bundle: Bundle): void {
  db.$client.transaction(() => {
    db.$client.pragma('defer_foreign_keys = ON');
    for (const kind of KINDS) {
      for (const record of bundle[kind.name]) writeRecord(db, kind.name, record);
    }
  })();
}
