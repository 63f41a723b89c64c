/**
 * Who refers to a record, and what becomes of them when it goes. Every foreign key of the schema
 * is a link below (a test checks that none is missing), and each is found by an indexed query on
 * its column. What happens to a record that refers to a deleted one follows from the zod schema
 * of its kind: a required field (a position's person, a statement's speaker) cannot point nowhere,
 * so the record goes too; an optional one (an event's place) becomes null; an entry of a list (a
 * delegation's member, a citation) is taken out of the list.
 */
import { eq, sql } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { z } from 'zod';
import { CITED_KIND_OF, referencesOf } from '../bundle/kinds.js';
import type { BundleRecord } from '../bundle/records.js';
import { type BundleKind, RECORD_SCHEMAS } from '../bundle/schema.js';
import type { Db } from '../db/database.js';
import * as t from '../kinds/tables.js';

/** A column that refers to a record of `target`, held by a record of `holder`. */
export interface Link {
  holder: BundleKind;
  /** The holder's id: its own id column, or the column of a child row that names its record. */
  holderId: SQLiteColumn;
  column: SQLiteColumn;
  target: BundleKind;
}

const link = (
  holder: BundleKind,
  holderId: SQLiteColumn,
  column: SQLiteColumn,
  target: BundleKind,
): Link => ({ holder, holderId, column, target });

export const LINKS: Link[] = [
  link('sources', t.sourceCites.sourceId, t.sourceCites.citedSourceId, 'sources'),
  link('places', t.places.id, t.places.parentId, 'places'),
  link('organizations', t.organizations.id, t.organizations.countryId, 'organizations'),
  link('organizations', t.organizations.id, t.organizations.parentId, 'organizations'),
  link('people', t.people.id, t.people.countryId, 'organizations'),
  link('positions', t.positions.id, t.positions.personId, 'people'),
  link('positions', t.positions.id, t.positions.organizationId, 'organizations'),
  link('relations', t.relations.id, t.relations.personId, 'people'),
  link('relations', t.relations.id, t.relations.relatedPersonId, 'people'),
  link('events', t.events.id, t.events.placeId, 'places'),
  link('events', t.events.id, t.events.parentId, 'events'),
  link('events', t.events.id, t.events.commemoratesId, 'events'),
  link('participations', t.participations.id, t.participations.eventId, 'events'),
  link('participations', t.participations.id, t.participations.personId, 'people'),
  link('participations', t.participations.id, t.participations.organizationId, 'organizations'),
  link('delegations', t.delegations.id, t.delegations.leaderId, 'people'),
  link('delegations', t.delegations.id, t.delegations.senderId, 'organizations'),
  link('delegations', t.delegations.id, t.delegations.destinationId, 'places'),
  link('delegations', t.delegations.id, t.delegations.eventId, 'events'),
  link('delegations', t.delegations.id, t.delegations.arrivalPlaceId, 'places'),
  link('delegations', t.delegationMembers.delegationId, t.delegationMembers.personId, 'people'),
  link('delegations', t.delegationReceivers.delegationId, t.delegationReceivers.personId, 'people'),
  link(
    'delegations',
    t.delegationReceivers.delegationId,
    t.delegationReceivers.organizationId,
    'organizations',
  ),
  link('delegations', t.delegationReceivers.delegationId, t.delegationReceivers.placeId, 'places'),
  link('statements', t.statements.id, t.statements.speakerPersonId, 'people'),
  link('statements', t.statements.id, t.statements.speakerOrganizationId, 'organizations'),
  link('statements', t.statements.id, t.statements.eventId, 'events'),
  link('statements', t.statements.id, t.statements.delegationId, 'delegations'),
  link('figures', t.figures.id, t.figures.subjectId, 'organizations'),
  link('figures', t.figures.id, t.figures.eventId, 'events'),
];

/** Child rows that belong to their record and go with it: its names, members, cited sources. */
export const OWNED_ROWS: Partial<Record<BundleKind, SQLiteColumn[]>> = {
  sources: [t.sourceCites.sourceId],
  events: [t.eventNames.eventId],
  delegations: [t.delegationMembers.delegationId, t.delegationReceivers.delegationId],
};

