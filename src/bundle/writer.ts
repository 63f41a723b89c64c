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

/**
 * An UPDATE of some of a kind's columns, by id: one statement per set of columns, made when an
 * import first changes exactly those (a title revised, a date moved), then kept.
 */
function columnsUpdater(db: Db, table: SQLiteTable & { id: SQLiteColumn }) {
  const made = new Map<string, Run>();
  return (keys: string[], row: Row): void => {
    const key = keys.join(',');
    let run = made.get(key);
    if (!run) {
      const set = Object.fromEntries(keys.map((k) => [k, sql.placeholder(k)]));
      const update = positionalStatement(
        db,
        db
          .update(table)
          .set(set)
          .where(eq(table.id, sql.placeholder('id'))),
      );
      run = (values) => void update(values);
      made.set(key, run);
    }
    run(row);
  };
}

function kindWriter(db: Db, kind: KindDefinition) {
  const kept = kind.triggerKept ?? [];
  return {
    upsert: inserter(db, kind.table, kept, kind.table.id),
    /** The row's keys an upsert writes (all but the id and the columns triggers keep). */
    written: Object.entries(getTableColumns(kind.table))
      .filter(([, c]) => !kept.includes(c) && c !== kind.table.id)
      .map(([key]) => key),
    update: columnsUpdater(db, kind.table),
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

/** Equal stored values: primitives, or JSON columns' objects by their JSON. */
const sameValue = (a: unknown, b: unknown) =>
  a === b ||
  (typeof a === 'object' &&
    typeof b === 'object' &&
    a !== null &&
    b !== null &&
    JSON.stringify(a) === JSON.stringify(b));

/** Equal lists of rows, row by row and value by value. */
function sameRows(a: Row[], b: Row[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((row, i) => {
    const other = b[i] as Row;
    const keys = new Set([...Object.keys(row), ...Object.keys(other)]);
    for (const key of keys) if (!sameValue(row[key] ?? null, other[key] ?? null)) return false;
    return true;
  });
}

/** A record's citations as the rows they are written as (steps inside), to compare two. */
const citationRows = (record: { citations: RecordOf['citations'] }): Row[] =>
  record.citations.map((c) => ({
    source: c.source,
    excerpt: c.excerpt,
    steps: JSON.stringify(c.according_to.map((step) => [step.kind, step.id])),
  }));

/**
 * Upserts the record with its lists, citations and basis. `before` is what the caller knows of
 * the stored record:
 * - `null`: no record has this id (an import's new record): the lists, citations and basis it
 *   cannot have are not cleared;
 * - the stored record (an import's update): only what differs is written, the columns that
 *   changed by one UPDATE of those columns, a list, the citations or the basis only when they
 *   changed. A write of every column walks every index of the table, changed or not: 4,000
 *   events retitled in the bench's 100k database took 0.38 CPU s and 44 MB of write-ahead log
 *   by the upsert, 0.11-0.16 s and 24 MB by an UPDATE of the title;
 * - nothing (a single write through the API): everything is written again.
 */
export function writeRecord<N extends KindName>(
  db: Db,
  name: N,
  record: RecordOf<N>,
  before?: RecordOf<N> | null,
): void {
  const w = writers(db);
  const kind = kindOf(name) as KindDefinition;
  const own = w.kinds.get(name);
  if (!own) throw new Error(`no writer for ${name}`);
  const isNew = before === null;
  const row = rowOf(kind, record);
  let rowChanged = true;
  if (before) {
    const old = rowOf(kind, before);
    const changed = own.written.filter((key) => !sameValue(row[key], old[key]));
    rowChanged = changed.length > 0;
    if (rowChanged) own.update(changed, row);
  } else own.upsert(row);
  // Lists belong to their record: replaced whole when they change, in the record's order.
  for (const { list, owner, clear, insert } of own.lists) {
    const rows = list.toRows(record as never);
    if (before && sameRows(rows, list.toRows(before as never))) continue;
    if (!isNew) clear({ owner: record.id });
    for (const item of rows) insert({ ...item, [owner]: record.id });
  }
  if (!before || !sameRows(citationRows(record), citationRows(before))) {
    // Their steps go with them (the steps' foreign key cascades).
    if (!isNew) w.citations.clear({ subjectKind: kind.singular, subjectId: record.id });
    record.citations.forEach((c, ordinal) => {
      const subject = { subjectKind: kind.singular, subjectId: record.id, ordinal };
      w.citations.insert({ ...subject, sourceId: c.source, excerpt: c.excerpt });
      c.according_to.forEach((step, index) => {
        w.citations.insertStep({ ...subject, step: index, stepKind: step.kind, stepId: step.id });
      });
    });
  }
  // The basis is replaced whole like the citations: a field no longer listed is stated again.
  const basis = basisRows(kind.singular, record.id, record.basis);
  if (!before || !sameRows(basis, basisRows(kind.singular, record.id, before.basis))) {
    if (!isNew) w.clearBasis({ subjectKind: kind.singular, subjectId: record.id });
    for (const item of basis) w.insertBasis(item);
  }
  // A source's text rewritten moves (or drops) the offsets of every excerpt taken from it.
  if (name === 'sources' && !isNew && rowChanged) w.citations.relocate(record.id);
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
