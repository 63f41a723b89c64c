/**
 * Paginated views of the events hanging off one entity: a person's events, the events at a place,
 * the children of an event. Each answers null when the entity does not exist.
 */
import { and, asc, eq, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { perConnection } from '../db/prepared.js';
import { events, participations, people, places } from '../kinds/tables.js';
import { ref } from '../query/agents.js';
import { decodeCursor } from '../query/list/cursor.js';
import { afterKey, withNextCursor } from '../query/list/keyset.js';
import { dateValue, type Page } from '../query/shapes.js';
import { subtreeOf } from '../query/subtree.js';
import type { EventBrief, PersonEvent, ViewQuery } from './schemas.js';

const briefColumns = {
  id: events.id,
  type: events.type,
  title: events.title,
  start: events.start,
  end: events.end,
  day: events.startFirstDay,
  placeId: events.placeId,
  placeName: places.name,
};

type BriefRow = {
  id: string;
  type: string;
  title: string;
  start: string;
  end: string | null;
  placeId: string | null;
  placeName: string | null;
};

function toBrief(row: BriefRow): EventBrief {
  return {
    id: row.id,
    type: row.type,
    title: row.title,
    start: dateValue(row.start),
    end: dateValue(row.end),
    place: ref(row.placeId, row.placeName),
  };
}

const byId = perConnection((db) => {
  const lookup = (table: typeof people | typeof places | typeof events) =>
    db
      .select({ id: table.id })
      .from(table)
      .where(eq(table.id, sql.placeholder('id')))
      .prepare();
  return { people: lookup(people), places: lookup(places), events: lookup(events) };
});

/** Whether a person, place or event with this id exists. */
export function exists(db: Db, table: 'people' | 'places' | 'events', id: string): boolean {
  return byId(db)[table].get({ id }) !== undefined;
}

export function createViewsRepository(db: Db) {
  /** Events matching `where`, by start then id: the places' and children's views. */
  function eventBriefs(list: string, where: SQL, query: ViewQuery): Page<EventBrief> {
    const cursor = query.cursor
      ? decodeCursor(query.cursor, list, ['string', 'string'])
      : undefined;
    const rows = db
      .select(briefColumns)
      .from(events)
      .leftJoin(places, eq(places.id, events.placeId))
      .where(and(where, afterKey([events.startFirstDay, events.id], cursor)))
      .orderBy(asc(events.startFirstDay), asc(events.id))
      .limit(query.limit + 1)
      .all();
    const page = withNextCursor(rows, query.limit, list, (row) => [row.day, row.id]);
    return { data: page.rows.map(toBrief), next_cursor: page.nextCursor };
  }

  return {
    personEvents(personId: string, query: ViewQuery): Page<PersonEvent> | null {
      if (!exists(db, 'people', personId)) return null;
      const list = 'person-events';
      const cursor = query.cursor
        ? decodeCursor(query.cursor, list, ['string', 'string', 'string'])
        : undefined;
      // Keyed on the event's start and id as copied into participations (the same values as
      // events'), so that the page is a range of the (person, start, event, id) index.
      const order = [
        participations.eventStartFirstDay,
        participations.eventId,
        participations.id,
      ] as const;
      const rows = db
        .select({
          ...briefColumns,
          day: participations.eventStartFirstDay,
          role: participations.role,
          participation: participations.id,
        })
        .from(participations)
        .innerJoin(events, eq(events.id, participations.eventId))
        .leftJoin(places, eq(places.id, events.placeId))
        .where(and(eq(participations.personId, personId), afterKey(order, cursor)))
        .orderBy(...order.map((column) => asc(column)))
        .limit(query.limit + 1)
        .all();
      const page = withNextCursor(rows, query.limit, list, (row) => [
        row.day,
        row.id,
        row.participation,
      ]);
      return {
        data: page.rows.map((row) => ({ ...toBrief(row), role: row.role })),
        next_cursor: page.nextCursor,
      };
    },

    placeEvents(placeId: string, query: ViewQuery): Page<EventBrief> | null {
      if (!exists(db, 'places', placeId)) return null;
      const inside = sql`${events.placeId} in ${subtreeOf(places, placeId)}`;
      return eventBriefs('place-events', inside, query);
    },

    eventChildren(eventId: string, query: ViewQuery): Page<EventBrief> | null {
      if (!exists(db, 'events', eventId)) return null;
      return eventBriefs('event-children', eq(events.parentId, eventId), query);
    },
  };
}
