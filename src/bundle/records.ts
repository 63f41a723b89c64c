/**
 * Reads records back out of the database in the bundle's own shape: what exports write, what
 * PATCH merges into, and what an import compares with to tell unchanged records from changed
 * ones. The shape is canonical (every field present, nulls explicit, children in stored order),
 * so that export → import → export gives the same bytes.
 */
import { and, asc, eq, gt, inArray, type SQL, sql } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db/database.js';
import * as t from '../kinds/tables.js';
import { CITED_KIND_OF, TABLE_OF } from './kinds.js';
import type { AgentInput, Bundle, BundleKind } from './schema.js';

export type BundleRecord<K extends BundleKind = BundleKind> = Bundle[K][number];

function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const list = groups.get(key(row));
    if (list) list.push(row);
    else groups.set(key(row), [row]);
  }
  return groups;
}

function agentOf(row: {
  personId: string | null;
  organizationId: string | null;
  groupLabel: string | null;
}): AgentInput {
  if (row.personId !== null) return { kind: 'person', id: row.personId };
  if (row.organizationId !== null) return { kind: 'organization', id: row.organizationId };
  return { kind: 'group', label: row.groupLabel ?? '' };
}

type Row = Record<string, unknown> & { id: string };
type Children = (db: Db, ids: string[]) => Map<string, Record<string, unknown>>;

/**
 * Child rows of each kind, for a batch of record ids at once, in the order they were written (rowid
 * order for the lists without an ordinal), so that a record reads back as it was given.
 */
const childrenOf: Partial<Record<BundleKind, Children>> = {
  sources: (db, ids) => {
    const rows = db
      .select()
      .from(t.sourceCites)
      .where(inArray(t.sourceCites.sourceId, ids))
      .orderBy(asc(t.sourceCites.sourceId), sql`rowid`)
      .all();
    const grouped = groupBy(rows, (r) => r.sourceId);
    return new Map(
      ids.map((id) => [id, { cites: (grouped.get(id) ?? []).map((r) => r.citedSourceId) }]),
    );
  },
  events: (db, ids) => {
    const rows = db
      .select()
      .from(t.eventNames)
      .where(inArray(t.eventNames.eventId, ids))
      .orderBy(asc(t.eventNames.eventId), asc(t.eventNames.ordinal))
      .all();
    const grouped = groupBy(rows, (r) => r.eventId);
    return new Map(
      ids.map((id) => [
        id,
        { names: (grouped.get(id) ?? []).map((n) => ({ name: n.name, used_by: n.usedBy })) },
      ]),
    );
  },
  delegations: (db, ids) => {
    const members = groupBy(
      db
        .select()
        .from(t.delegationMembers)
        .where(inArray(t.delegationMembers.delegationId, ids))
        .orderBy(asc(t.delegationMembers.delegationId), sql`rowid`)
        .all(),
      (r) => r.delegationId,
    );
    const receivers = groupBy(
      db
        .select()
        .from(t.delegationReceivers)
        .where(inArray(t.delegationReceivers.delegationId, ids))
        .orderBy(asc(t.delegationReceivers.delegationId), asc(t.delegationReceivers.ordinal))
        .all(),
      (r) => r.delegationId,
    );
    return new Map(
      ids.map((id) => [
        id,
        {
          members: (members.get(id) ?? []).map((m) => ({ person: m.personId, role: m.role })),
          receivers: (receivers.get(id) ?? []).map((r) => ({
            receiver: agentOf(r),
            role: r.role,
            place: r.placeId,
          })),
        },
      ]),
    );
  },
};

