/**
 * The delegations list on PostgreSQL (src/query/list/run.pg.ts): the same filters, sorts and rows as
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
import { delegations, events, organizations, people, places } from '../tables.pg.js';
import { delegationsReads } from './reads.js';
import { DELEGATIONS_LIST, FILTERS, type SummaryRow, toSummary } from './repository.js';
import type { DelegationListQuery, DelegationSummary } from './schemas.js';

const destination = alias(places, 'destination');
const arrivalPlace = alias(places, 'arrival_place');

export async function listDelegationsPostgres(
  client: pg.PoolClient,
  query: DelegationListQuery,
): Promise<Page<DelegationSummary>> {
  const result = await runListPostgres<SummaryRow>(
    client,
    {
      ...DELEGATIONS_LIST,
      id: delegations.id,
      select: (db, extra) =>
        db
          .select({
            id: delegations.id,
            name: delegations.name,
            leaderId: delegations.leaderId,
            leaderName: people.name,
            senderId: delegations.senderId,
            senderName: organizations.name,
            destinationId: delegations.destinationId,
            destinationName: destination.name,
            eventId: delegations.eventId,
            eventTitle: events.title,
            arrival: delegations.arrival,
            status: delegations.status,
            arrivalPlaceId: delegations.arrivalPlaceId,
            arrivalPlaceName: arrivalPlace.name,
            purpose: delegations.purpose,
            ...extra,
          })
          .from(delegations)
          .leftJoin(people, eq(people.id, delegations.leaderId))
          .leftJoin(organizations, eq(organizations.id, delegations.senderId))
          .leftJoin(destination, eq(destination.id, delegations.destinationId))
          .leftJoin(events, eq(events.id, delegations.eventId))
          .leftJoin(arrivalPlace, eq(arrivalPlace.id, delegations.arrivalPlaceId)),
      ...listFilters(FILTERS, query),
    },
    query,
  );
  return listResponsePostgres(result, toSummary, {
    include: query.include,
    citationsOf: (ids) => citationsOfPostgres(client, 'delegation', ids),
  });
}

export const delegationsListReadsPostgres = [
  postgresRead(delegationsReads.list, (client, query) => listDelegationsPostgres(client, query)),
];
