/**
 * The timeline on PostgreSQL (repository.ts and feed-repository.ts read it on SQLite): the same
 * three feeds, each read after the cursor with the same filters and `limit + 1` rows, made
 * entries and merged into a page by the same functions. SQLite's span-class parts are its index
 * plan; their union is what `from` leaves, read here in one query.
 */
import { and, asc, eq, isNotNull, or, type SQL, sql } from 'drizzle-orm';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { alias } from 'drizzle-orm/pg-core';
import { firstDay } from '../domain/partial-date.js';
import { postgresRead } from '../http/reads/postgres-read.js';
import { EVENT_FILTERS } from '../kinds/events/repository.js';
import { spanClassRanges } from '../kinds/events/span-classes.js';
import {
  delegations,
  events,
  organizations,
  people,
  places,
  statements,
} from '../kinds/tables.pg.js';
import { filterConditions } from '../query/filters.js';
import {
  ARRIVAL_FILTERS,
  afterTimelineKey,
  arrivalEntry,
  type Entry,
  EVENT_FEED_FILTERS,
  eventEntry,
  STATEMENT_FILTERS,
  statementEntry,
  type TimelineKey,
} from './feed-repository.js';
import { timelineReads } from './reads.js';
import { feedsOf, timelinePage } from './repository.js';
import type { TimelineKind, TimelineQuery } from './schemas.js';

const statementPlace = alias(places, 'statement_place');
const arrivalPlace = alias(places, 'arrival_place');
const destination = alias(places, 'destination');

type Feed = (
  db: NodePgDatabase,
  query: TimelineQuery,
  cursor: TimelineKey | undefined,
) => Promise<Entry[]>;

const eventFeed: Feed = async (db, query, cursor) => {
  const conditions: (SQL | undefined)[] = [
    afterTimelineKey('event', events.startFirstDay, events.id, cursor),
    ...filterConditions(EVENT_FILTERS, query),
    ...filterConditions(EVENT_FEED_FILTERS, query),
    query.from ? or(...spanClassRanges(firstDay(query.from))) : undefined,
  ];
  const rows = await db
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
    .where(and(...conditions))
    .orderBy(asc(events.startFirstDay), asc(events.id))
    .limit(query.limit + 1);
  return rows.map(eventEntry);
};

const statementFeed: Feed = async (db, query, cursor) => {
  const day = statements.dateFirstDay;
  const rows = await db
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
    .where(
      and(
        isNotNull(day),
        afterTimelineKey('statement', day, statements.id, cursor),
        ...filterConditions(STATEMENT_FILTERS, query),
      ),
    )
    .orderBy(asc(day), asc(statements.id))
    .limit(query.limit + 1);
  return rows.map(statementEntry);
};

const arrivalFeed: Feed = async (db, query, cursor) => {
  const day = delegations.arrivalFirstDay;
  const rows = await db
    .select({
      id: delegations.id,
      name: delegations.name,
      arrival: delegations.arrival,
      day,
      arrivalPlaceId: arrivalPlace.id,
      arrivalPlaceName: arrivalPlace.name,
      destinationId: destination.id,
      destinationName: destination.name,
    })
    .from(delegations)
    .leftJoin(arrivalPlace, eq(arrivalPlace.id, delegations.arrivalPlaceId))
    .leftJoin(destination, eq(destination.id, delegations.destinationId))
    .where(
      and(
        isNotNull(day),
        afterTimelineKey('delegation_arrival', day, delegations.id, cursor),
        ...filterConditions(ARRIVAL_FILTERS, query),
      ),
    )
    .orderBy(asc(day), asc(delegations.id))
    .limit(query.limit + 1);
  return rows.map(arrivalEntry);
};

const FEEDS: Record<TimelineKind, Feed> = {
  delegation_arrival: arrivalFeed,
  event: eventFeed,
  statement: statementFeed,
};

export const timelineReadsPostgres = [
  postgresRead(timelineReads.list, async (client, query) => {
    const db = drizzle({ client });
    const { kinds, cursor } = feedsOf(query);
    const feeds: Entry[][] = [];
    for (const kind of kinds) feeds.push(await FEEDS[kind](db, query, cursor));
    return timelinePage(query, feeds);
  }),
];
