/**
 * The basis of a record's fields: which of them a source states, which the knowledge base
 * inferred, which are background knowledge. A record's `basis` maps some of its field names to
 * an entry (src/records/fields.ts); a field left out is stated by the record's citations. The
 * entries are rows of one table (basis-table.ts), written by the one writer and read back by the
 * one reader (src/bundle/), in field-name order, so that a record's canonical form is stable.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../db/database.js';
import { inJsonList, jsonList, perConnection } from '../db/prepared.js';
import { fieldBasis } from './basis-table.js';
import type { CitedKind } from './cited-kinds.js';
import type { Basis, BasisEntry } from './fields.js';

/** Fields that have no basis of their own: the record's id and its provenance. */
const NOT_FACTS = new Set(['id', 'citations', 'basis']);

/**
 * The check a kind's record makes of its `basis`: each key one of the record's own fields (those
 * of `fields`), each `citation` an index of the record's citations. Issues name the entry by its
 * path (`/basis/arrival_place`), as every other invalid field is named.
 */
export function basisCheck(fields: readonly string[]) {
  const own = fields.filter((field) => !NOT_FACTS.has(field));
  const known = new Set(own);
  return (value: unknown, ctx: z.RefinementCtx) => {
    const record = value as { basis?: Basis | null; citations?: unknown[] };
    const cited = record.citations?.length ?? 0;
    for (const [field, entry] of Object.entries(record.basis ?? {})) {
      if (!known.has(field)) {
        ctx.addIssue({
          code: 'custom',
          path: ['basis', field],
          message: `'${field}' is not a field of this record: expected one of ${own.join(', ')}`,
        });
      } else if (entry.kind === 'stated' && entry.citation != null && entry.citation >= cited) {
        ctx.addIssue({
          code: 'custom',
          path: ['basis', field, 'citation'],
          message: `the record has ${cited} citation${cited === 1 ? '' : 's'}: there is no citation ${entry.citation}`,
        });
      }
    }
  };
}

/** A basis entry in its canonical form: `kind`, then `note` and `citation` when they are set. */
function entryOf(kind: BasisEntry['kind'], note: string | null, citation: number | null) {
  return {
    kind,
    ...(note === null ? {} : { note }),
    ...(citation === null ? {} : { citation }),
  } as BasisEntry;
}

/** A record's basis as rows of the basis table (the writer adds nothing to them). */
export function basisRows(subjectKind: CitedKind, id: string, basis: Basis | null | undefined) {
  return Object.entries(basis ?? {}).map(([field, entry]) => ({
    subjectKind,
    subjectId: id,
    field,
    kind: entry.kind,
    note: entry.note ?? null,
    citation: entry.kind === 'stated' ? (entry.citation ?? null) : null,
  }));
}

const queries = perConnection((db) => ({
  /** The basis rows of the records `ids` (a JSON list) of one `kind`, in field-name order. */
  of: db
    .select({
      id: fieldBasis.subjectId,
      field: fieldBasis.field,
      kind: fieldBasis.kind,
      note: fieldBasis.note,
      citation: fieldBasis.citation,
    })
    .from(fieldBasis)
    .where(
      and(
        eq(fieldBasis.subjectKind, sql.placeholder('kind')),
        inJsonList(fieldBasis.subjectId, 'ids'),
      ),
    )
    .orderBy(asc(fieldBasis.subjectId), asc(fieldBasis.field))
    .prepare(),
}));

/** The basis of the records `ids` of one kind, by id; a record with none is left out. */
export function readBasis(db: Db, subjectKind: CitedKind, ids: string[]): Map<string, Basis> {
  if (ids.length === 0) return new Map();
  return basisByRecord(queries(db).of.all({ kind: subjectKind, ids: jsonList(ids) }));
}

/** A basis row as both backends read it: its record's id, the field and its entry's columns. */
export interface BasisRow {
  id: string;
  field: string;
  kind: BasisEntry['kind'];
  note: string | null;
  citation: number | null;
}

/** Basis rows (in field-name order) as each record's basis, by id. */
export function basisByRecord(rows: BasisRow[]): Map<string, Basis> {
  const found = new Map<string, Basis>();
  for (const row of rows) {
    const basis = found.get(row.id) ?? {};
    basis[row.field] = entryOf(row.kind, row.note, row.citation);
    found.set(row.id, basis);
  }
  return found;
}

/** The basis of one record (`{}` when every field is stated): what items show. */
export function basisOf(db: Db, subjectKind: CitedKind, id: string): Basis {
  return readBasis(db, subjectKind, [id]).get(id) ?? {};
}

/** Deletes the basis of a record: it goes with the record, as its citations do. */
export function deleteBasis(db: Db, subjectKind: CitedKind, id: string): void {
  db.delete(fieldBasis)
    .where(and(eq(fieldBasis.subjectKind, subjectKind), eq(fieldBasis.subjectId, id)))
    .run();
}

/**
 * A basis after the record lost fields and citations (a delete's cascade): the entries of the
 * fields set to null go, and `citation` indexes follow the citations that remain (an entry whose
 * citation went is still stated, by the record's citations at large).
 */
export function basisWithout(
  basis: Basis | null | undefined,
  fields: ReadonlySet<string>,
  droppedCitations: ReadonlySet<number>,
): Basis {
  const kept: Basis = {};
  for (const [field, entry] of Object.entries(basis ?? {})) {
    if (fields.has(field)) continue;
    if (entry.kind !== 'stated' || entry.citation == null) {
      kept[field] = entry;
      continue;
    }
    const { citation, ...rest } = entry;
    if (droppedCitations.has(citation)) kept[field] = rest;
    else {
      const shift = [...droppedCitations].filter((i) => i < citation).length;
      kept[field] = { ...rest, citation: citation - shift };
    }
  }
  return kept;
}
