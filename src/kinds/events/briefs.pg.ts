/**
 * Events in short on PostgreSQL, as briefs.ts reads them on SQLite for the views of other items
 * (an event's parts, the events at a place): by start, then id, with the same cursors and the
 * same toBrief.
 */
import { and, asc, eq, type SQL } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import { decodeCursor } from '../../query/list/cursor.js';
import { afterKey, withNextCursor } from '../../query/list/keyset.js';
import type { Page, ViewQuery } from '../../query/shapes.js';
import { events, places } from '../tables.pg.js';
import { toBrief } from './briefs.js';
import type { EventBrief } from './schemas.js';

/** Events matching `where`, by start then id: eventBriefs' twin. */
export async function eventBriefsPostgres(
  client: pg.PoolClient,
  list: string,
  where: SQL,
  query: ViewQuery,
): Promise<Page<EventBrief>> {
  const cursor = query.cursor ? decodeCursor(query.cursor, list, ['string', 'string']) : undefined;
  const rows = await drizzle({ client })
    .select({
      id: events.id,
      type: events.type,
      title: events.title,
      start: events.start,
      end: events.end,
      day: events.startFirstDay,
      placeId: events.placeId,
      placeName: places.name,
    })
    .from(events)
    .leftJoin(places, eq(places.id, events.placeId))
    .where(and(where, afterKey([events.startFirstDay, events.id], cursor)))
    .orderBy(asc(events.startFirstDay), asc(events.id))
    .limit(query.limit + 1);
  const page = withNextCursor(rows, query.limit, list, (row) => [row.day, row.id]);
  return { data: page.rows.map(toBrief), next_cursor: page.nextCursor };
}
