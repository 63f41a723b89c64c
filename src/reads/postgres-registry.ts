/**
 * Every read task's PostgreSQL run by the task's name (src/http/reads/postgres-read.ts says what
 * one is). A task with no PostgreSQL run yet is answered 501 on PostgreSQL.
 */
import { importReadsPostgres } from '../bundle/http/import-log.pg.js';
import { bundleReadsPostgres } from '../bundle/postgres/reads.js';
import type { PostgresRead, PostgresRun } from '../http/reads/postgres-read.js';
import { delegationsItemReadsPostgres } from '../kinds/delegations/item.pg.js';
import { delegationsListReadsPostgres } from '../kinds/delegations/list.pg.js';
import { eventsFacetReadsPostgres } from '../kinds/events/facets.pg.js';
import { eventsItemReadsPostgres } from '../kinds/events/item.pg.js';
import { eventsListReadsPostgres } from '../kinds/events/list.pg.js';
import { eventsViewReadsPostgres } from '../kinds/events/views.pg.js';
import { figuresItemReadsPostgres } from '../kinds/figures/item.pg.js';
import { figuresListReadsPostgres } from '../kinds/figures/list.pg.js';
import { organizationsItemReadsPostgres } from '../kinds/organizations/item.pg.js';
import { organizationsListReadsPostgres } from '../kinds/organizations/list.pg.js';
import { peopleItemReadsPostgres } from '../kinds/people/item.pg.js';
import { peopleListReadsPostgres } from '../kinds/people/list.pg.js';
import { peopleViewReadsPostgres } from '../kinds/people/views.pg.js';
import { placesItemReadsPostgres } from '../kinds/places/item.pg.js';
import { placesListReadsPostgres } from '../kinds/places/list.pg.js';
import { placesViewReadsPostgres } from '../kinds/places/views.pg.js';
import { sourcesClaimsReadsPostgres } from '../kinds/sources/claims.pg.js';
import { sourcesItemReadsPostgres } from '../kinds/sources/item.pg.js';
import { sourcesListReadsPostgres } from '../kinds/sources/list.pg.js';
import { statementsItemReadsPostgres } from '../kinds/statements/item.pg.js';
import { statementsListReadsPostgres } from '../kinds/statements/list.pg.js';
import { searchReadsPostgres } from '../search/endpoint/reads.pg.js';
import { timelineReadsPostgres } from '../timeline/repository.pg.js';
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
  sourcesClaimsReadsPostgres,
  statementsItemReadsPostgres,
  recordReadsPostgres,
  importReadsPostgres,
  bundleReadsPostgres,
  delegationsListReadsPostgres,
  eventsListReadsPostgres,
  figuresListReadsPostgres,
  organizationsListReadsPostgres,
  peopleListReadsPostgres,
  placesListReadsPostgres,
  sourcesListReadsPostgres,
  statementsListReadsPostgres,
  eventsViewReadsPostgres,
  eventsFacetReadsPostgres,
  placesViewReadsPostgres,
  peopleViewReadsPostgres,
  timelineReadsPostgres,
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
