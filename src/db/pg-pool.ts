/**
 * The one way Annals opens a pool of PostgreSQL connections: none of their errors may end the
 * process.
 *
 * pg-pool listens to a connection only while it is idle (an error then drops it: the next checkout
 * reconnects). A connection lent out has no listener of pg-pool's, and the server's "terminating
 * connection" (57P01: a shutdown, pg_terminate_backend) can arrive between two queries, where pg
 * emits it as an event rather than as a query's failure: unheard, it ended the process (seen in
 * test/postgres/replica.test.ts, a replica stopped while a read held its connection). Heard, the
 * connection's next query fails ("Client has encountered a connection error and is not
 * queryable") and its release drops it.
 */
import pg from 'pg';

/** A pool whose connections' errors go to `onError` (by default nowhere) and never end the process. */
export function postgresPool(config: pg.PoolConfig, onError: () => void = () => {}): pg.Pool {
  const pool = new pg.Pool(config);
  pool.on('error', onError);
  pool.on('connect', (client) => client.on('error', onError));
  return pool;
}
