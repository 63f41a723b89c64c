/**
 * The timeline merges three feeds: events (by start), dated statements (by date) and delegation
 * arrivals. Each feed reads its own indexed range and `limit + 1` rows after the cursor, and the
 * three short lists are merged here: a page costs three small index walks however large the
 * tables grow, where one UNION sorted in SQL would sort every matching row first.
 */
import type { Db } from '../db/database.js';
import { dayRangeOf, surelyOverlaps } from '../domain/partial-date.js';
import { problems } from '../http/errors.js';
import { decodeCursor } from '../query/list/cursor.js';
import { mergeSorted, withNextCursor } from '../query/list/keyset.js';
import type { Page } from '../query/shapes.js';
import {
  arrivalFeed,
  type Entry,
  eventFeed,
  statementFeed,
  type TimelineKey,
} from './feed-repository.js';
import {
  TIMELINE_KINDS,
  type TimelineItem,
  type TimelineKind,
  type TimelineQuery,
} from './schemas.js';

const LIST = 'timeline';
const FEEDS: Record<TimelineKind, typeof eventFeed> = {
  delegation_arrival: arrivalFeed,
  event: eventFeed,
  statement: statementFeed,
};

const keyOf = (entry: Entry): TimelineKey => [entry.day, entry.item.kind, entry.item.id];

function decodeTimelineCursor(raw: string): TimelineKey {
  const [day, kind, id] = decodeCursor(raw, LIST, ['string', 'string', 'string']);
  if (!(TIMELINE_KINDS as readonly string[]).includes(kind)) {
    throw problems.invalidField('query', '/cursor', 'not a cursor this API issued');
  }
  return [day, kind as TimelineKind, id];
}

/** The feeds a query reads (its `kind`, or all) and the key after its cursor. */
export function feedsOf(query: TimelineQuery): {
  kinds: readonly TimelineKind[];
  cursor: TimelineKey | undefined;
} {
  return {
    kinds: query.kind ? [query.kind] : TIMELINE_KINDS,
    cursor: query.cursor ? decodeTimelineCursor(query.cursor) : undefined,
  };
}

/** A page from each feed's first entries, merged: either backend's. */
export function timelinePage(query: TimelineQuery, feeds: Entry[][]): Page<TimelineItem> {
  const merged = mergeSorted(feeds, query.limit + 1, keyOf);
  const page = withNextCursor(merged, query.limit, LIST, keyOf);
  const range = dayRangeOf(query.from, query.to);
  return {
    data: page.rows.map(({ item }) => ({
      ...item,
      match: surelyOverlaps(item.date.value, item.end?.value ?? null, range)
        ? 'certain'
        : 'possible',
    })),
    next_cursor: page.nextCursor,
  };
}

export function createTimelineRepository(db: Db) {
  return {
    list(query: TimelineQuery): Page<TimelineItem> {
      const { kinds, cursor } = feedsOf(query);
      return timelinePage(
        query,
        kinds.map((kind) => FEEDS[kind](db, query, cursor)),
      );
    },
  };
}
