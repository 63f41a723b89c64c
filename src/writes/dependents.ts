/**
 * Who refers to a record, and what becomes of them when it goes. Every foreign key of the schema
 * is a link below (a test checks that none is missing), and each is found by an indexed query on
 * its column. What happens to a record that refers to a deleted one follows from the zod schema
 * of its kind: a required field (a position's person, a statement's speaker) cannot point nowhere,
 * so the record goes too; an optional one (an event's place) becomes null; an entry of a list (a
 * delegation's member, a citation) is taken out of the list.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { z } from 'zod';
import type { Db } from '../db/database.js';
import { KINDS, type KindName, kindNamed, kindOf, type RecordOf } from '../kinds/index.js';
import { citationSteps, citations } from '../kinds/sources/citations-table.js';
import { basisWithout } from '../records/basis.js';
import type { KindDefinition } from '../records/definition.js';
import { type Link, linksOf, referencesOf } from '../records/references.js';

/** Every column through which a record refers to another, from the kinds' reference specs. */
export const LINKS: Link[] = KINDS.flatMap((kind) => linksOf(kind as KindDefinition));

/** Child rows that belong to their record and go with it: its names, members, cited sources. */
export const OWNED_ROWS = Object.fromEntries(
  KINDS.map((kind) => [
    kind.name,
    ((kind as KindDefinition).lists ?? []).map((list) => list.owner),
  ]),
) as Record<KindName, SQLiteColumn[]>;

export interface Holder {
  kind: KindName;
  id: string;
}

/**
 * Prepared queries for the records that refer to a record: one per link, one for citations. Each
 * gives its holders in id order (byte order, on both backends: dependents.pg.ts), so that a
 * refused DELETE lists the same references in the same order on SQLite and on PostgreSQL.
 */
export function createHolderQueries(db: Db) {
  const byTarget = new Map<
    string,
    { holder: KindName; query: { all(p: Record<string, unknown>): unknown } }[]
  >();
  for (const l of LINKS) {
    const query = db
      .selectDistinct({ id: l.holderId })
      .from(l.column.table as SQLiteTable)
      .where(eq(l.column, sql.placeholder('id')))
      .orderBy(l.holderId)
      .prepare();
    const list = byTarget.get(l.target) ?? [];
    list.push({ holder: l.holder as KindName, query });
    byTarget.set(l.target, list);
  }
  const citing = db
    .selectDistinct({ kind: citations.subjectKind, id: citations.subjectId })
    .from(citations)
    .where(eq(citations.sourceId, sql.placeholder('id')))
    .orderBy(citations.subjectKind, citations.subjectId)
    .prepare();

  const namedInAccounts = db
    .selectDistinct({ kind: citationSteps.subjectKind, id: citationSteps.subjectId })
    .from(citationSteps)
    .where(
      and(
        eq(citationSteps.stepKind, sql.placeholder('kind')),
        eq(citationSteps.stepId, sql.placeholder('id')),
      ),
    )
    .orderBy(citationSteps.subjectKind, citationSteps.subjectId)
    .prepare();

  /** Every record that refers to (kind, id), itself left out, each once. */
  return function holdersOf(kind: KindName, id: string): Holder[] {
    const linked = (byTarget.get(kind) ?? []).flatMap(({ holder, query }) =>
      (query.all({ id }) as { id: string }[]).map((row) => ({ kind: holder, id: row.id })),
    );
    const fromCitations = kind === 'sources' ? citing.all({ id }) : [];
    const fromAccounts = namedInAccounts.all({ kind: kindOf(kind).singular, id });
    return distinctHolders(kind, id, linked, [...fromCitations, ...fromAccounts]);
  };
}

/**
 * The holders found through the links (`linked`) and through citations and their accounts
 * (`cited`, each naming its kind in the singular), each once in the order first found, the
 * record (kind, id) itself left out.
 */
export function distinctHolders(
  kind: KindName,
  id: string,
  linked: Holder[],
  cited: { kind: string; id: string }[],
): Holder[] {
  const found = new Map<string, Holder>();
  const add = (holder: Holder) => {
    if (holder.kind === kind && holder.id === id) return;
    found.set(`${holder.kind}\u0000${holder.id}`, holder);
  };
  for (const holder of linked) add(holder);
  for (const row of cited) {
    const holder = kindNamed(row.kind);
    if (holder) add({ kind: holder.name, id: row.id });
  }
  return [...found.values()];
}

