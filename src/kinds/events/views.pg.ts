/** The events' views on PostgreSQL: an event's parts (reads.ts's `children`). */
import { eq } from 'drizzle-orm';
import { postgresRead } from '../../http/reads/postgres-read.js';
import { existsInPostgres } from '../../query/exists.pg.js';
import { events } from '../tables.pg.js';
import { eventBriefsPostgres } from './briefs.pg.js';
import { eventsReads } from './reads.js';

export const eventsViewReadsPostgres = [
  postgresRead(eventsReads.children, async (client, { id, query }) =>
    (await existsInPostgres(client, events, id))
      ? eventBriefsPostgres(client, 'event-children', eq(events.parentId, id), query)
      : null,
  ),
];
