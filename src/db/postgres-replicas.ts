/**
 * The PostgreSQL connections: a pool on the primary (DATABASE_URL) for writes, and one on each
 * read replica (DATABASE_READ_URLS) for reads, each DATABASE_POOL_MAX connections at most.
 *
 * - `write(fn)` runs `fn` in a transaction on the primary and returns, beside its result, the
 *   primary's WAL position after the commit (`pg_current_wal_lsn()`): the position a reader must
 *   wait for to see the write.
 * - `read(fn, { after })` runs `fn` in a read-only repeatable-read transaction (one snapshot for
 *   every query of a request, as SQLite's read transaction gives) on the next healthy replica,
 *   round-robin, that has replayed `after`; a replica that has not is passed over at once, not
 *   waited for, and when none has, the primary answers. Waiting would add the replicas' lag to
 *   the client's latency, while the primary can always answer at once; the cost is load on the
 *   primary for the lag's length after a write, and only for the client that wrote. A replica's
 *   last replay position is remembered, so a read whose `after` it has already passed costs no
 *   extra round trip; replay only moves forward.
 * - A replica that cannot be reached or fails (connection refused or lost, shutting down, out of
 *   connections) is left out for `replicaRestMs`, and the read is tried on the next one, then on
 *   the primary: a stopped replica costs its clients nothing but one failed connection attempt.
 *   An error of `fn` itself (bad SQL, a constraint) is the caller's and is thrown as is.
 * - Without replicas, reads run on the primary.
 *
 * How a client's LSN travels between its write and its reads: src/db/read-your-writes.ts.
 */
import pg from 'pg';
import type { Config } from '../config.js';
import { laterLsn, lsnReached } from './pg-lsn.js';

export interface PostgresServersOptions {
  primaryUrl: string;
  replicaUrls?: readonly string[];
  /** Connections kept open at most, per server. */
  poolMax?: number;
  /** How long a replica that failed is left out before it is tried again. */
  replicaRestMs?: number;
  /** How long a connection attempt to a replica may take before the replica counts as failed. */
  replicaConnectTimeoutMs?: number;
}

/** What a read or a write runs: its queries on one connection, inside one transaction. */
export type OnConnection<T> = (client: pg.PoolClient) => Promise<T>;

export interface ReadOptions {
  /** The WAL position the read must see (read-your-writes.ts). */
  after?: string;
  /** Each statement's budget in ms; none: the server's statement_timeout. */
  timeoutMs?: number;
}

export interface Written<T> {
  result: T;
  /** The primary's WAL position after the commit; give it to `read` as `after`. */
  lsn: string;
}

interface Replica {
  pool: pg.Pool;
  /** The last replay position this replica reported (undefined until asked). */
  replayed: string | undefined;
  /** Date.now() before which this replica is left out, after a failure. */
  restUntil: number;
}

export class PostgresServers {
  readonly primary: pg.Pool;
  /** The primary's URL, for a connection of its own (postgres-changes.ts listens on one). */
  readonly primaryUrl: string;
  private readonly replicas: Replica[];
  private readonly restMs: number;
  /** Where the round-robin starts next. */
  private turn = 0;

  constructor(options: PostgresServersOptions) {
    const max = options.poolMax ?? 10;
    this.restMs = options.replicaRestMs ?? 5000;
    this.primaryUrl = options.primaryUrl;
    this.primary = new pg.Pool({ connectionString: options.primaryUrl, max });
    // An idle connection the server drops must not end the process: the next checkout reconnects.
    this.primary.on('error', () => {});
    this.replicas = (options.replicaUrls ?? []).map((url) => {
      const pool = new pg.Pool({
        connectionString: url,
        max,
        connectionTimeoutMillis: options.replicaConnectTimeoutMs ?? 2000,
      });
      const replica: Replica = { pool, replayed: undefined, restUntil: 0 };
      pool.on('error', () => this.rest(replica));
      return replica;
    });
  }

  /** Whether reads may go to replicas. */
  get replicated(): boolean {
    return this.replicas.length > 0;
  }

  /** Runs `fn` in a transaction on the primary; rolled back if it throws. */
  async write<T>(fn: OnConnection<T>): Promise<Written<T>> {
    const client = await this.primary.connect();
    try {
      await client.query('begin');
      let result: T;
      try {
        result = await fn(client);
        await client.query('commit');
      } catch (error) {
        // A rollback that fails means the connection is lost: pg-pool drops it at release.
        await client.query('rollback').catch(() => {});
        throw error;
      }
      // With synchronous_commit on (the default; Annals never turns it off) COMMIT returns once
      // its record is flushed, so the write position read now is at or past it.
      const { rows } = await client.query<{ lsn: string }>(
        'select pg_current_wal_lsn()::text as lsn',
      );
      return { result, lsn: rows[0]?.lsn ?? '0/0' };
    } finally {
      client.release();
    }
  }

