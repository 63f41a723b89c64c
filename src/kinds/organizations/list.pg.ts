/**
 * The organizations list on PostgreSQL (src/query/list/run.pg.ts): the same filters, sorts and rows as
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
import { organizations } from '../tables.pg.js';
import { organizationsReads } from './reads.js';
import { FILTERS, ORGANIZATIONS_LIST, type SummaryRow, toSummary } from './repository.js';
import type { OrganizationListQuery, OrganizationSummary } from './schemas.js';

const country = alias(organizations, 'country');
const parent = alias(organizations, 'parent');

export async function listOrganizationsPostgres(
  client: pg.PoolClient,
  query: OrganizationListQuery,
): Promise<Page<OrganizationSummary>> {
  const result = await runListPostgres<SummaryRow>(
    client,
    {
      ...ORGANIZATIONS_LIST,
      id: organizations.id,
      select: (db, extra) =>
        db
          .select({
            id: organizations.id,
            name: organizations.name,
            type: organizations.type,
            aliases: organizations.aliases,
            description: organizations.description,
            countryId: organizations.countryId,
            countryName: country.name,
            parentId: organizations.parentId,
            parentName: parent.name,
            ...extra,
          })
          .from(organizations)
          .leftJoin(country, eq(country.id, organizations.countryId))
          .leftJoin(parent, eq(parent.id, organizations.parentId)),
      ...listFilters(FILTERS, query),
    },
    query,
  );
  return listResponsePostgres(result, toSummary, {
    include: query.include,
    citationsOf: (ids) => citationsOfPostgres(client, 'organization', ids),
  });
}

export const organizationsListReadsPostgres = [
  postgresRead(organizationsReads.list, (client, query) =>
    listOrganizationsPostgres(client, query),
  ),
];