/** The JSON pointers at which a record refers to (target, id). */
export function pointersTo(
  kind: KindName,
  record: RecordOf,
  target: KindName,
  id: string,
): string[] {
  return referencesOf(kindOf(kind), record)
    .filter((ref) => ref.kind === target && ref.id === id)
    .map((ref) => ref.pointer);
}

/** What a reference becomes when its target is deleted. */
export type Fate = 'delete-holder' | 'set-null' | 'drop-entry';

const optionalIn = (schema: z.ZodType | undefined) => schema?.safeParse(undefined).success === true;

/** The fields of a list's entries: `members` → { person, role }. */
function entryShape(schema: z.ZodType | undefined): Record<string, z.ZodType> {
  let inner: unknown = schema;
  while (
    inner instanceof z.ZodDefault ||
    inner instanceof z.ZodOptional ||
    inner instanceof z.ZodNullable
  ) {
    inner = inner.unwrap();
  }
  if (inner instanceof z.ZodArray) inner = inner.element;
  return inner instanceof z.ZodObject ? (inner.shape as Record<string, z.ZodType>) : {};
}

const isIndex = (segment: string | undefined) => segment !== undefined && /^\d+$/.test(segment);

/**
 * Decided by the kind's schema: `/place` is optional, `/participant/id` is required. A step of a
 * citation's account (`/citations/0/according_to/1/id`) is taken out of the account.
 */
export function fateOf(kind: KindName, pointer: string): Fate {
  const [field = '', index, entryField, nestedIndex] = pointer.split('/').slice(1);
  if (isIndex(nestedIndex)) return 'drop-entry';
  const schema = (kindOf(kind).shape.shape as Record<string, z.ZodType>)[field];
  if (!isIndex(index)) return optionalIn(schema) ? 'set-null' : 'delete-holder';
  if (entryField === undefined) return 'drop-entry';
  return optionalIn(entryShape(schema)[entryField]) ? 'set-null' : 'drop-entry';
}

/** The record with the references at `pointers` set to null or taken out of their lists. */
export function withoutReferences<R extends RecordOf>(
  kind: KindName,
  record: R,
  pointers: string[],
): R {
  const copy = structuredClone(record) as Record<string, unknown>;
  const dropped = new Map<string, Set<number>>();
  const droppedSteps: [entry: Record<string, unknown[]>, list: string, index: number][] = [];
  for (const pointer of pointers) {
    const [field = '', index, entryField, nestedIndex] = pointer.split('/').slice(1);
    const fate = fateOf(kind, pointer);
    if (fate === 'delete-holder') throw new Error(`${pointer} of a ${kind} record is required`);
    if (isIndex(nestedIndex) && entryField) {
      const entry = (copy[field] as Record<string, unknown[]>[])[Number(index)];
      if (entry) droppedSteps.push([entry, entryField, Number(nestedIndex)]);
    } else if (!isIndex(index)) copy[field] = null;
    else if (fate === 'set-null') {
      const entry = (copy[field] as Record<string, unknown>[])[Number(index)];
      if (entry && entryField) entry[entryField] = null;
    } else {
      const set = dropped.get(field) ?? new Set<number>();
      set.add(Number(index));
      dropped.set(field, set);
    }
  }
  // Last first, so that the indexes still to drop keep their place.
  for (const [entry, list, i] of droppedSteps.sort((a, b) => b[2] - a[2])) {
    entry[list] = (entry[list] ?? []).filter((_, j) => j !== i);
  }
  for (const [field, indexes] of dropped) {
    copy[field] = (copy[field] as unknown[]).filter((_, i) => !indexes.has(i));
  }
  // The basis follows: no entry for a field now null, citation indexes of the citations left.
  const nulled = pointers.map((p) => p.split('/')).filter((p) => p.length === 2);
  copy.basis = basisWithout(
    record.basis,
    new Set(nulled.map((p) => p[1] ?? '')),
    dropped.get('citations') ?? new Set(),
  );
  return copy as R;
}
