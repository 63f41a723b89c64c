/**
 * A read task's answer on both backends, compared byte for byte: the SQLite run (renderRead, as
 * a read worker runs it) on the seeded SQLite database and the PostgreSQL run
 * (src/reads/postgres-registry.ts, ended by renderPostgresRead as the server ends it) on the
 * seeded PostgreSQL database. Problems compare by status, slug and fields, not by stack.
 */
import type pg from 'pg';
import type { Test } from 'tap';
import type { Db } from '../../src/db/database.js';
import { readOnly } from '../../src/db/postgres-replicas.js';
import { type PostgresRun, renderPostgresRead } from '../../src/http/reads/postgres-read.js';
import {
  type ReadResult,
  type ReadTask,
  type RenderOptions,
  renderRead,
} from '../../src/http/reads/task.js';
import { postgresRuns } from '../../src/reads/postgres-registry.js';

export interface Backends {
  pool: pg.Pool;
  sqlite: Db;
}

/** The task's answer on PostgreSQL, read as the server reads it. */
export async function postgresAnswer<P>(
  pool: pg.Pool,
  task: ReadTask<P>,
  params: P,
  options: RenderOptions = {},
  run: PostgresRun<P> | undefined = postgresRuns().get(task.name) as PostgresRun<P> | undefined,
): Promise<ReadResult> {
  if (!run) throw new Error(`${task.name} has no PostgreSQL run`);
  return readOnly(pool, (client) => renderPostgresRead(task, run, client, params, options));
}

/** What compares: an error's message and code, without its stack. */
function comparable(result: ReadResult): ReadResult {
  if (result.tag !== 'error') return result;
  return { tag: 'error', message: result.message, ...(result.code ? { code: result.code } : {}) };
}

/** Where two texts first differ, with a little of each from there. */
function firstDifference(a: string, b: string): string {
  let at = 0;
  while (at < a.length && a[at] === b[at]) at += 1;
  return `at ${at}: SQLite ${JSON.stringify(a.slice(at, at + 80))}, PostgreSQL ${JSON.stringify(b.slice(at, at + 80))}`;
}

/**
 * Checks that the task gives the same answer, to the byte, on both backends (its registered
 * PostgreSQL run, or `run`).
 */
export async function sameAnswer<P>(
  t: Test,
  backends: Backends,
  task: ReadTask<P>,
  params: P,
  options: RenderOptions = {},
  run?: PostgresRun<P>,
): Promise<void> {
  const label = `${task.name} ${JSON.stringify(params)}`;
  const sqlite = comparable(renderRead(task, backends.sqlite, params, options));
  const postgres = comparable(await postgresAnswer(backends.pool, task, params, options, run));
  if (sqlite.tag === 'ok' && postgres.tag === 'ok' && sqlite.body !== postgres.body) {
    t.fail(`${label}: the bodies differ ${firstDifference(sqlite.body, postgres.body)}`);
    return;
  }
  t.same(postgres, sqlite, label);
}
