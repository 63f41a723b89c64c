/**
 * The people list on PostgreSQL (src/query/list/run.pg.ts): the same filters, sorts and rows as
 * repository.ts reads on SQLite, shaped by the same toSummary.
 */
import { eq } from 'drizzle-orm';
import type pg from 'pg';
import { postgresRead } from '../../http/reads/postgres-read.js';
import { listFilters } from '../../query/filters.js';
import { listResponsePostgres, runListPostgres } from '../../query/list/run.pg.js';
import type { Page } from '../../query/shapes.js';
import { citationsOfPostgres } from '../sources/citations.pg.js';
import { organizations, people } from '../tables.pg.js';
import { peopleReads } from './reads.js';
import { FILTERS, PEOPLE_LIST, type SummaryRow, toSummary } from './repository.js';
import type { PersonListQuery, PersonSummary } from './schemas.js';

export async function listPeoplePostgres(
  client: pg.PoolClient,
  query: PersonListQuery,
): Promise<Page<PersonSummary>> {
  const result = await runListPostgres<SummaryRow>(
    client,
    {
      ...PEOPLE_LIST,
      id: people.id,
      select: (db, extra) =>
        db
          .select({
            id: people.id,
            name: people.name,
            aliases: people.aliases,
            description: people.description,
            countryId: people.countryId,
            countryName: organizations.name,
            ...extra,
          })
          .from(people)
          .leftJoin(organizations, eq(organizations.id, people.countryId)),
      ...listFilters(FILTERS, query),
    },
    query,
  );
  return listResponsePostgres(result, toSummary, {
    include: query.include,
    citationsOf: (ids) => citationsOfPostgres(client, 'person', ids),
  });
}

export const peopleListReadsPostgres = [
  postgresRead(peopleReads.list, (client, query) => listPeoplePostgres(client, query)),
];