  /**
   * Runs `fn` on a replica that has replayed `after` (every replica without it), else the primary.
   * With `timeoutMs`, each statement of the read is cancelled past it (statement_timeout, set for
   * the read's transaction only): PostgreSQL fails it with SQLSTATE 57014.
   */
  async read<T>(fn: OnConnection<T>, options: ReadOptions = {}): Promise<T> {
    for (const replica of this.inTurn()) {
      const answer = await this.readOn(replica, fn, options);
      if (answer) return answer.result;
    }
    return readOnly(this.primary, fn, options.timeoutMs);
  }

  /** The replicas not resting, starting one further each call (round-robin). */
  private inTurn(): Replica[] {
    const now = Date.now();
    const count = this.replicas.length;
    if (count === 0) return [];
    const start = this.turn;
    this.turn = (this.turn + 1) % count;
    return Array.from({ length: count }, (_, i) => this.replicas[(start + i) % count]).filter(
      (replica): replica is Replica => replica !== undefined && replica.restUntil <= now,
    );
  }

  /** `fn`'s result on this replica, or undefined when it lags behind `after` or failed. */
  private async readOn<T>(
    replica: Replica,
    fn: OnConnection<T>,
    { after, timeoutMs }: ReadOptions,
  ): Promise<{ result: T } | undefined> {
    try {
      if (after !== undefined && !(await this.hasReplayed(replica, after))) return undefined;
      return { result: await readOnly(replica.pool, fn, timeoutMs) };
    } catch (error) {
      if (!isUnavailable(error)) throw error;
      // A recovery conflict is this query's bad luck, not the replica's: it stays in turn.
      if ((error as { code?: unknown }).code !== '40001') this.rest(replica);
      return undefined;
    }
  }

  private async hasReplayed(replica: Replica, after: string): Promise<boolean> {
    if (replica.replayed !== undefined && lsnReached(replica.replayed, after)) return true;
    const { rows } = await replica.pool.query<{ lsn: string | null }>(
      'select pg_last_wal_replay_lsn()::text as lsn',
    );
    // null: the server is not a standby (a primary given as a replica); its position is unknown.
    // The later of the two, should an older answer arrive after a newer one.
    replica.replayed = laterLsn(replica.replayed, rows[0]?.lsn ?? undefined);
    return replica.replayed !== undefined && lsnReached(replica.replayed, after);
  }

  private rest(replica: Replica): void {
    replica.restUntil = Date.now() + this.restMs;
  }

  /** Closes every pool; waits for the connections in use to be released. */
  async close(): Promise<void> {
    await Promise.all([this.primary.end(), ...this.replicas.map((replica) => replica.pool.end())]);
  }
}

/** The servers of a configuration whose backend is PostgreSQL. */
export function postgresServers(
  config: Pick<Config, 'DATABASE_URL' | 'DATABASE_READ_URLS' | 'DATABASE_POOL_MAX'>,
): PostgresServers {
  if (!config.DATABASE_URL) throw new Error('DATABASE_URL is not set: the backend is SQLite');
  return new PostgresServers({
    primaryUrl: config.DATABASE_URL,
    replicaUrls: config.DATABASE_READ_URLS,
    poolMax: config.DATABASE_POOL_MAX,
  });
}

/**
 * `fn` inside a read-only transaction with one snapshot for all its queries; with `timeoutMs`,
 * each statement is cancelled past it (set with the BEGIN, in the same round trip).
 */
export async function readOnly<T>(
  pool: pg.Pool,
  fn: OnConnection<T>,
  timeoutMs?: number,
): Promise<T> {
  const client = await pool.connect();
  try {
    const begin = 'begin isolation level repeatable read read only';
    await client.query(
      timeoutMs === undefined
        ? begin
        : `${begin}; set local statement_timeout = ${Math.max(1, Math.floor(timeoutMs))}`,
    );
    const result = await fn(client);
    await client.query('commit');
    return result;
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/**
 * Whether an error says the server is out of reach rather than the query wrong: a network error
 * (a Node errno code, or pg's lost connection with no code), or a SQLSTATE of class 08
 * (connection), 53 (insufficient resources: too many connections) or 57P (shutting down,
 * starting up). A conflict with recovery (40001 on a standby) is one too: another server can
 * answer the read.
 */
export function isUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string') {
    return /Connection terminated|timeout exceeded when trying to connect/i.test(error.message);
  }
  return /^E[A-Z]+$/.test(code) || /^(08|53|57P)/.test(code) || code === '40001';
}
