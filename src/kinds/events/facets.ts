/**
 * `GET /v1/events/facets`: how many events match the list's filters, counted by type, by the
 * year they start in, by place and by status. The filters are the events list's own (eventFilters,
 * commonFilters, and `q` through the same ranking), so a facet's count is what the list with that
 * value added would hold.
 *
 * Each facet is one GROUP BY over the matching events: unfiltered, `type` and `place` read an
 * index whole (events_type_idx, events_place_idx: one entry an event, no table row), `year` counts
 * each year's range of events_start_idx (everyYear), and `status`, which has no index,
 * reads the table. A filter narrows each to its range (a date range one range per span class, as
 * the list). The route runs it in the read pool's bulk lane. Measured at 100k events in
 * bench/micro/facets.ts.
 */
import { and, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/database.js';
import { perConnection } from '../../db/prepared.js';
import { firstDay } from '../../domain/partial-date.js';
import { commonFilters } from '../../query/list/run.js';
import { rankedMatches } from '../../search/ranking.js';
import { events, places } from '../tables.js';
import { eventFilters } from './repository.js';
import type {
  EventFacet,
  EventFacets,
  EventFacetsQuery,
  EventListQuery,
  FacetCount,
} from './schemas.js';
import { spanClassRanges } from './span-classes.js';

type Counted = [string | null, number];

/** The year an event starts in, as the facet groups by it. */
export const START_YEAR = sql`substr(${events.startFirstDay}, 1, 4)`;

/**
 * Two values in the order SQLite's GROUP BY gives them: no value first, then by code unit (its
 * binary collation). The last tie-break: PostgreSQL groups in no set order, and localeCompare
 * finds some distinct values equal (canonically equivalent strings, no value against '').
 */
const byCodeUnit = (a: string | null, b: string | null) =>
  a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : 1;

/** The values by count, most first (ties by value), the first `limit`: either backend's. */
export function mostCounted(counts: Iterable<Counted>, limit: number): FacetCount[] {
  return [...counts]
    .sort(
      ([a, m], [b, n]) =>
        n - m || String(a ?? '').localeCompare(String(b ?? '')) || byCodeUnit(a, b),
    )
    .slice(0, limit)
    .map(([value, count]) => ({ value, count }));
}

/** Years and their counts, in the order of the years. */
export function inYearOrder(counts: Iterable<Counted>): FacetCount[] {
  return [...counts]
    .sort(([a], [b]) => String(a).localeCompare(String(b)))
    .map(([value, count]) => ({ value, count }));
}

/** The place facet's counts with each place's name (null when it is no place). */
export function withNames(counts: FacetCount[], names: Map<string, string>): FacetCount[] {
  return counts.map(({ value, count }) => ({
    value,
    name: value === null ? null : (names.get(value) ?? null),
    count,
  }));
}

/** The facets an index serves; `status` (a read of every matching event) when asked for. */
export const DEFAULT_FACETS: EventFacet[] = ['type', 'year', 'place'];

export function eventFacets(db: Db, query: EventFacetsQuery): EventFacets {
  const { filters, alternatives } = eventFilters(query as EventListQuery);
  const where = and(
    ...filters,
    alternatives ? or(...alternatives) : undefined,
    ...commonFilters({ kind: 'event', id: events.id }, query),
  );
  const ranked = query.q === undefined ? undefined : rankedMatches(db, 'event', query.q);
  // A date range is read as the list reads it: one index range per span class (span-classes.ts),
  // where `end_last_day >=` alone would read every event that ends after `from`.
  const parts = query.from ? spanClassRanges(firstDay(query.from)) : [undefined];

  /** `count(*)` of the matching events of a part, by `key` when given. */
  const counted = (part: SQL | undefined, key?: SQL): Counted[] => {
    // biome-ignore lint/suspicious/noExplicitAny: drizzle's dynamic select types do not compose
    let select: any = db
      .select({ value: key ?? sql`null`, n: sql<number>`count(*)` })
      .from(events)
      .$dynamic();
    if (ranked) select = select.innerJoin(ranked, eq(ranked.entityId, events.id));
    select = select.where(and(where, part));
    return (key ? select.groupBy(key) : select).values() as Counted[];
  };
  /** How many matching events have each value of `key`, over every part. */
  const tally = (key: SQL): Map<string | null, number> => {
    const counts = new Map<string | null, number>();
    for (const part of parts) {
      for (const [value, n] of counted(part, key)) counts.set(value, (counts.get(value) ?? 0) + n);
    }
    return counts;
  };
  const mostFirst = (key: SQL): FacetCount[] => mostCounted(tally(key), query.limit);

  const facet: Record<EventFacet, () => FacetCount[]> = {
    type: () => mostFirst(sql`${events.type}`),
    status: () => mostFirst(sql`${events.status}`),
    // Unfiltered, each year's range of the start index counted (everyYear); filtered, the matches
    // grouped by their first day's year, which sorts only the years (grouping by day returned
    // every distinct day: 64 against 27 ms at 100k events).
    year: () =>
      inYearOrder(
        where === undefined && !ranked && !query.from ? everyYear(db) : tally(START_YEAR),
      ),
    place: () => {
      const counts = mostFirst(sql`${events.placeId}`);
      const ids = counts.flatMap(({ value }) => (value === null ? [] : [value]));
      const names = new Map(
        ids.length === 0
          ? []
          : db
              .select({ id: places.id, name: places.name })
              .from(places)
              .where(inArray(places.id, ids))
              .all()
              .map((place) => [place.id, place.name]),
      );
      return withNames(counts, names);
    },
  };

  const by = query.by ?? DEFAULT_FACETS;
  const total = parts.reduce((sum, part) => sum + (counted(part)[0]?.[1] ?? 0), 0);
  return {
    total,
    facets: Object.fromEntries(by.map((name) => [name, facet[name]()])),
  };
}

/** Two seeks on events_start_idx: the first start on or after a day, and the starts in a range. */
const yearQueries = perConnection((db) => ({
  firstFrom: db.$client
    .prepare<[string]>('select min(start_first_day) from events where start_first_day >= ?')
    .pluck(),
  countIn: db.$client
    .prepare<[string, string]>(
      'select count(*) from events where start_first_day >= ? and start_first_day < ?',
    )
    .pluck(),
}));

/**
 * Every event by the year it starts in, with no filter: a count of each year's range of
 * events_start_idx, from the first start to the last, skipping empty years with one seek. The
 * index is read once in order and nothing is sorted: 10 ms at 100k events, where grouping by
 * the year read the same index and sorted its years (27 ms).
 */
function everyYear(db: Db): Counted[] {
  const { firstFrom, countIn } = yearQueries(db);
  const years: Counted[] = [];
  for (let day = firstFrom.get('') as string | null; day !== null; ) {
    const year = day.slice(0, 4);
    // Past every day of the year (YYYY-MM-DD) and before the next: the next year's number would
    // be `10000` after 9999, which sorts before `9999-…` as text (the same year, read forever).
    const past = `${year}-99`;
    years.push([year, countIn.get(year, past) as number]);
    day = firstFrom.get(past) as string | null;
  }
  return years;
}
