/** The places' views on PostgreSQL: the events at a place or inside it (reads.ts's `events`). */
import { sql } from 'drizzle-orm';
import { postgresRead } from '../../http/reads/postgres-read.js';
import { existsInPostgres } from '../../query/exists.pg.js';
import { subtreeOf } from '../../query/subtree.js';
import { eventBriefsPostgres } from '../events/briefs.pg.js';
import { events, places } from '../tables.pg.js';
import { placesReads } from './reads.js';

export const placesViewReadsPostgres = [
  postgresRead(placesReads.events, async (client, { id, query }) =>
    (await existsInPostgres(client, places, id))
      ? eventBriefsPostgres(
          client,
          'place-events',
          sql`${events.placeId} in ${subtreeOf(places, id)}`,
          query,
        )
      : null,
  ),
];
