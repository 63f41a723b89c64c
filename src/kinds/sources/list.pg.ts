/**
 * The sources list on PostgreSQL (src/query/list/run.pg.ts): the same filters, sorts and rows as
 * repository.ts reads on SQLite, shaped by the same toSummary.
 */
import { sql } from 'drizzle-orm';
import type pg from 'pg';
import { postgresRead } from '../../http/reads/postgres-read.js';
import { listFilters } from '../../query/filters.js';
import { listResponsePostgres, runListPostgres } from '../../query/list/run.pg.js';
import type { Page } from '../../query/shapes.js';
import { organizations, sources } from '../tables.pg.js';
import { citationsOfPostgres } from './citations.pg.js';
import { sourcesReads } from './reads.js';
import { FILTERS, SOURCES_LIST, type SummaryRow, toSummary } from './repository.js';
import type { SourceListQuery, SourceSummary } from './schemas.js';

export async function listSourcesPostgres(
  client: pg.PoolClient,
  query: SourceListQuery,
): Promise<Page<SourceSummary>> {
  const result = await runListPostgres<SummaryRow>(
    client,
    {
      ...SOURCES_LIST,
      id: sources.id,
      select: (db, extra) =>
        db
          .select({
            id: sources.id,
            title: sources.title,
            publisher: sources.publisher,
            published: sources.published,
            url: sources.url,
            // 1 or 0, as SQLite gives `is not null` (toSummary reads it so).
            hasText: sql<number>`(${sources.text} is not null)::int`,
            issuedById: sources.issuedById,
            issuedByName: sql<
              string | null
            >`(select ${organizations.name} from ${organizations} where ${organizations.id} = ${sources.issuedById})`,
            ...extra,
          })
          .from(sources),
      ...listFilters(FILTERS, query),
    },
    query,
  );
  return listResponsePostgres(result, toSummary, {
    include: query.include,
    citationsOf: (ids) => citationsOfPostgres(client, 'source', ids),
  });
}

export const sourcesListReadsPostgres = [
  postgresRead(sourcesReads.list, (client, query) => listSourcesPostgres(client, query)),
];
