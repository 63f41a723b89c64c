/**
 * The PostgreSQL connections: a pool on the primary (DATABASE_URL) for writes, and one on each
 * read replica (DATABASE_READ_URLS) for reads, each DATABASE_POOL_MAX connections at most.
 *
 * - `write(fn)` runs `fn` in a transaction on the primary and returns, beside its result, the
 *   primary's WAL position after the commit (`pg_current_wal_lsn()`): the position a reader must
 *   wait for to see the write.
 * - `read(fn, { after })` runs `fn` with one snapshot for every query of a request, as SQLite's
 *   read transaction gives (read-only, repeatable read; a read of one statement needs no
 *   transaction for it: see readOnReadPool), on the next healthy replica,
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
import type pg from 'pg';
import type { Config } from '../config.js';
import { laterLsn, lsnReached } from './pg-lsn.js';
import { postgresPool } from './pg-pool.js';

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
  /**
   * What the read is (a read task's name): a named read runs its first statement outside a
   * transaction until it once takes several (readOnReadPool). Unnamed: always in a transaction.
   */
  name?: string;
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
  /** The primary's connections for writes (and for callers of their own): never a read budget. */
  readonly primary: pg.Pool;
  /** The primary's URL, for a connection of its own (postgres-changes.ts listens on one). */
  readonly primaryUrl: string;
  /**
   * The primary's connections for reads: a pool of its own, since a read leaves its budget on the
   * connection (readOnReadPool), where it must not cut a write or an import short.
   */
  private readonly primaryReads: pg.Pool;
  private readonly replicas: Replica[];
  private readonly restMs: number;
  /** The named reads seen to take several statements: they open their transaction at once. */
  private readonly severalStatements = new Set<string>();
  /** Where the round-robin starts next. */
  private turn = 0;

  constructor(options: PostgresServersOptions) {
    const max = options.poolMax ?? 10;
    this.restMs = options.replicaRestMs ?? 5000;
    this.primaryUrl = options.primaryUrl;
    this.primary = postgresPool({ connectionString: options.primaryUrl, max });
    this.primaryReads = postgresPool({ connectionString: options.primaryUrl, max });
    this.replicas = (options.replicaUrls ?? []).map((url) => {
      const pool = postgresPool(
        {
          connectionString: url,
          max,
          connectionTimeoutMillis: options.replicaConnectTimeoutMs ?? 2000,
        },
        () => this.rest(replica),
      );
      const replica: Replica = { pool, replayed: undefined, restUntil: 0 };
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
   * With `timeoutMs`, each statement of the read is cancelled past it (statement_timeout, set on
   * the read's connection): PostgreSQL fails it with SQLSTATE 57014.
   */
  async read<T>(fn: OnConnection<T>, options: ReadOptions = {}): Promise<T> {
    for (const replica of this.inTurn()) {
      const answer = await this.readOn(replica, fn, options);
      if (answer) return answer.result;
    }
    return readOnReadPool(this.primaryReads, fn, options, this.severalStatements);
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
    options: ReadOptions,
  ): Promise<{ result: T } | undefined> {
    try {
      const { after } = options;
      if (after !== undefined && !(await this.hasReplayed(replica, after))) return undefined;
      return { result: await readOnReadPool(replica.pool, fn, options, this.severalStatements) };
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
    await Promise.all([
      this.primary.end(),
      this.primaryReads.end(),
      ...this.replicas.map((replica) => replica.pool.end()),
    ]);
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
 * `fn` inside a read-only repeatable-read transaction on a connection of any pool, leaving no
 * setting behind on the connection (the parity tests read so from their own pool).
 */
export async function readOnly<T>(pool: pg.Pool, fn: OnConnection<T>): Promise<T> {
  const client = await pool.connect();
  try {
    const { result, committed } = await inSnapshot(client, fn);
    await committed;
    return result;
  } finally {
    client.release();
  }
}

/**
 * `fn` on a connection of a pool of reads only (PostgresServers' replicas and primaryReads), with
 * one snapshot for all its queries, read-only, each statement cancelled past `timeoutMs`.
 *
 * A read of one statement needs no transaction of its own: PostgreSQL gives a statement one
 * snapshot, so BEGIN and COMMIT would be two round trips for nothing. A named read therefore runs
 * outside a transaction until it once asks for a second statement (or a cursor): that statement
 * is refused, its name remembered in `several`, and the read run again inside a repeatable-read
 * transaction, as that name's reads are from then on. The cost of learning is one statement, once
 * per name in a process's life (a name says which parameters a read has, not their values:
 * postgres-reads.ts shapeOf).
 *
 * The budget is the connection's own statement_timeout, set beside default_transaction_read_only
 * when the connection's value differs from the one wanted (once per connection while the budget
 * stays the same): a SET LOCAL would need the transaction. So a read connection is never lent to
 * a write (PostgresServers.primaryReads).
 *
 * Measured with bench/micro/postgres-reads.ts (reads.text as `app.reads` runs it, Node's CPU and
 * wall a read, 4 rounds of 300 alternating with the transaction every read had before, on one
 * embedded PostgreSQL, the machine loaded, the same bytes checked). 100k generated events: an
 * event item 0.514 CPU ms and 1.22 ms wall before, 0.465 and 0.97 now; a person item 0.468 and
 * 1.43 before, 0.396 and 1.23 now; the events list's first page 0.869 and 1.44 before, 0.785 and
 * 1.31 now. 20k events: an event item 0.542 and 1.53 before, 0.431 and 1.04 now. A list with
 * `include=` (five statements, in the transaction) gains the COMMIT it no longer waits for: 2.51
 * and 11.7 before, 2.40 and 10.5 now at 20k (at 100k, 2.15 and 4.98 before, 2.08 and 5.35 now:
 * within the noise of the loaded machine).
 */
async function readOnReadPool<T>(
  pool: pg.Pool,
  fn: OnConnection<T>,
  { timeoutMs, name }: Pick<ReadOptions, 'timeoutMs' | 'name'> = {},
  several: Set<string>,
): Promise<T> {
  const client = await pool.connect();
  let releasedByCommit = false;
  try {
    await budget(client, timeoutMs);
    if (name !== undefined && !several.has(name)) {
      const single = oneStatement(client);
      try {
        const result = await fn(single.client);
        if (!single.refused) return result;
      } catch (error) {
        if (!single.refused) throw error;
      }
      several.add(name);
    }
    const { result, committed } = await inSnapshot(client, fn);
    // The answer does not wait for the COMMIT, the connection does (back to the pool once it is
    // done, dropped if it failed).
    releasedByCommit = true;
    committed.then(
      () => client.release(),
      (error: Error) => client.release(error),
    );
    return result;
  } finally {
    if (!releasedByCommit) client.release();
  }
}

/**
 * `fn` inside a read-only repeatable-read transaction (several statements, one snapshot): its
 * result, and its COMMIT under way. A read-only transaction's COMMIT writes nothing, so the caller
 * may answer before it ends; the connection must wait for it.
 */
async function inSnapshot<T>(
  client: pg.PoolClient,
  fn: OnConnection<T>,
): Promise<{ result: T; committed: Promise<unknown> }> {
  await client.query('begin isolation level repeatable read read only');
  let result: T;
  try {
    result = await fn(client);
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  }
  return { result, committed: client.query('commit') };
}

/** Each read connection's statement_timeout in ms as readOnReadPool set it (absent: not set yet). */
const budgets = new WeakMap<pg.PoolClient, number | 'default'>();

/** Sets the connection's statement_timeout to `timeoutMs` (none: the server's), when it differs. */
async function budget(client: pg.PoolClient, timeoutMs: number | undefined): Promise<void> {
  const wanted = timeoutMs === undefined ? 'default' : Math.max(1, Math.floor(timeoutMs));
  const current = budgets.get(client);
  if (current === wanted) return;
  // Read-only as the transaction was: a statement outside one is refused a write all the same.
  const readOnlyToo = current === undefined ? 'set default_transaction_read_only = on; ' : '';
  await client.query(
    wanted === 'default'
      ? `${readOnlyToo}set statement_timeout to default`
      : `${readOnlyToo}set statement_timeout = ${wanted}`,
  );
  budgets.set(client, wanted);
}

/** Thrown at a second statement of a read that ran its first outside a transaction. */
class SeveralStatements extends Error {
  constructor() {
    super('a second statement outside a transaction: the read runs again inside one');
  }
}

/**
 * The connection as a read of one statement sees it: its first query passes, a second one (or a
 * cursor, whose fetches are statements too) is refused at once, before anything is sent, and
 * `refused` says so (the read may catch the error; the flag stays).
 */
function oneStatement(client: pg.PoolClient): { client: pg.PoolClient; refused: boolean } {
  let sent = 0;
  const single = { client, refused: false };
  const query = (...args: unknown[]) => {
    const first = args[0] as { submit?: unknown } | null | undefined;
    sent += 1;
    if (sent > 1 || typeof first?.submit === 'function') {
      single.refused = true;
      throw new SeveralStatements();
    }
    return Reflect.apply(client.query, client, args) as unknown;
  };
  single.client = Object.create(client, { query: { value: query } }) as pg.PoolClient;
  return single;
}

/**
 * Whether an error says the server is out of reach rather than the query wrong: a network error
 * (a Node errno code, or with no code pg's lost connection, or a query on a connection that lost
 * its server while lent out: pg-pool.ts), or a SQLSTATE of class 08 (connection), 53
 * (insufficient resources: too many connections) or 57P (shutting down, starting up). A conflict with recovery (40001 on a standby) is one too: another server can
 * answer the read.
 */
export function isUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string') {
    return /Connection terminated|timeout exceeded when trying to connect|not queryable/i.test(
      error.message,
    );
  }
  return /^E[A-Z]+$/.test(code) || /^(08|53|57P)/.test(code) || code === '40001';
}
