/**
 * `GET /v1/events/facets` on PostgreSQL (facets.ts counts them on SQLite): the events list's
 * filters and `q`, each facet one GROUP BY over the matching events, ordered and cut by the same
 * functions. SQLite's span-class parts and per-year seeks are its index plans, not needed here.
 */
import { and, inArray, or, type SQL, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import { postgresRead } from '../../http/reads/postgres-read.js';
import { commonFilters } from '../../query/list/run.js';
import { rankedMatchesPostgres } from '../../search/postgres/ranked.js';
import { events, places } from '../tables.pg.js';
import { DEFAULT_FACETS, inYearOrder, mostCounted, START_YEAR, withNames } from './facets.js';
import { eventsReads } from './reads.js';
import { eventFilters } from './repository.js';
import type { EventFacet, EventFacets, EventFacetsQuery, EventListQuery } from './schemas.js';

type Counted = [string | null, number];

export async function eventFacetsPostgres(
  client: pg.PoolClient,
  query: EventFacetsQuery,
): Promise<EventFacets> {
  const db = drizzle({ client });
  const { filters, alternatives } = eventFilters(query as EventListQuery);
  const where = and(
    ...filters,
    alternatives ? or(...alternatives) : undefined,
    ...commonFilters({ kind: 'event', id: events.id }, query),
  );
  const ranked = query.q === undefined ? undefined : rankedMatchesPostgres('event', query.q);

  /** `count(*)` of the matching events, by `key` when given. */
  const counted = async (key?: SQL): Promise<Counted[]> => {
    // biome-ignore lint/suspicious/noExplicitAny: drizzle's dynamic select types do not compose
    let select: any = db
      .select({ value: key ?? sql`null`, n: sql<number>`count(*)::int` })
      .from(events)
      .$dynamic();
    if (ranked) select = select.innerJoin(ranked, sql`ranked.entity_id = ${events.id}`);
    select = select.where(where);
    const rows = (await (key ? select.groupBy(key) : select)) as {
      value: string | null;
      n: number;
    }[];
    return rows.map(({ value, n }) => [value, n]);
  };

  const facet: Record<EventFacet, () => Promise<unknown>> = {
    type: async () => mostCounted(await counted(sql`${events.type}`), query.limit),
    status: async () => mostCounted(await counted(sql`${events.status}`), query.limit),
    year: async () => inYearOrder(await counted(START_YEAR)),
    place: async () => {
      const counts = mostCounted(await counted(sql`${events.placeId}`), query.limit);
      const ids = counts.flatMap(({ value }) => (value === null ? [] : [value]));
      const rows =
        ids.length === 0
          ? []
          : await db
              .select({ id: places.id, name: places.name })
              .from(places)
              .where(inArray(places.id, ids));
      return withNames(counts, new Map(rows.map((place) => [place.id, place.name])));
    },
  };

  const by = query.by ?? DEFAULT_FACETS;
  const total = (await counted())[0]?.[1] ?? 0;
  const facets: [string, unknown][] = [];
  for (const name of by) facets.push([name, await facet[name]()]);
  return { total, facets: Object.fromEntries(facets) } as EventFacets;
}

export const eventsFacetReadsPostgres = [
  postgresRead(eventsReads.facets, (client, query) => eventFacetsPostgres(client, query)),
];