const KIND_OF_CITED = Object.fromEntries(
  Object.entries(CITED_KIND_OF).map(([kind, cited]) => [cited, kind as BundleKind]),
) as Record<string, BundleKind>;

export interface Holder {
  kind: BundleKind;
  id: string;
}

/** Prepared queries for the records that refer to a record: one per link, one for citations. */
export function createHolderQueries(db: Db) {
  const byTarget = new Map<
    BundleKind,
    { holder: BundleKind; query: { all(p: Record<string, unknown>): unknown } }[]
  >();
  for (const l of LINKS) {
    const query = db
      .selectDistinct({ id: l.holderId })
      .from(l.column.table as SQLiteTable as typeof t.sources)
      .where(eq(l.column, sql.placeholder('id')))
      .prepare();
    const list = byTarget.get(l.target) ?? [];
    list.push({ holder: l.holder, query });
    byTarget.set(l.target, list);
  }
  const citing = db
    .selectDistinct({ kind: t.citations.subjectKind, id: t.citations.subjectId })
    .from(t.citations)
    .where(eq(t.citations.sourceId, sql.placeholder('id')))
    .prepare();

  /** Every record that refers to (kind, id), itself left out, each once. */
  return function holdersOf(kind: BundleKind, id: string): Holder[] {
    const found = new Map<string, Holder>();
    const add = (holder: Holder) => {
      if (holder.kind === kind && holder.id === id) return;
      found.set(`${holder.kind}\u0000${holder.id}`, holder);
    };
    for (const { holder, query } of byTarget.get(kind) ?? []) {
      for (const row of query.all({ id }) as { id: string }[]) add({ kind: holder, id: row.id });
    }
    if (kind === 'sources') {
      for (const row of citing.all({ id })) {
        const holder = KIND_OF_CITED[row.kind];
        if (holder) add({ kind: holder, id: row.id });
      }
    }
    return [...found.values()];
  };
}

/** The JSON pointers at which a record refers to (target, id). */
export function pointersTo(
  kind: BundleKind,
  record: BundleRecord,
  target: BundleKind,
  id: string,
): string[] {
  return referencesOf(kind, record)
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

/** Decided by the kind's schema: `/place` is optional, `/participant/id` is required. */
export function fateOf(kind: BundleKind, pointer: string): Fate {
  const [field = '', index, entryField] = pointer.split('/').slice(1);
  const schema = (RECORD_SCHEMAS[kind].shape as Record<string, z.ZodType>)[field];
  if (!isIndex(index)) return optionalIn(schema) ? 'set-null' : 'delete-holder';
  if (entryField === undefined) return 'drop-entry';
  return optionalIn(entryShape(schema)[entryField]) ? 'set-null' : 'drop-entry';
}

/** The record with the references at `pointers` set to null or taken out of their lists. */
export function withoutReferences<R extends BundleRecord>(
  kind: BundleKind,
  record: R,
  pointers: string[],
): R {
  const copy = structuredClone(record) as Record<string, unknown>;
  const dropped = new Map<string, Set<number>>();
  for (const pointer of pointers) {
    const [field = '', index, entryField] = pointer.split('/').slice(1);
    const fate = fateOf(kind, pointer);
    if (fate === 'delete-holder') throw new Error(`${pointer} of a ${kind} record is required`);
    if (!isIndex(index)) copy[field] = null;
    else if (fate === 'set-null') {
      const entry = (copy[field] as Record<string, unknown>[])[Number(index)];
      if (entry && entryField) entry[entryField] = null;
    } else {
      const set = dropped.get(field) ?? new Set<number>();
      set.add(Number(index));
      dropped.set(field, set);
    }
  }
  for (const [field, indexes] of dropped) {
    copy[field] = (copy[field] as unknown[]).filter((_, i) => !indexes.has(i));
  }
  return copy as R;
}
