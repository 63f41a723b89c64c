/**
 * A person's views on PostgreSQL (views-repository.ts reads them on SQLite): the events they took
 * part in, what they said, the delegations they led, joined or received. The same orders, keys
 * and cursors, the rows shaped alike; each null when the person does not exist.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type pg from 'pg';
import { postgresRead } from '../../http/reads/postgres-read.js';
import { ref } from '../../query/agents.js';
import { existsInPostgres } from '../../query/exists.pg.js';
import { decodeCursor } from '../../query/list/cursor.js';
import { afterKey, mergeSorted, withNextCursor } from '../../query/list/keyset.js';
import { dateValue, type Page, type ViewQuery } from '../../query/shapes.js';
import { toBrief } from '../events/briefs.js';
import { DATE_ORDER } from '../statements/repository.js';
import {
  delegationMembers,
  delegationReceivers,
  delegations,
  events,
  participations,
  people,
  places,
  statements,
} from '../tables.pg.js';
import { peopleReads } from './reads.js';
import type {
  DelegationRole,
  DelegationRoleItem,
  PersonEvent,
  PersonStatement,
} from './view-schemas.js';

/** Sorts after every real day: undated items come last and keys never hold NULL. */
const undatedLast = (day: PgColumn) => sql<string>`coalesce(${day}, '9999-99-99')`;

async function personEvents(
  db: NodePgDatabase,
  personId: string,
  query: ViewQuery,
): Promise<Page<PersonEvent>> {
  const list = 'person-events';
  const cursor = query.cursor
    ? decodeCursor(query.cursor, list, ['string', 'string', 'string'])
    : undefined;
  const order = [participations.eventStartFirstDay, participations.eventId, participations.id];
  const rows = await db
    .select({
      id: events.id,
      type: events.type,
      title: events.title,
      start: events.start,
      end: events.end,
      placeId: events.placeId,
      placeName: places.name,
      day: participations.eventStartFirstDay,
      role: participations.role,
      participation: participations.id,
    })
    .from(participations)
    .innerJoin(events, eq(events.id, participations.eventId))
    .leftJoin(places, eq(places.id, events.placeId))
    .where(and(eq(participations.personId, personId), afterKey(order, cursor)))
    .orderBy(...order.map((column) => asc(column)))
    .limit(query.limit + 1);
  const page = withNextCursor(rows, query.limit, list, (row) => [
    row.day,
    row.id,
    row.participation,
  ]);
  return {
    data: page.rows.map((row) => ({ ...toBrief(row), role: row.role })),
    next_cursor: page.nextCursor,
  };
}

async function personStatements(
  db: NodePgDatabase,
  personId: string,
  query: ViewQuery,
): Promise<Page<PersonStatement>> {
  const list = 'person-statements';
  const cursor = query.cursor ? decodeCursor(query.cursor, list, ['string', 'string']) : undefined;
  const rows = await db
    .select({
      id: statements.id,
      date: statements.date,
      day: sql<string>`${DATE_ORDER}`,
      kind: statements.kind,
      mode: statements.mode,
      text: statements.text,
      eventId: events.id,
      eventTitle: events.title,
    })
    .from(statements)
    .leftJoin(events, eq(events.id, statements.eventId))
    .where(
      and(eq(statements.speakerPersonId, personId), afterKey([DATE_ORDER, statements.id], cursor)),
    )
    .orderBy(asc(DATE_ORDER), asc(statements.id))
    .limit(query.limit + 1);
  const page = withNextCursor(rows, query.limit, list, (row) => [row.day, row.id]);
  return {
    data: page.rows.map((row) => ({
      id: row.id,
      date: dateValue(row.date),
      kind: row.kind,
      mode: row.mode,
      text: row.text,
      event: ref(row.eventId, row.eventTitle),
    })),
    next_cursor: page.nextCursor,
  };
}

/** The delegations a person has one role in, after the cursor, by arrival then id. */
async function delegationsWithRole(
  db: NodePgDatabase,
  role: DelegationRole,
  personId: string,
  cursor: readonly string[] | undefined,
  limit: number,
) {
  const base = db
    .selectDistinct({
      id: delegations.id,
      name: delegations.name,
      arrival: delegations.arrival,
      day: undatedLast(delegations.arrivalFirstDay),
      destinationId: places.id,
      destinationName: places.name,
    })
    .from(delegations)
    .leftJoin(places, eq(places.id, delegations.destinationId));
  const after = afterKey(
    [undatedLast(delegations.arrivalFirstDay), delegations.id, sql`${role}::text`],
    cursor,
  );
  const query =
    role === 'leader'
      ? base.where(and(eq(delegations.leaderId, personId), after))
      : role === 'member'
        ? base
            .innerJoin(delegationMembers, eq(delegationMembers.delegationId, delegations.id))
            .where(and(eq(delegationMembers.personId, personId), after))
        : base
            .innerJoin(delegationReceivers, eq(delegationReceivers.delegationId, delegations.id))
            .where(and(eq(delegationReceivers.personId, personId), after));
  const rows = await query
    .orderBy(asc(undatedLast(delegations.arrivalFirstDay)), asc(delegations.id))
    .limit(limit + 1);
  return rows.map((row) => ({ ...row, role }));
}

/** By arrival (unknown arrivals last), then delegation, then role: led, joined, received. */
async function personDelegations(
  db: NodePgDatabase,
  personId: string,
  query: ViewQuery,
): Promise<Page<DelegationRoleItem>> {
  const list = 'person-delegations';
  const cursor = query.cursor
    ? decodeCursor(query.cursor, list, ['string', 'string', 'string'])
    : undefined;
  const roles = ['leader', 'member', 'receiver'] as const;
  const keyOf = (row: { day: string; id: string; role: string }) => [row.day, row.id, row.role];
  // One after another: the three run on one client, which takes one query at a time (pg queues
  // concurrent ones, a use it deprecates).
  const byRole = [];
  for (const role of roles) {
    byRole.push(await delegationsWithRole(db, role, personId, cursor, query.limit));
  }
  const merged = mergeSorted(byRole, query.limit + 1, keyOf);
  const page = withNextCursor(merged, query.limit, list, keyOf);
  return {
    data: page.rows.map((row) => ({
      id: row.id,
      name: row.name,
      role: row.role,
      arrival: dateValue(row.arrival),
      destination: ref(row.destinationId, row.destinationName),
    })),
    next_cursor: page.nextCursor,
  };
}

/** A view of a person, or null when there is no such person. */
const ofPerson =
  <T>(view: (db: NodePgDatabase, personId: string, query: ViewQuery) => Promise<T>) =>
  async (client: pg.PoolClient, { id, query }: { id: string; query: ViewQuery }) =>
    (await existsInPostgres(client, people, id)) ? view(drizzle({ client }), id, query) : null;

export const peopleViewReadsPostgres = [
  postgresRead(peopleReads.events, ofPerson(personEvents)),
  postgresRead(peopleReads.statements, ofPerson(personStatements)),
  postgresRead(peopleReads.delegations, ofPerson(personDelegations)),
];
