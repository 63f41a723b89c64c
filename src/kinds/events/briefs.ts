/**
 * Events in short (EventBrief), as the views of other items list them: the events at a place, the
 * parts of an event, a person's events. By start, then id, a page at a time.
 */
import { and, asc, eq, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/database.js';
import { ref } from '../../query/agents.js';
import { decodeCursor } from '../../query/list/cursor.js';
import { afterKey, withNextCursor } from '../../query/list/keyset.js';
import { dateValue, type Page, type ViewQuery } from '../../query/shapes.js';
import { places } from '../places/table.js';
import type { EventBrief } from './schemas.js';
import { events } from './table.js';

export const briefColumns = {
  id: events.id,
  type: events.type,
  title: events.title,
  start: events.start,
  end: events.end,
  day: events.startFirstDay,
  placeId: events.placeId,
  placeName: places.name,
};

export type BriefRow = {
  id: string;
  type: string;
  title: string;
  start: string;
  end: string | null;
  placeId: string | null;
  placeName: string | null;
};

export function toBrief(row: BriefRow): EventBrief {
  return {
    id: row.id,
    type: row.type,
    title: row.title,
    start: dateValue(row.start),
    end: dateValue(row.end),
    place: ref(row.placeId, row.placeName),
  };
}

/** Events matching `where`, by start then id: the places' and the events' views. */
export function eventBriefs(db: Db, list: string, where: SQL, query: ViewQuery): Page<EventBrief> {
  const cursor = query.cursor ? decodeCursor(query.cursor, list, ['string', 'string']) : undefined;
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
