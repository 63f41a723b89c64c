/**
 * Every read task's PostgreSQL run, by the task's name: what `app.reads` runs when the backend is
 * PostgreSQL (DATABASE_URL). A task's SQLite run (its `run`, in the kind's reads.ts) is
 * synchronous SQL on a better-sqlite3 connection; its PostgreSQL run is asynchronous SQL on a
 * connection of the pool, inside the read-only transaction PostgresServers.read opens (one
 * snapshot for every query of the task). Both give the same data, which the same renderBody
 * (src/http/reads/task.ts) makes into the same bytes: test/postgres/parity.ts checks it task by
 * task. A kind's PostgreSQL runs live in its folder (`reads.pg.ts`), keyed by its tasks.
 * A task with no PostgreSQL run yet is answered 501 on PostgreSQL.
 */
import type pg from 'pg';
import type { ReadTask } from '../http/reads/task.js';
import { searchReadsPostgres } from '../search/endpoint/reads.pg.js';

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

/** Each kind's (and each feature's) PostgreSQL reads; a kind adds its list here. */
const GROUPS: PostgresRead<never, unknown>[][] = [searchReadsPostgres];

/** The PostgreSQL runs by task name; a name given twice is a mistake, refused at once. */
export function postgresRuns(
  groups: PostgresRead<never, unknown>[][] = GROUPS,
): Map<string, PostgresRun<never>> {
  const runs = new Map<string, PostgresRun<never>>();
  for (const { task, run } of groups.flat()) {
    if (runs.has(task.name)) throw new Error(`two PostgreSQL runs for the read task ${task.name}`);
    runs.set(task.name, run);
  }
  return runs;
}
