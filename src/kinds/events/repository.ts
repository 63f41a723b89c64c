import { and, eq, gte, lte, not, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../db/database.js';
import { inJsonList, perConnection } from '../../db/prepared.js';
import { type DayRange, dayRangeOf, firstDay, surelyOverlaps } from '../../domain/partial-date.js';
import { JsonText } from '../../http/reads/task.js';
import { ref } from '../../query/agents.js';
import { anyOf, type Filter, listFilters } from '../../query/filters.js';
import { type ListSpec, runList } from '../../query/list/run.js';
import { dateValue, type Page } from '../../query/shapes.js';
import { placeSummariesOf } from '../places/repository.js';
import { citationsOf } from '../sources/citations.js';
import { type EventStatus, eventNames, events, participations, places } from '../tables.js';
import { namesOf, parentEventsOf, participantsOf } from './expansions.js';
import { eventItem, eventItemText } from './item.js';
import type {
  EventDetail,
  EventInclude,
  EventItemQuery,
  EventListQuery,
  EventSummary,
} from './schemas.js';
import { spanClassRanges } from './span-classes.js';

const parent = alias(events, 'parent');

/**
 * The name `namesBy` gives the event and who that is as stored (`DPRK` for `dprk`), as a JSON
 * pair, or null when that party has no name for it.
 */
function nameBy(namesBy: string | SQLWrapper | undefined): SQL<string | null> {
  if (!namesBy) return sql<null>`null`;
  return sql<string | null>`(select json_array(${eventNames.name}, ${eventNames.usedBy})
    from ${eventNames}
    where ${eventNames.eventId} = ${events.id} and ${eventNames.usedBy} = ${namesBy} collate nocase
    order by ${eventNames.ordinal} limit 1)`;
}

function summaryColumns(namesBy: string | SQLWrapper | undefined) {
  return {
    id: events.id,
    type: events.type,
    title: events.title,
    nameBy: nameBy(namesBy),
    summary: events.summary,
    start: events.start,
    end: events.end,
    status: events.status,
    placeId: events.placeId,
    placeName: places.name,
    parentId: events.parentId,
    parentTitle: parent.title,
    commemoratesId: events.commemoratesId,
  };
}

export interface SummaryRow {
  id: string;
  type: string;
  title: string;
  nameBy: string | null;
  summary: string | null;
  start: string;
  end: string | null;
  status: EventStatus;
  placeId: string | null;
  placeName: string | null;
  parentId: string | null;
  parentTitle: string | null;
}

/**
 * `surelyOverlaps` (src/domain/partial-date.ts) in SQL, for `match=`: true where the event surely
 * overlaps the range, from the last day its start can mean and the first day its end can mean.
 */
function surelyOverlapsSql(range: DayRange): SQL | undefined {
  return and(
    range.last === undefined ? undefined : lte(events.startLastDay, range.last),
    range.first === undefined ? undefined : gte(events.endFirstDay, range.first),
  );
}

function matchCondition(query: EventListQuery): SQL | undefined {
  if (!query.match) return undefined;
  // `1 = 1` rather than `1`: a condition PostgreSQL reads too (run.pg.ts renders these filters).
  const sure = surelyOverlapsSql(dayRangeOf(query.from, query.to)) ?? sql`1 = 1`;
  return query.match === 'certain' ? sure : not(sure);
}

export function toSummary(row: SummaryRow, range: DayRange = {}): EventSummary {
  const [name, usedBy] = row.nameBy ? (JSON.parse(row.nameBy) as [string, string]) : [];
  return {
    id: row.id,
    type: row.type,
    title: name ?? row.title,
    ...(usedBy ? { named_by: usedBy } : {}),
    summary: row.summary,
    start: dateValue(row.start),
    end: dateValue(row.end),
    status: row.status,
    match: surelyOverlaps(row.start, row.end, range) ? 'certain' : 'possible',
    place: ref(row.placeId, row.placeName),
    parent: ref(row.parentId, row.parentTitle),
  };
}

/** The events lists' filters; the timeline's events reuse them. */
export const EVENT_FILTERS: Filter<EventListQuery>[] = [
  // Spans overlap the range when the event ends after the range starts and starts before it ends.
  { param: 'from', op: 'overlapsFrom', column: events.endLastDay },
  { param: 'to', op: 'overlapsTo', column: events.startFirstDay },
  { param: 'type', op: 'eq', column: events.type },
  { param: 'status', op: 'eq', column: events.status },
  { param: 'place', op: 'inSubtree', column: events.placeId, tree: places },
  {
    param: 'participant',
    op: 'where',
    where: (who) =>
      sql`${events.id} in (select ${participations.eventId} from ${participations}
        where ${anyOf(participations.personId, who)} or ${anyOf(participations.organizationId, who)})`,
  },
];

/**
 * The events list's filters and `match` as runList takes them; the facets count under the same.
 */
export function eventFilters(query: EventListQuery): { filters: SQL[]; alternatives?: SQL[] } {
  const { filters, alternatives } = listFilters(EVENT_FILTERS, query);
  return {
    filters: [...filters, ...(query.match ? [matchCondition(query) as SQL] : [])],
    ...(alternatives ? { alternatives } : {}),
  };
}

/** What `include=` read for a page of events, each by id; absent: not asked for. */
export interface Expansions {
  placeById?: Map<string, NonNullable<EventSummary['place']>>;
  parentById?: Map<string, NonNullable<EventSummary['parent']>>;
  names?: Map<string, Required<EventSummary>['names']>;
  participants?: Map<string, Required<EventSummary>['participants']>;
  cited?: Map<string, Required<EventSummary>['citations']>;
}

/** The ids `include=` reads for a page: its events', their places' and their parents'. */
export function expansionIds(rows: SummaryRow[]) {
  return {
    ids: rows.map((r) => r.id),
    placeIds: rows.flatMap((r) => (r.placeId ? [r.placeId] : [])),
    parentIds: rows.flatMap((r) => (r.parentId ? [r.parentId] : [])),
  };
}

/** Adds what `include=` asks for to a page of events: one query per relation. */
function expand(db: Db, rows: SummaryRow[], items: EventSummary[], include: EventInclude[]) {
  const { ids, placeIds, parentIds } = expansionIds(rows);
  const wanted = new Set(include);
  return expanded(rows, items, {
    placeById: wanted.has('place') ? placeSummariesOf(db, placeIds) : undefined,
    parentById: wanted.has('parent') ? parentEventsOf(db, parentIds) : undefined,
    names: wanted.has('names') ? namesOf(db, ids) : undefined,
    participants: wanted.has('participants') ? participantsOf(db, ids) : undefined,
    cited: wanted.has('citations') ? citationsOf(db, 'event', ids) : undefined,
  });
}

/** A page of events with what `include=` read added, on either backend. */
export function expanded(
  rows: SummaryRow[],
  items: EventSummary[],
  { placeById, parentById, names, participants, cited }: Expansions,
): EventSummary[] {
  return items.map((item, i) => {
    const row = rows[i] as SummaryRow;
    return {
      ...item,
      ...(placeById && row.placeId ? { place: placeById.get(row.placeId) ?? item.place } : {}),
      ...(parentById && row.parentId
        ? { parent: parentById.get(row.parentId) ?? item.parent }
        : {}),
      ...(names ? { names: names.get(row.id) ?? [] } : {}),
      ...(participants ? { participants: participants.get(row.id) ?? [] } : {}),
      ...(cited ? { citations: cited.get(row.id) ?? [] } : {}),
    };
  });
}

/** Events with their place and parent joined, named by `namesBy` if given. */
const selectEvents = (db: Db, namesBy: string | SQLWrapper | undefined, extra = {}) =>
  db
    .select({ ...summaryColumns(namesBy), ...extra })
    .from(events)
    .leftJoin(places, eq(places.id, events.placeId))
    .leftJoin(parent, eq(parent.id, events.parentId));

/** Rows by a list of ids, prepared once per connection. */
const queries = perConnection((db) => ({
  // A date-range page's rows, by id (runList's partitions).
  rowsOf: selectEvents(db, undefined).where(inJsonList(events.id, 'ids')).prepare(),
  rowsNamedByOf: selectEvents(db, sql.placeholder('namesBy'))
    .where(inJsonList(events.id, 'ids'))
    .prepare(),
}));

/** The events list's sorts, on either backend (run.ts, run.pg.ts). */
export const EVENTS_LIST = {
  kind: 'event',
  sorts: { start: events.startFirstDay, title: events.title },
  defaultSort: 'start',
} satisfies Pick<ListSpec, 'kind' | 'sorts' | 'defaultSort'>;

export function createEventsRepository(db: Db) {
  const select = (namesBy: string | SQLWrapper | undefined, extra = {}) =>
    selectEvents(db, namesBy, extra);

  return {
    list(query: EventListQuery): Page<EventSummary> {
      const result = runList<SummaryRow>(
        db,
        {
          ...EVENTS_LIST,
          id: events.id,
          select: (extra) => select(query.names_by, extra),
          ...eventFilters(query),
          partitions: query.from
            ? {
                table: events,
                parts: spanClassRanges(firstDay(query.from)),
                rowsOf: (ids) =>
                  query.names_by
                    ? queries(db).rowsNamedByOf.all({ ids, namesBy: query.names_by })
                    : queries(db).rowsOf.all({ ids }),
              }
            : undefined,
        },
        query,
      );
      const range = dayRangeOf(query.from, query.to);
      const items = result.rows.map((row) => toSummary(row, range));
      return {
        data: query.include ? expand(db, result.rows, items, query.include) : items,
        next_cursor: result.nextCursor,
        ...(result.total === undefined ? {} : { total: result.total }),
      };
    },

    /**
     * The item as SQLite writes it (sent as it is), or, with `include=`, as data to expand.
     * Measured with bench/micro/items.ts (100k events, uniform ids): CPU per item rendered
     * from the text parsed and serialized again, against the text as it is: see item.ts.
     */
    get(id: string, query: EventItemQuery = {}): EventDetail | JsonText | null {
      if (!query.include) {
        const text = eventItemText(db, id, query.names_by);
        return text === null ? null : new JsonText(text);
      }
      const item = eventItem(db, id, query.names_by);
      if (!item) return item;
      const wanted = new Set(query.include);
      const place =
        wanted.has('place') && item.place ? placeSummariesOf(db, [item.place.id]) : null;
      const parent =
        wanted.has('parent') && item.parent ? parentEventsOf(db, [item.parent.id]) : null;
      return {
        ...item,
        ...(place && item.place ? { place: place.get(item.place.id) ?? item.place } : {}),
        ...(parent && item.parent ? { parent: parent.get(item.parent.id) ?? item.parent } : {}),
      };
    },
  };
}
