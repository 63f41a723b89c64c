/**
 * Every read task's PostgreSQL run by the task's name (src/http/reads/postgres-read.ts says what
 * one is). A task with no PostgreSQL run yet is answered 501 on PostgreSQL.
 */
import { importReadsPostgres } from '../bundle/http/import-log.pg.js';
import type { PostgresRead, PostgresRun } from '../http/reads/postgres-read.js';
import { delegationsItemReadsPostgres } from '../kinds/delegations/item.pg.js';
import { eventsItemReadsPostgres } from '../kinds/events/item.pg.js';
import { figuresItemReadsPostgres } from '../kinds/figures/item.pg.js';
import { organizationsItemReadsPostgres } from '../kinds/organizations/item.pg.js';
import { peopleItemReadsPostgres } from '../kinds/people/item.pg.js';
import { placesItemReadsPostgres } from '../kinds/places/item.pg.js';
import { sourcesItemReadsPostgres } from '../kinds/sources/item.pg.js';
import { statementsItemReadsPostgres } from '../kinds/statements/item.pg.js';
import { searchReadsPostgres } from '../search/endpoint/reads.pg.js';
import { recordReadsPostgres } from '../writes/reads.pg.js';

/** Each kind's (and each feature's) PostgreSQL reads; a kind adds its list here. */
const GROUPS: PostgresRead<never, unknown>[][] = [
  searchReadsPostgres,
  delegationsItemReadsPostgres,
  eventsItemReadsPostgres,
  figuresItemReadsPostgres,
  organizationsItemReadsPostgres,
  peopleItemReadsPostgres,
  placesItemReadsPostgres,
  sourcesItemReadsPostgres,
  statementsItemReadsPostgres,
  recordReadsPostgres,
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
