/**
 * The timeline's three feeds on PostgreSQL: the same rows as feed-repository.ts reads on SQLite,
 * under the same conditions (its `*FeedConditions`, rendered here as they are) and shaped by the
 * same `*Entry`. SQLite's span-class parts of the events feed (one index range each, merged in
 * JS) are read here as their union in one query, as run.pg.ts reads a list's parts.
 */
import { and, asc, eq, or, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { alias } from 'drizzle-orm/pg-core';
import type pg from 'pg';
import { firstDay } from '../domain/partial-date.js';
import { spanClassRanges } from '../kinds/events/span-classes.js';
import {
  delegations,
  events,
  organizations,
  people,
  places,
  statements,
} from '../kinds/tables.pg.js';
import {
  arrivalEntry,
  arrivalFeedConditions,
  type Entry,
  eventEntry,
  eventFeedConditions,
  statementEntry,
  statementFeedConditions,
  type TimelineKey,
} from './feed-repository.js';
import type { TimelineKind, TimelineQuery } from './schemas.js';

type Feed = (
  client: pg.PoolClient,
  query: TimelineQuery,
  cursor: TimelineKey | undefined,
) => Promise<Entry[]>;

const statementPlace = alias(places, 'statement_place');
const arrivalPlace = alias(places, 'arrival_place');
const destination = alias(places, 'destination');

/** Events by start; with `from`, only those in one of its span classes' ranges. */
const eventFeed: Feed = async (client, query, cursor) => {
  const parts = query.from ? or(...spanClassRanges(firstDay(query.from))) : undefined;
  const rows = await drizzle({ client })
    .select({
      id: events.id,
      title: events.title,
      start: events.start,
      end: events.end,
      day: events.startFirstDay,
      placeId: events.placeId,
      placeName: places.name,
    })
    .from(events)
    .leftJoin(places, eq(places.id, events.placeId))
    .where(and(...eventFeedConditions(query, cursor), parts))
    .orderBy(asc(events.startFirstDay), asc(events.id))
    .limit(query.limit + 1);
  return rows.map(eventEntry);
};

/** Dated statements by date. */
const statementFeed: Feed = async (client, query, cursor) => {
  const rows = await drizzle({ client })
    .select({
      id: statements.id,
      date: statements.date,
      day: statements.dateFirstDay,
      text: statements.text,
      speaker: sql<string | null>`coalesce(${people.name}, ${organizations.name})`,
      placeId: statementPlace.id,
      placeName: statementPlace.name,
    })
    .from(statements)
    .leftJoin(people, eq(people.id, statements.speakerPersonId))
    .leftJoin(organizations, eq(organizations.id, statements.speakerOrganizationId))
    .leftJoin(statementPlace, eq(statementPlace.id, statements.placeId))
    .where(and(...statementFeedConditions(query, cursor)))
    .orderBy(asc(statements.dateFirstDay), asc(statements.id))
    .limit(query.limit + 1);
  return rows.map(statementEntry);
};

/** Delegations with a known arrival, by arrival. */
const arrivalFeed: Feed = async (client, query, cursor) => {
  const rows = await drizzle({ client })
    .select({
      id: delegations.id,
      name: delegations.name,
      arrival: delegations.arrival,
      day: delegations.arrivalFirstDay,
      arrivalPlaceId: arrivalPlace.id,
      arrivalPlaceName: arrivalPlace.name,
      destinationId: destination.id,
      destinationName: destination.name,
    })
    .from(delegations)
    .leftJoin(arrivalPlace, eq(arrivalPlace.id, delegations.arrivalPlaceId))
    .leftJoin(destination, eq(destination.id, delegations.destinationId))
    .where(and(...arrivalFeedConditions(query, cursor)))
    .orderBy(asc(delegations.arrivalFirstDay), asc(delegations.id))
    .limit(query.limit + 1);
  return rows.map(arrivalEntry);
};

const FEEDS_POSTGRES: Record<TimelineKind, Feed> = {
  delegation_arrival: arrivalFeed,
  event: eventFeed,
  statement: statementFeed,
};

/** What each feed of `kinds` reads, one query after another on the task's connection. */
export async function readFeedsPostgres(
  client: pg.PoolClient,
  kinds: readonly TimelineKind[],
  query: TimelineQuery,
  cursor: TimelineKey | undefined,
): Promise<Entry[][]> {
  const feeds: Entry[][] = [];
  for (const kind of kinds) feeds.push(await FEEDS_POSTGRES[kind](client, query, cursor));
  return feeds;
}
