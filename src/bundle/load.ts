/**
 * Writes records: each upserted by id, its child rows (names, members, receivers, cited sources)
 * and citations replaced. Statements are prepared once per connection and reused, since an
 * import writes hundreds of thousands of records; building SQL per record costs more than the
 * writes themselves. Callers hold the transaction (foreign keys deferred to its commit, so
 * records may reference others written later in it).
 */
import type Sqlite from 'better-sqlite3';
import { getTableColumns, getTableName } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db/database.js';
import * as t from '../kinds/tables.js';
import { CITED_KIND_OF, TABLE_OF } from './kinds.js';
import { agentColumns, toRow } from './rows.js';
import { BUNDLE_KINDS, type Bundle, type BundleKind } from './schema.js';

type Row = Record<string, unknown>;

/**
 * Columns the database's triggers keep (migration 0009): the writer leaves them out, so that an
 * upsert does not set them back to NULL behind the trigger that filled them.
 */
const TRIGGER_KEPT: ReadonlySet<SQLiteColumn> = new Set([t.participations.eventStartFirstDay]);

/** An insert for a table, taking a camelCase row as drizzle's tables name their columns. */
function inserter(sqlite: Sqlite.Database, table: SQLiteTable, upsertOn?: string) {
  const columns = (Object.entries(getTableColumns(table)) as [string, SQLiteColumn][]).filter(
    ([, c]) => !TRIGGER_KEPT.has(c),
  );
  const names = columns.map(([, c]) => `"${c.name}"`);
  const updates = columns
    .filter(([, c]) => c.name !== upsertOn)
    .map(([, c]) => `"${c.name}" = excluded."${c.name}"`);
  const statement = sqlite.prepare(
    `insert into "${getTableName(table)}" (${names.join(', ')}) values (${names.map(() => '?').join(', ')})${
      upsertOn ? ` on conflict ("${upsertOn}") do update set ${updates.join(', ')}` : ''
    }`,
  );
  return (row: Row) =>
    statement.run(
      columns.map(([key, column]) => {
        const value = row[key];
        return value === undefined || value === null ? null : column.mapToDriverValue(value);
      }),
    );
}

function createWriter(sqlite: Sqlite.Database) {
  const upsert = Object.fromEntries(
    BUNDLE_KINDS.map((kind) => [kind, inserter(sqlite, TABLE_OF[kind], 'id')]),
  ) as Record<BundleKind, (row: Row) => unknown>;
  const insert = {
    citation: inserter(sqlite, t.citations),
    sourceCite: inserter(sqlite, t.sourceCites),
    eventName: inserter(sqlite, t.eventNames),
    member: inserter(sqlite, t.delegationMembers),
    receiver: inserter(sqlite, t.delegationReceivers),
  };
  const clear = {
    citations: sqlite.prepare('delete from citations where subject_kind = ? and subject_id = ?'),
    sourceCites: sqlite.prepare('delete from source_cites where source_id = ?'),
    eventNames: sqlite.prepare('delete from event_names where event_id = ?'),
    members: sqlite.prepare('delete from delegation_members where delegation_id = ?'),
    receivers: sqlite.prepare('delete from delegation_receivers where delegation_id = ?'),
  };
  return { upsert, insert, clear };
}

const writers = new WeakMap<Sqlite.Database, ReturnType<typeof createWriter>>();

function writerFor(db: Db) {
  let writer = writers.get(db.$client);
  if (!writer) {
    writer = createWriter(db.$client);
    writers.set(db.$client, writer);
  }
  return writer;
}

/** Child rows belong to their record: replaced whole on every write, in the record's order. */
function replaceChildren(
  w: ReturnType<typeof createWriter>,
  kind: BundleKind,
  record: Bundle[BundleKind][number],
) {
  if (kind === 'sources') {
    const r = record as Bundle['sources'][number];
    w.clear.sourceCites.run(r.id);
    for (const citedSourceId of r.cites) w.insert.sourceCite({ sourceId: r.id, citedSourceId });
  } else if (kind === 'events') {
    const r = record as Bundle['events'][number];
    w.clear.eventNames.run(r.id);
    r.names.forEach((n, ordinal) => {
      w.insert.eventName({ eventId: r.id, ordinal, name: n.name, usedBy: n.used_by });
    });
  } else if (kind === 'delegations') {
    const r = record as Bundle['delegations'][number];
    w.clear.members.run(r.id);
    w.clear.receivers.run(r.id);
    for (const m of r.members) {
      w.insert.member({ delegationId: r.id, personId: m.person, role: m.role ?? null });
    }
    r.receivers.forEach((m, ordinal) => {
      w.insert.receiver({
        delegationId: r.id,
        ordinal,
        ...agentColumns(m.receiver),
        role: m.role,
        placeId: m.place ?? null,
      });
    });
  }
}

export function writeRecord(db: Db, kind: BundleKind, record: Bundle[BundleKind][number]): void {
  const w = writerFor(db);
  w.upsert[kind]((toRow[kind] as (r: typeof record) => Row)(record));
  replaceChildren(w, kind, record);
  const citedKind = CITED_KIND_OF[kind];
  w.clear.citations.run(citedKind, record.id);
  record.citations.forEach((c, ordinal) => {
    w.insert.citation({
      subjectKind: citedKind,
      subjectId: record.id,
      ordinal,
      sourceId: c.source,
      excerpt: c.excerpt,
    });
  });
}

/** Writes a whole parsed bundle in one transaction (tests and tools; imports use import.ts). */
export function loadBundle(db: Db, bundle: Bundle): void {
  db.$client.transaction(() => {
    db.$client.pragma('defer_foreign_keys = ON');
    for (const kind of BUNDLE_KINDS) {
      for (const record of bundle[kind]) writeRecord(db, kind, record);
    }
  })();
}
