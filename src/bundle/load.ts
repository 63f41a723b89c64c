/**
 * Writes a validated bundle: every record upserted by id, its child rows and citations replaced,
 * all in one transaction. Foreign keys are checked at commit, so records may reference others
 * defined later in the bundle, and a bundle that leaves a dangling reference writes nothing.
 */
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import type { CitedKind } from '../db/schema/index.js';
import * as t from '../db/schema/index.js';
import { CITED_KIND_OF, TABLE_OF } from './kinds.js';
import { agentColumns, toRow } from './rows.js';
import { BUNDLE_KINDS, type Bundle, type BundleKind } from './schema.js';

export type LoadCounts = Record<BundleKind, number>;

function upsert(db: Db, kind: BundleKind, row: Record<string, unknown> & { id: string }): void {
  const table = TABLE_OF[kind] as typeof t.sources;
  const { id: _id, ...changes } = row;
  db.insert(table)
    .values(row as typeof t.sources.$inferInsert)
    .onConflictDoUpdate({ target: table.id, set: changes })
    .run();
}

function replaceCitations(
  db: Db,
  kind: CitedKind,
  id: string,
  records: Bundle['events'][number]['citations'],
) {
  db.delete(t.citations)
    .where(and(eq(t.citations.subjectKind, kind), eq(t.citations.subjectId, id)))
    .run();
  if (records.length === 0) return;
  db.insert(t.citations)
    .values(
      records.map((c, ordinal) => ({
        subjectKind: kind,
        subjectId: id,
        ordinal,
        sourceId: c.source,
        excerpt: c.excerpt,
      })),
    )
    .run();
}

/** Child rows belong to their record: replaced whole on every write. */
function replaceChildren(db: Db, kind: BundleKind, record: Bundle[BundleKind][number]): void {
  if (kind === 'sources') {
    const r = record as Bundle['sources'][number];
    db.delete(t.sourceCites).where(eq(t.sourceCites.sourceId, r.id)).run();
    if (r.cites.length > 0) {
      db.insert(t.sourceCites)
        .values(r.cites.map((citedSourceId) => ({ sourceId: r.id, citedSourceId })))
        .run();
    }
  } else if (kind === 'events') {
    const r = record as Bundle['events'][number];
    db.delete(t.eventNames).where(eq(t.eventNames.eventId, r.id)).run();
    if (r.names.length > 0) {
      db.insert(t.eventNames)
        .values(
          r.names.map((n, ordinal) => ({
            eventId: r.id,
            ordinal,
            name: n.name,
            usedBy: n.used_by,
          })),
        )
        .run();
    }
  } else if (kind === 'delegations') {
    const r = record as Bundle['delegations'][number];
    db.delete(t.delegationMembers).where(eq(t.delegationMembers.delegationId, r.id)).run();
    db.delete(t.delegationReceivers).where(eq(t.delegationReceivers.delegationId, r.id)).run();
    if (r.members.length > 0) {
      db.insert(t.delegationMembers)
        .values(
          r.members.map((m) => ({ delegationId: r.id, personId: m.person, role: m.role ?? null })),
        )
        .run();
    }
    if (r.receivers.length > 0) {
      db.insert(t.delegationReceivers)
        .values(
          r.receivers.map((m, ordinal) => ({
            delegationId: r.id,
            ordinal,
            ...agentColumns(m.receiver),
            role: m.role,
            placeId: m.place ?? null,
          })),
        )
        .run();
    }
  }
}

export function writeRecord(db: Db, kind: BundleKind, record: Bundle[BundleKind][number]): void {
  const row = (toRow[kind] as (r: typeof record) => Record<string, unknown> & { id: string })(
    record,
  );
  upsert(db, kind, row);
  replaceChildren(db, kind, record);
  replaceCitations(db, CITED_KIND_OF[kind], record.id, record.citations);
}

export function loadBundle(db: Db, bundle: Bundle): LoadCounts {
  const counts = Object.fromEntries(BUNDLE_KINDS.map((k) => [k, 0])) as LoadCounts;
  db.$client.transaction(() => {
    db.$client.pragma('defer_foreign_keys = ON');
    for (const kind of BUNDLE_KINDS) {
      for (const record of bundle[kind]) {
        writeRecord(db, kind, record);
        counts[kind] += 1;
      }
    }
  })();
  return counts;
}
