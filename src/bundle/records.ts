/**
 * Reads records back out of the database in the bundle's own shape: what exports write, what
 * PATCH merges into, and what an import compares with to tell unchanged records from changed
 * ones. The shape is canonical (every field present, nulls explicit, lists in stored order, a
 * basis in field-name order), so that export → import → export gives the same bytes.
 */
import { and, asc, eq, gt, inArray, type SQL } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { type KindName, kindOf, type RecordOf } from '../kinds/index.js';
import { citationSteps, citations } from '../kinds/sources/citations-table.js';
import { readBasis } from '../records/basis.js';
import { type ChildList, type KindDefinition, keyOf } from '../records/definition.js';
import type { Basis } from '../records/fields.js';
import { recordOf } from '../records/rows.js';

export type Row = Record<string, unknown> & { id: string };

/** Rows grouped by a key, each group in the rows' order. */
export function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const list = groups.get(key(row));
    if (list) list.push(row);
    else groups.set(key(row), [row]);
  }
  return groups;
}

/** A child list's rows for a batch of records, grouped by record, in the order written. */
function listsByRecord(db: Db, list: ChildList<never>, ids: string[]) {
  const rows = db
    .select()
    .from(list.table)
    .where(inArray(list.owner, ids))
    .orderBy(asc(list.owner), asc(list.order))
    .all() as Record<string, unknown>[];
  const owner = keyOf(list.table, list.owner);
  return groupBy(rows, (row) => row[owner] as string);
}

/** The citations of a batch of records, each with the steps of its account, by record. */
function citationsByRecord(db: Db, kind: KindDefinition, ids: string[]) {
  const ofBatch = (subject: typeof citations | typeof citationSteps) =>
    and(eq(subject.subjectKind, kind.singular), inArray(subject.subjectId, ids));
  const rows = db
    .select({
      subjectId: citations.subjectId,
      ordinal: citations.ordinal,
      source: citations.sourceId,
      excerpt: citations.excerpt,
    })
    .from(citations)
    .where(ofBatch(citations))
    .orderBy(asc(citations.subjectId), asc(citations.ordinal))
    .all();
  const steps = stepsByCitation(
    db
      .select({
        subjectId: citationSteps.subjectId,
        ordinal: citationSteps.ordinal,
        kind: citationSteps.stepKind,
        id: citationSteps.stepId,
      })
      .from(citationSteps)
      .where(ofBatch(citationSteps))
      .orderBy(asc(citationSteps.subjectId), asc(citationSteps.ordinal), asc(citationSteps.step))
      .all(),
  );
  return citationsOf(rows, steps);
}

/** A citation's row (its subject and ordinal, source and excerpt), as both backends read it. */
export interface CitationRow {
  subjectId: string;
  ordinal: number;
  source: string;
  excerpt: string;
}

/** A citation's step, as both backends read it. */
export interface StepRow {
  subjectId: string;
  ordinal: number;
  kind: string;
  id: string;
}

/** Steps grouped by their citation, the key `citationsOf` looks them up by. */
export const stepsByCitation = (steps: StepRow[]) =>
  groupBy(steps, (step) => `${step.subjectId}\u0000${step.ordinal}`);

/** Citations (in ordinal order) with the steps of their account, by record. */
export function citationsOf(rows: CitationRow[], steps: Map<string, StepRow[]>) {
  return groupBy(
    rows.map((row) => ({
      subjectId: row.subjectId,
      source: row.source,
      excerpt: row.excerpt,
      according_to: (steps.get(`${row.subjectId}\u0000${row.ordinal}`) ?? []).map(
        ({ kind, id }) => ({ kind, id }),
      ),
    })),
    (r) => r.subjectId,
  );
}

/** Records of one kind for stored rows, their lists, citations and basis fetched in batch. */
function toRecords(db: Db, kind: KindDefinition, rows: Row[]): object[] {
  const ids = rows.map((r) => r.id);
  const lists = (kind.lists ?? []).map((list) => {
    const byRecord = listsByRecord(db, list as ChildList<never>, ids);
    return { list: list as ChildList<never>, byRecord };
  });
  const cited = citationsByRecord(db, kind, ids);
  const basis = readBasis(db, kind.singular, ids);
  return assembleRecords(kind, rows, { lists, cited, basis });
}

/** What a batch of records is made of besides their rows, each part grouped by record. */
export interface RecordParts {
  lists: { list: ChildList<never>; byRecord: Map<string, Record<string, unknown>[]> }[];
  cited: ReturnType<typeof citationsOf>;
  basis: Map<string, Basis>;
}

/** Records of one kind in their canonical shape, from their rows and parts (either backend's). */
export function assembleRecords(kind: KindDefinition, rows: Row[], parts: RecordParts): object[] {
  const { lists, cited, basis } = parts;
  return rows.map((row) => ({
    ...recordOf(
      kind,
      row,
      Object.fromEntries(
        lists.map(({ list, byRecord }) => [
          list.field,
          (byRecord.get(row.id) ?? []).map((child) => list.fromRow(child)),
        ]),
      ),
    ),
    citations: (cited.get(row.id) ?? []).map(({ source, excerpt, according_to }) => ({
      source,
      excerpt,
      according_to,
    })),
    basis: basis.get(row.id) ?? {},
  }));
}

export function readRecord<N extends KindName>(db: Db, name: N, id: string): RecordOf<N> | null {
  const kind = kindOf(name) as KindDefinition;
  const row = db.select().from(kind.table).where(eq(kind.table.id, id)).get() as Row | undefined;
  return row ? ((toRecords(db, kind, [row])[0] as RecordOf<N>) ?? null) : null;
}

/**
 * The stored records of a kind with these ids (those that exist), by id: an import compares
 * thousands of records with what is stored, and three statements a batch cost far less than
 * three a record.
 */
export function readRecords<N extends KindName>(
  db: Db,
  name: N,
  ids: string[],
): Map<string, RecordOf<N>> {
  const kind = kindOf(name) as KindDefinition;
  const rows = db.select().from(kind.table).where(inArray(kind.table.id, ids)).all() as Row[];
  const records = toRecords(db, kind, rows) as RecordOf<N>[];
  return new Map(records.map((record) => [record.id, record]));
}

/**
 * Up to `limit` records of a kind in id order, from the first one after the id `after` (from the
 * very first when null): an export reads a batch at a time, so that it never holds more than one
 * batch of a million records, and can stop after any batch and go on later from its last id.
 */
export function recordBatch<N extends KindName>(
  db: Db,
  name: N,
  where: SQL | undefined,
  after: string | null,
  limit: number,
): RecordOf<N>[] {
  const kind = kindOf(name) as KindDefinition;
  const rows = db
    .select()
    .from(kind.table)
    .where(and(where, after === null ? undefined : gt(kind.table.id, after)))
    .orderBy(asc(kind.table.id))
    .limit(limit)
    .all() as Row[];
  return toRecords(db, kind, rows) as RecordOf<N>[];
}
