/**
 * Every read task's PostgreSQL run by the task's name (src/http/reads/postgres-read.ts says what
 * one is). A task with no PostgreSQL run yet is answered 501 on PostgreSQL.
 */
import { importReadsPostgres } from '../bundle/http/import-log.pg.js';
import { bundleReadsPostgres } from '../bundle/postgres/reads.js';
import type { PostgresRead, PostgresRun } from '../http/reads/postgres-read.js';
import { searchReadsPostgres } from '../search/endpoint/reads.pg.js';

/** Each kind's (and each feature's) PostgreSQL reads; a kind adds its list here. */
const GROUPS: PostgresRead<never, unknown>[][] = [
  searchReadsPostgres,
  bundleReadsPostgres,
  importReadsPostgres,
];

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
