/**
 * Changes to a PostgreSQL database, as the render cache needs to see them (the twin of
 * data-version.ts, SQLite's `PRAGMA data_version`): a number that moves whenever anyone commits a
 * change, this server, `npm run import`, or another server on the same database.
 *
 * Chosen: LISTEN/NOTIFY rather than a change counter in a table. Every table has a statement-level
 * trigger that calls `pg_notify('annals_changes', '')` (src/db/sql/postgres/change-notify.sql);
 * PostgreSQL delivers a notification at commit only (never for a rolled-back transaction), and
 * folds the identical notifications of one transaction into one. One connection of this server
 * LISTENs and bumps the number on each. A counter would cost a round trip to the primary on every
 * turn of the event loop that reads, where this costs nothing while nothing changes; the price
 * is a short delay (the notification's trip, well under a millisecond on one host) during which
 * a cached answer may still be served after another process's commit. A statement that changes
 * no row (an import finding a record unchanged) still notifies: one invalidation too many, never
 * one too few.
 *
 * While the listening connection is down, no change can be seen: each read of the number gives a
 * new value, so the cache neither hits nor stores, and the connection is opened again, with a
 * growing pause (up to `maxRetryMs`). Once it listens again the number moves once more, for the
 * changes made while it was away.
 *
 * With read replicas a notification comes from the primary, before a replica may have replayed
 * the change: an answer read from a lagging replica and cached under the new number would stay
 * stale. So with replicas, on a notification the watcher first asks the primary for its WAL
 * position, then moves the number; `after()` gives that position, which reads must wait for
 * (postgres-replicas.ts), so that what is cached is at least as new as the last change seen.
 */
import pg from 'pg';
import type { DataVersion } from './data-version.js';
import { laterLsn } from './pg-lsn.js';

/** The channel the triggers of change-notify.sql notify on. */
export const CHANGES_CHANNEL = 'annals_changes';

export interface PostgresChanges extends DataVersion {
  /** The primary's WAL position at the last change seen (with replicas only), else undefined. */
  after(): string | undefined;
  /** Whether the listening connection is up. */
  listening(): boolean;
  close(): Promise<void>;
}

export interface WatchOptions {
  url: string;
  /** Whether reads may go to replicas: then each change's WAL position is asked for. */
  replicas?: boolean;
  /** Longest pause between two attempts to listen again. */
  maxRetryMs?: number;
  /** Told when the connection is lost (for the log). */
  onLost?: (error: unknown) => void;
}

/**
 * Starts listening; resolves once the first attempt has listened or failed (a failure is retried
 * as a lost connection is: the cache stays off meanwhile).
 */
export async function watchPostgresChanges(options: WatchOptions): Promise<PostgresChanges> {
  const maxRetryMs = options.maxRetryMs ?? 5000;
  let version = 0;
  let after: string | undefined;
  let client: pg.Client | undefined;
  /** True once `client` listens. */
  let ready = false;
  let closed = false;
  let retryMs = 50;
  let retry: NodeJS.Timeout | undefined;
  /** Notifications not yet turned into a new number (with replicas: a position is asked). */
  let pending = false;
  let draining = false;

  const position = async (on: pg.Client) =>
    (await on.query<{ lsn: string }>('select pg_current_wal_lsn()::text as lsn')).rows[0]?.lsn;

  const drain = async (on: pg.Client) => {
    draining = true;
    try {
      while (pending && client === on) {
        pending = false;
        after = laterLsn(after, await position(on));
        version += 1;
      }
    } catch (error) {
      lost(on, error);
    } finally {
      draining = false;
    }
  };

  const onNotification = (on: pg.Client) => () => {
    if (!options.replicas) {
      version += 1;
      return;
    }
    pending = true;
    if (!draining) void drain(on);
  };

  const lost = (on: pg.Client, error: unknown) => {
    if (client !== on) return;
    client = undefined;
    ready = false;
    version += 1;
    on.removeAllListeners();
    on.on('error', () => {});
    void on.end().catch(() => {});
    if (closed) return;
    options.onLost?.(error);
    retry = setTimeout(() => void connect().catch(() => {}), retryMs);
    retryMs = Math.min(retryMs * 2, maxRetryMs);
  };

  const connect = async () => {
    const on = new pg.Client({ connectionString: options.url });
    on.on('error', (error) => lost(on, error));
    on.on('end', () => lost(on, new Error('the listening connection ended')));
    client = on;
    try {
      await on.connect();
      await on.query(`listen ${CHANGES_CHANNEL}`);
      if (options.replicas) after = laterLsn(after, await position(on));
    } catch (error) {
      lost(on, error);
      throw error;
    }
    // Closed while connecting: this connection is not wanted.
    if (client !== on) return;
    on.on('notification', onNotification(on));
    ready = true;
    retryMs = 50;
    // Whatever changed while no connection listened.
    version += 1;
  };

  await connect().catch(() => {});
  return {
    read: () => {
      if (!ready || pending || draining) version += 1;
      return version;
    },
    after: () => after,
    listening: () => ready,
    async close() {
      closed = true;
      clearTimeout(retry);
      const on = client;
      client = undefined;
      ready = false;
      if (on) {
        on.removeAllListeners();
        on.on('error', () => {});
        await on.end().catch(() => {});
      }
    },
  };
}
