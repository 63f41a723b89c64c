/**
 * A read task's PostgreSQL run: what `app.reads` runs when the backend is PostgreSQL
 * (DATABASE_URL). A task's SQLite run (its `run`, in the kind's reads.ts) is synchronous SQL on a
 * better-sqlite3 connection; its PostgreSQL run is asynchronous SQL on a connection of the pool,
 * inside the read-only transaction PostgresServers.read opens (one snapshot for every query of
 * the task). Both give the same data, ended by the same resultOf (task.ts), so the same bytes and
 * ETag on either backend: test/postgres/parity.ts checks it task by task. A kind's PostgreSQL
 * runs live in its folder (`reads.pg.ts`); src/reads/postgres-registry.ts gathers them.
 */
import type pg from 'pg';
import {
  errorResult,
  type ReadResult,
  type ReadTask,
  type RenderOptions,
  resultOf,
} from './task.js';

/** A task's read on PostgreSQL: its answer, or null when the item asked for does not exist. */
export type PostgresRun<P = unknown, R = unknown> = (
  client: pg.PoolClient,
  params: P,
) => Promise<R | null>;

/** A task and its PostgreSQL run, typed together so that both take and give the same things. */
export interface PostgresRead<P = unknown, R = unknown> {
  task: ReadTask<P, R>;
  run: PostgresRun<P, R>;
}

export function postgresRead<P, R>(
  task: ReadTask<P, R>,
  run: PostgresRun<P, R>,
): PostgresRead<never, unknown> {
  return { task, run } as unknown as PostgresRead<never, unknown>;
}

/** Runs a task on PostgreSQL, on the caller's connection and transaction, and renders it. */
export async function renderPostgresRead<P>(
  task: ReadTask<P>,
  run: PostgresRun<P>,
  client: pg.PoolClient,
  params: P,
  options: RenderOptions = {},
): Promise<ReadResult> {
  try {
    return resultOf(task, await run(client, params), options);
  } catch (error) {
    return errorResult(error);
  }
}
