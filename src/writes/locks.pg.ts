/**
 * Record locks for PostgreSQL's single writes. SQLite runs one write at a time (an immediate
 * transaction); PostgreSQL runs them side by side, so each write first locks the records it
 * depends on, with transaction-level advisory locks (released at commit or rollback):
 *
 * - the record it writes or deletes, exclusively: two writes of one record cannot interleave
 *   between the condition check (If-Match, "does it exist") and the write, and a create racing a
 *   create of the same id waits, then finds it taken (409, or 412 with If-None-Match: *).
 *   An advisory lock rather than `select ... for update`, because the row of a create does not
 *   exist yet to be locked;
 * - the records it refers to, shared: a record cannot be deleted (nor a source's text changed)
 *   between the check that it exists (that an excerpt is in its text) and the commit of a write
 *   that relies on it, while writes referring to the same record still run side by side.
 *
 * A lock is keyed by (a class per kind, hashtext(id)): a hash collision only makes two writes
 * wait for each other. The locks a write knows at its start are taken in one order (kind, then
 * id), so two such writes cannot deadlock; those found later (a patch's new references, a
 * cascade's holders) may, and PostgreSQL then fails one of the two (40P01), which the service
 * runs again.
 */
import type pg from 'pg';
import { IMPORT_LOCK } from '../bundle/postgres/import.js';
import { KIND_NAMES, type KindName } from '../kinds/index.js';

/** The first class of the (class, key) advisory locks: an arbitrary constant, then one per kind. */
const LOCK_CLASS = 15_000;

export interface RecordKey {
  kind: string;
  id: string;
}

const classOf = (kind: string) => {
  const index = KIND_NAMES.indexOf(kind as KindName);
  if (index < 0) throw new Error(`no kind ${kind} to lock`);
  return LOCK_CLASS + index;
};

/**
 * Waits for an import writing now to end, and keeps imports out until the write's commit: an
 * import (src/bundle/postgres/import.ts) holds IMPORT_LOCK exclusively while it writes, and
 * takes no record locks. Taken first by every write, before its record locks, so that a write
 * and an import never wait for each other in a circle.
 */
export async function keepImportsOut(client: pg.ClientBase): Promise<void> {
  await client.query('select pg_advisory_xact_lock_shared($1::bigint)', [IMPORT_LOCK]);
}

/**
 * Locks `written` exclusively and `referenced` shared (a record in both: exclusively), in the
 * order of their kinds and ids; waits for the writes that hold them to end.
 */
export async function lockRecords(
  client: pg.ClientBase,
  written: readonly RecordKey[],
  referenced: readonly RecordKey[] = [],
): Promise<void> {
  const modes = new Map<string, { key: RecordKey; exclusive: boolean }>();
  const name = (key: RecordKey) => `${classOf(key.kind)}\u0000${key.id}`;
  for (const key of referenced) modes.set(name(key), { key, exclusive: false });
  for (const key of written) modes.set(name(key), { key, exclusive: true });
  const ordered = [...modes.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [, { key, exclusive }] of ordered) {
    const lock = exclusive ? 'pg_advisory_xact_lock' : 'pg_advisory_xact_lock_shared';
    await client.query(`select ${lock}($1::int, hashtext($2))`, [classOf(key.kind), key.id]);
  }
}
