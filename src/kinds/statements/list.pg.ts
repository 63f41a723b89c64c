/**
 * The statements list on PostgreSQL (src/query/list/run.pg.ts): the same filters, sorts and rows as
 * repository.ts reads on SQLite, shaped by the same toSummary.
 */
import { eq } from 'drizzle-orm';
import type pg from 'pg';
import { postgresRead } from '../../http/reads/postgres-read.js';
import { listFilters } from '../../query/filters.js';
import { listResponsePostgres, runListPostgres } from '../../query/list/run.pg.js';
import type { Page } from '../../query/shapes.js';
import { citationsOfPostgres } from '../sources/citations.pg.js';
import { delegations, events, organizations, people, places, statements } from '../tables.pg.js';
import { statementsReads } from './reads.js';
import { FILTERS, STATEMENTS_LIST, type SummaryRow, toSummary } from './repository.js';
import type { StatementListQuery, StatementSummary } from './schemas.js';

export async function listStatementsPostgres(
  client: pg.PoolClient,
  query: StatementListQuery,
): Promise<Page<StatementSummary>> {
  const result = await runListPostgres<SummaryRow>(
    client,
    {
      ...STATEMENTS_LIST,
      id: statements.id,
      select: (db, extra) =>
        db
          .select({
            id: statements.id,
            personId: statements.speakerPersonId,
            personName: people.name,
            organizationId: statements.speakerOrganizationId,
            organizationName: organizations.name,
            date: statements.date,
            placeId: statements.placeId,
            placeName: places.name,
            eventId: statements.eventId,
            eventTitle: events.title,
            delegationId: statements.delegationId,
            delegationName: delegations.name,
            kind: statements.kind,
            mode: statements.mode,
            text: statements.text,
            ...extra,
          })
          .from(statements)
          .leftJoin(people, eq(people.id, statements.speakerPersonId))
          .leftJoin(organizations, eq(organizations.id, statements.speakerOrganizationId))
          .leftJoin(places, eq(places.id, statements.placeId))
          .leftJoin(events, eq(events.id, statements.eventId))
          .leftJoin(delegations, eq(delegations.id, statements.delegationId)),
      ...listFilters(FILTERS, query),
      // A speaker is a person or an organization, as repository.ts's partitions say.
      ...(query.speaker
        ? {
            parts: [
              eq(statements.speakerPersonId, query.speaker),
              eq(statements.speakerOrganizationId, query.speaker),
            ],
          }
        : {}),
    },
    query,
  );
  return listResponsePostgres(result, toSummary, {
    include: query.include,
    citationsOf: (ids) => citationsOfPostgres(client, 'statement', ids),
  });
}

export const statementsListReadsPostgres = [
  postgresRead(statementsReads.list, (client, query) => listStatementsPostgres(client, query)),
];
