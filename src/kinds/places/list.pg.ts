/**
 * The places list on PostgreSQL (src/query/list/run.pg.ts): the same filters, sorts and rows as
 * repository.ts reads on SQLite, shaped by the same toSummary.
 */
import { eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type pg from 'pg';
import { postgresRead } from '../../http/reads/postgres-read.js';
import { listFilters } from '../../query/filters.js';
import { listResponsePostgres, runListPostgres } from '../../query/list/run.pg.js';
import type { Page } from '../../query/shapes.js';
import { citationsOfPostgres } from '../sources/citations.pg.js';
import { places } from '../tables.pg.js';
import { placesReads } from './reads.js';
import { FILTERS, PLACES_LIST, type SummaryRow, toSummary } from './repository.js';
import type { PlaceListQuery, PlaceSummary } from './schemas.js';

const parent = alias(places, 'parent');

export async function listPlacesPostgres(
  client: pg.PoolClient,
  query: PlaceListQuery,
): Promise<Page<PlaceSummary>> {
  const result = await runListPostgres<SummaryRow>(
    client,
    {
      ...PLACES_LIST,
      id: places.id,
      select: (db, extra) =>
        db
          .select({
            id: places.id,
            name: places.name,
            type: places.type,
            aliases: places.aliases,
            parentId: places.parentId,
            parentName: parent.name,
            ...extra,
          })
          .from(places)
          .leftJoin(parent, eq(parent.id, places.parentId)),
      ...listFilters(FILTERS, query),
    },
    query,
  );
  return listResponsePostgres(result, toSummary, {
    include: query.include,
    citationsOf: (ids) => citationsOfPostgres(client, 'place', ids),
  });
}

export const placesListReadsPostgres = [
  postgresRead(placesReads.list, (client, query) => listPlacesPostgres(client, query)),
];
