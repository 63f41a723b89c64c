/**
 * Records read back out of PostgreSQL in the bundle's canonical shape, as ../records.ts reads
 * them out of SQLite: the same batches of rows, lists, citations and basis from the twin tables,
 * in the same orders (every text column compares byte by byte, COLLATE "C", as SQLite's BINARY),
 * made into records by the same functions (assembleRecords), so that both exports are the same
 * bytes. Every list is read by its ordinal column, never in the rows' places in the table (ctid),
 * which PostgreSQL reuses once rows are rewritten.
 */
import { and, asc, eq, getTableColumns, gt, inArray, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { type KindName, kindOf, type RecordOf } from '../../kinds/index.js';
import { citationSteps, citations } from '../../kinds/sources/citations-table.pg.js';
import { basisByRecord } from '../../records/basis.js';
import { fieldBasis } from '../../records/basis-table.pg.js';
import { type ChildList, type KindDefinition, keyOf } from '../../records/definition.js';
import {
  assembleRecords,
  citationsOf,
  groupBy,
  type RecordParts,
  type Row,
  stepsByCitation,
} from '../records.js';
import type { PgDb } from './writer.js';

/** The column of a list's PostgreSQL table that has the key of `column` in its SQLite table. */
function pgColumn(list: ChildList<never>, column: ChildList<never>['owner']): PgColumn {
  const found = getTableColumns(list.pgTable)[keyOf(list.table, column)];
  if (!found) throw new Error(`${column.name} has no PostgreSQL twin`);
  return found;
}

async function listsByRecord(db: PgDb, list: ChildList<never>, ids: string[]) {
  const owner = pgColumn(list, list.owner);
  const rows = (await db
    .select()
    .from(list.pgTable)
    .where(inArray(owner, ids))
    .orderBy(asc(owner), asc(pgColumn(list, list.order)))) as Record<string, unknown>[];
  const key = keyOf(list.table, list.owner);
  return groupBy(rows, (row) => row[key] as string);
}

async function citationsByRecord(db: PgDb, kind: KindDefinition, ids: string[]) {
  const ofBatch = (subject: typeof citations | typeof citationSteps) =>
    and(eq(subject.subjectKind, kind.singular), inArray(subject.subjectId, ids));
  const rows = await db
    .select({
      subjectId: citations.subjectId,
      ordinal: citations.ordinal,
      source: citations.sourceId,
      excerpt: citations.excerpt,
    })
    .from(citations)
    .where(ofBatch(citations))
    .orderBy(asc(citations.subjectId), asc(citations.ordinal));
  const steps = await db
    .select({
      subjectId: citationSteps.subjectId,
      ordinal: citationSteps.ordinal,
      kind: citationSteps.stepKind,
      id: citationSteps.stepId,
    })
    .from(citationSteps)
    .where(ofBatch(citationSteps))
    .orderBy(asc(citationSteps.subjectId), asc(citationSteps.ordinal), asc(citationSteps.step));
  return citationsOf(rows, stepsByCitation(steps));
}

async function basisByIds(db: PgDb, kind: KindDefinition, ids: string[]) {
  const rows = await db
    .select({
      id: fieldBasis.subjectId,
      field: fieldBasis.field,
      kind: fieldBasis.kind,
      note: fieldBasis.note,
      citation: fieldBasis.citation,
    })
    .from(fieldBasis)
    .where(and(eq(fieldBasis.subjectKind, kind.singular), inArray(fieldBasis.subjectId, ids)))
    .orderBy(asc(fieldBasis.subjectId), asc(fieldBasis.field));
  return basisByRecord(rows);
}

async function toRecords(db: PgDb, kind: KindDefinition, rows: Row[]): Promise<object[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const lists: RecordParts['lists'] = [];
  for (const list of (kind.lists ?? []) as ChildList<never>[]) {
    lists.push({ list, byRecord: await listsByRecord(db, list, ids) });
  }
  const cited = await citationsByRecord(db, kind, ids);
  const basis = await basisByIds(db, kind, ids);
  return assembleRecords(kind, rows, { lists, cited, basis });
}

/**
 * Up to `limit` records of a kind in id order after the id `after` (from the first when null),
 * among those `where` selects: recordBatch's twin. `where` is a kind's `inPeriod`, written over
 * the SQLite tables' columns: the twins' names are the same, so it reads the same on both.
 */
export async function recordBatchPostgres<N extends KindName>(
  db: PgDb,
  name: N,
  where: SQL | undefined,
  after: string | null,
  limit: number,
): Promise<RecordOf<N>[]> {
  const kind = kindOf(name) as KindDefinition;
  const table = kind.pgTable;
  const rows = (await db
    .select()
    .from(table)
    .where(and(where, after === null ? undefined : gt(table.id, after)))
    .orderBy(asc(table.id))
    .limit(limit)) as Row[];
  return (await toRecords(db, kind, rows)) as RecordOf<N>[];
}

/** The stored records of a kind with these ids (those that exist), by id: readRecords' twin. */
export async function readRecordsPostgres<N extends KindName>(
  db: PgDb,
  name: N,
  ids: string[],
): Promise<Map<string, RecordOf<N>>> {
  const kind = kindOf(name) as KindDefinition;
  const rows = (await db.select().from(kind.pgTable).where(inArray(kind.pgTable.id, ids))) as Row[];
  const records = (await toRecords(db, kind, rows)) as RecordOf<N>[];
  return new Map(records.map((record) => [record.id, record]));
}
