/**
 * The timeline's three feeds, the queries of its repository: events by start, dated statements by
 * date, delegation arrivals by arrival. Each reads its own indexed range after the cursor and no
 * more than `limit + 1` rows; repository.ts merges them.
 */
import { type AnyColumn, and, asc, eq, gt, gte, isNotNull, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db/database.js';
import { inJsonList, perConnection } from '../db/prepared.js';
import { firstDay } from '../domain/partial-date.js';
import { EVENT_FILTERS } from '../kinds/events/repository.js';
import { spanClassRanges } from '../kinds/events/span-classes.js';
import { statementTitle } from '../kinds/statements/labels.js';
import {
  delegationMembers,
  delegationReceivers,
  delegations,
  events,
  organizations,
  people,
  places,
  statements,
} from '../kinds/tables.js';
import { ref } from '../query/agents.js';
import { anyOf, type Filter, filterConditions } from '../query/filters.js';
import { mergeSorted } from '../query/list/keyset.js';
import { type Keyed, rowsInOrder } from '../query/list/run.js';
import { dateValue } from '../query/shapes.js';
import type { TimelineItem, TimelineKind, TimelineQuery } from './schemas.js';

export type TimelineKey = [day: string, kind: TimelineKind, id: string];
/** An item and the first day it sorts by (the repository adds `match`, from the query's range). */
export type Entry = { day: string; item: Omit<TimelineItem, 'match'> };

/**
 * Rows of one source that sort after the cursor. The kind is fixed within a source, so the key
 * (day, kind, id) becomes a plain range on (day, id), which the source's index serves.
 */
export function afterTimelineKey(
  kind: TimelineKind,
  day: AnyColumn,
  id: AnyColumn,
  cursor: TimelineKey | undefined,
): SQL | undefined {
  if (!cursor) return undefined;
  const [afterDay, afterKind, afterId] = cursor;
  if (kind === afterKind) return sql`(${day}, ${id}) > (${afterDay}, ${afterId})`;
  return kind > afterKind ? gte(day, afterDay) : gt(day, afterDay);
}

const statementPlace = alias(places, 'statement_place');
const arrivalPlace = alias(places, 'arrival_place');
const destination = alias(places, 'destination');

const eventColumns = (db: Db) =>
  db
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
    .$dynamic();

type EventRow = {
  id: string;
  title: string;
  start: string;
  end: string | null;
  day: string;
  placeId: string | null;
  placeName: string | null;
};

const eventsById = perConnection((db) =>
  eventColumns(db).where(inJsonList(events.id, 'ids')).prepare(),
);

/**
 * The first `size` events matching `conditions` in one of `parts`, by start: each part's keys
 * alone (day and id, from the index), merged, and then only the rows kept, by id.
 */
function firstEventsOf(db: Db, parts: SQL[], conditions: (SQL | undefined)[], size: number) {
  const keysOf = (part: SQL) =>
    (
      db
        .select({ day: events.startFirstDay, id: events.id })
        .from(events)
        .where(and(...conditions, part))
        .orderBy(asc(events.startFirstDay), asc(events.id))
        .limit(size)
        .values() as [string, string][]
    ).map(([sortKey, id]): Keyed => ({ sortKey, id }));
  const keys = mergeSorted(parts.map(keysOf), size, (key) => [key.sortKey, key.id]);
  return rowsInOrder<EventRow>(keys, (ids) => eventsById(db).all({ ids }));
}

/** The events lists' filters (EVENT_FILTERS) apply to the feed's events, and `event` too. */
export const EVENT_FEED_FILTERS: Filter<TimelineQuery>[] = [
  { param: 'event', op: 'inSubtree', column: events.id, tree: events },
];

/**
 * Events by start. With `from`, one query per span class (events_span_start_idx), each starting
 * at most its class's bound before `from`, merged: the cost follows the period, not the history.
 */
export function eventFeed(db: Db, query: TimelineQuery, cursor: TimelineKey | undefined): Entry[] {
  const conditions: (SQL | undefined)[] = [
    afterTimelineKey('event', events.startFirstDay, events.id, cursor),
    ...filterConditions(EVENT_FILTERS, query),
    ...filterConditions(EVENT_FEED_FILTERS, query),
  ];
  const rows = query.from
    ? firstEventsOf(db, spanClassRanges(firstDay(query.from)), conditions, query.limit + 1)
    : eventColumns(db)
        .where(and(...conditions))
        .orderBy(asc(events.startFirstDay), asc(events.id))
        .limit(query.limit + 1)
        .all();
  return rows.map(eventEntry);
}

/** An event feed's row as an entry, on either backend. */
export function eventEntry(row: EventRow): Entry {
  return {
    day: row.day,
    item: {
      kind: 'event',
      id: row.id,
      title: row.title,
      date: dateValue(row.start),
      end: dateValue(row.end),
      place: ref(row.placeId, row.placeName),
    },
  };
}

export const STATEMENT_FILTERS: Filter<TimelineQuery>[] = [
  { param: 'from', op: 'overlapsFrom', column: statements.dateLastDay },
  // A partial date overlapping `from` starts no earlier than 1 January two years before from's
  // year (`2022~` is 2021 to 2023): the range on the date index starts there, not at the first
  // statement ever.
  { param: 'from', op: 'sinceYearOf', column: statements.dateFirstDay },
  { param: 'to', op: 'overlapsTo', column: statements.dateFirstDay },
  // Where the statement was made, never where its event took place: Mao Ning spoke in Beijing of
  // a wreath-laying in Hoechang County. A statement whose place is unknown matches no place.
  { param: 'place', op: 'inSubtree', column: statements.placeId, tree: places },
  { param: 'event', op: 'inSubtree', column: statements.eventId, tree: events },
  {
    param: 'participant',
    op: 'where',
    where: (who) =>
      or(anyOf(statements.speakerPersonId, who), anyOf(statements.speakerOrganizationId, who)),
  },
];

/** Dated statements by date: the range on statements_date_idx. */
export function statementFeed(
  db: Db,
  query: TimelineQuery,
  cursor: TimelineKey | undefined,
): Entry[] {
  const day = statements.dateFirstDay;
  const conditions: (SQL | undefined)[] = [
    isNotNull(day),
    afterTimelineKey('statement', day, statements.id, cursor),
    ...filterConditions(STATEMENT_FILTERS, query),
  ];
  return db
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
    .where(and(...conditions))
    .orderBy(asc(day), asc(statements.id))
    .limit(query.limit + 1)
    .all()
    .map(statementEntry);
}

/** A statement feed's row as an entry, on either backend. */
export function statementEntry(row: {
  id: string;
  date: string | null;
  day: string | null;
  text: string;
  speaker: string | null;
  placeId: string | null;
  placeName: string | null;
}): Entry {
  return {
    day: row.day ?? '',
    item: {
      kind: 'statement',
      id: row.id,
      title: statementTitle(row.speaker, row.text),
      date: dateValue(row.date ?? ''),
      end: null,
      place: ref(row.placeId, row.placeName),
    },
  };
}

export const ARRIVAL_FILTERS: Filter<TimelineQuery>[] = [
  // An arrival spans at most three years (`2022~`): the first bound lets the index narrow.
  { param: 'from', op: 'sinceYearOf', column: delegations.arrivalFirstDay },
  { param: 'from', op: 'overlapsFrom', column: delegations.arrivalLastDay },
  { param: 'to', op: 'overlapsTo', column: delegations.arrivalFirstDay },
  {
    // Where the delegation arrived, or else where it was going.
    param: 'place',
    op: 'inSubtree',
    column: sql`coalesce(${delegations.arrivalPlaceId}, ${delegations.destinationId})`,
    tree: places,
  },
  { param: 'event', op: 'inSubtree', column: delegations.eventId, tree: events },
  {
    param: 'participant',
    op: 'where',
    where: (who) =>
      sql`(${anyOf(delegations.leaderId, who)}
        or ${delegations.id} in (select ${delegationMembers.delegationId}
          from ${delegationMembers} where ${anyOf(delegationMembers.personId, who)})
        or ${delegations.id} in (select ${delegationReceivers.delegationId}
          from ${delegationReceivers} where ${anyOf(delegationReceivers.personId, who)}
            or ${anyOf(delegationReceivers.organizationId, who)}))`,
  },
];

/** Delegations with a known arrival, by arrival: the range on delegations_arrival_idx. */
export function arrivalFeed(
  db: Db,
  query: TimelineQuery,
  cursor: TimelineKey | undefined,
): Entry[] {
  const day = delegations.arrivalFirstDay;
  const conditions: (SQL | undefined)[] = [
    isNotNull(day),
    afterTimelineKey('delegation_arrival', day, delegations.id, cursor),
    ...filterConditions(ARRIVAL_FILTERS, query),
  ];
  return db
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
    .where(and(...conditions))
    .orderBy(asc(day), asc(delegations.id))
    .limit(query.limit + 1)
    .all()
    .map(arrivalEntry);
}

/** An arrival feed's row as an entry, on either backend. */
export function arrivalEntry(row: {
  id: string;
  name: string;
  arrival: string | null;
  day: string | null;
  arrivalPlaceId: string | null;
  arrivalPlaceName: string | null;
  destinationId: string | null;
  destinationName: string | null;
}): Entry {
  return {
    day: row.day ?? '',
    item: {
      kind: 'delegation_arrival',
      id: row.id,
      title: `${row.name} arrives`,
      date: dateValue(row.arrival ?? ''),
      end: null,
      place:
        ref(row.arrivalPlaceId, row.arrivalPlaceName) ??
        ref(row.destinationId, row.destinationName),
    },
  };
}