/** A stored row, its children and citations, as a bundle record (the inverse of rows.ts). */
const fromRow: Record<BundleKind, (r: Row, children: Record<string, unknown>) => object> = {
  sources: (r, c) => ({
    id: r.id,
    title: r.title,
    publisher: r.publisher,
    published: r.published,
    url: r.url,
    text: r.text,
    cites: c.cites,
  }),
  places: (r) => ({ id: r.id, name: r.name, type: r.type, aliases: r.aliases, parent: r.parentId }),
  organizations: (r) => ({
    id: r.id,
    name: r.name,
    type: r.type,
    aliases: r.aliases,
    country: r.countryId,
    parent: r.parentId,
    description: r.description,
  }),
  people: (r) => ({
    id: r.id,
    name: r.name,
    aliases: r.aliases,
    country: r.countryId,
    description: r.description,
  }),
  positions: (r) => ({
    id: r.id,
    person: r.personId,
    organization: r.organizationId,
    title: r.title,
    start: r.start,
    end: r.end,
  }),
  relations: (r) => ({
    id: r.id,
    person: r.personId,
    relation: r.relation,
    related_person: r.relatedPersonId,
  }),
  events: (r, c) => ({
    id: r.id,
    type: r.type,
    title: r.title,
    summary: r.summary,
    start: r.start,
    end: r.end,
    place: r.placeId,
    parent: r.parentId,
    commemorates: r.commemoratesId,
    names: c.names,
  }),
  participations: (r) => ({
    id: r.id,
    event: r.eventId,
    participant: agentOf(r as unknown as Parameters<typeof agentOf>[0]),
    role: r.role,
  }),
  delegations: (r, c) => ({
    id: r.id,
    name: r.name,
    leader: r.leaderId,
    sender: r.senderId,
    destination: r.destinationId,
    event: r.eventId,
    arrival: r.arrival,
    arrival_place: r.arrivalPlaceId,
    purpose: r.purpose,
    members: c.members,
    receivers: c.receivers,
  }),
  statements: (r) => ({
    id: r.id,
    speaker: r.speakerPersonId
      ? { kind: 'person', id: r.speakerPersonId }
      : { kind: 'organization', id: r.speakerOrganizationId },
    date: r.date,
    event: r.eventId,
    delegation: r.delegationId,
    kind: r.kind,
    mode: r.mode,
    text: r.text,
  }),
  figures: (r) => ({
    id: r.id,
    subject: r.subjectId,
    event: r.eventId,
    measure: r.measure,
    value: r.value,
    qualifier: r.qualifier,
    unit: r.unit,
    as_stated: r.asStated,
    note: r.note,
  }),
};

function citationsByRecord(db: Db, kind: BundleKind, ids: string[]) {
  const rows = db
    .select({
      subjectId: t.citations.subjectId,
      source: t.citations.sourceId,
      excerpt: t.citations.excerpt,
    })
    .from(t.citations)
    .where(
      and(eq(t.citations.subjectKind, CITED_KIND_OF[kind]), inArray(t.citations.subjectId, ids)),
    )
    .orderBy(asc(t.citations.subjectId), asc(t.citations.ordinal))
    .all();
  return groupBy(rows, (r) => r.subjectId);
}

/** Records of one kind for stored rows, their children and citations fetched in batch. */
function toRecords<K extends BundleKind>(db: Db, kind: K, rows: Row[]): BundleRecord<K>[] {
  const ids = rows.map((r) => r.id);
  const children = childrenOf[kind]?.(db, ids);
  const cited = citationsByRecord(db, kind, ids);
  return rows.map(
    (row) =>
      ({
        ...fromRow[kind](row, children?.get(row.id) ?? {}),
        citations: (cited.get(row.id) ?? []).map(({ source, excerpt }) => ({ source, excerpt })),
      }) as BundleRecord<K>,
  );
}

export function readRecord<K extends BundleKind>(
  db: Db,
  kind: K,
  id: string,
): BundleRecord<K> | null {
  const table = TABLE_OF[kind] as typeof t.sources;
  const row = db.select().from(table).where(eq(table.id, id)).get() as Row | undefined;
  return row ? (toRecords(db, kind, [row])[0] ?? null) : null;
}

/**
 * Every record of a kind in id order, read a batch at a time so that an export of a million
 * records never holds more than one batch.
 */
export function* iterateRecords<K extends BundleKind>(
  db: Db,
  kind: K,
  where?: SQL,
  batchSize = 500,
): Generator<BundleRecord<K>> {
  const table = TABLE_OF[kind] as typeof t.sources;
  let after: string | undefined;
  for (;;) {
    const rows = db
      .select()
      .from(table as SQLiteTable as typeof t.sources)
      .where(and(where, after === undefined ? undefined : gt(table.id, after)))
      .orderBy(asc(table.id))
      .limit(batchSize)
      .all() as Row[];
    if (rows.length === 0) return;
    yield* toRecords(db, kind, rows);
    after = rows[rows.length - 1]?.id;
  }
}
