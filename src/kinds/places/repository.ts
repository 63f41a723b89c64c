import { asc, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../db/database.js';
import { inJsonList, jsonList, perConnection } from '../../db/prepared.js';
import { ref } from '../../query/agents.js';
import { capped, cappedChildren, countWhere } from '../../query/embedded.js';
import { type Filter, listFilters } from '../../query/filters.js';
import { type ListSpec, listResponse, runList } from '../../query/list/run.js';
import { dateValue, EMBEDDED_MAX, type Page } from '../../query/shapes.js';
import { subtreeOf } from '../../query/subtree.js';
import { basisOf } from '../../records/basis.js';
import { citationsOf, itemCitations } from '../sources/citations.js';
import { events, places } from '../tables.js';
import type { PlaceDetail, PlaceListQuery, PlaceSummary } from './schemas.js';

/** Deeper than any real nesting; stops the walk up should parent_id ever form a cycle. */
export const MAX_DEPTH = 64;
const parent = alias(places, 'parent');

const summaryColumns = {
  id: places.id,
  name: places.name,
  type: places.type,
  aliases: places.aliases,
  parentId: places.parentId,
  parentName: parent.name,
};

export type SummaryRow = {
  id: string;
  name: string;
  type: string;
  aliases: string[];
  parentId: string | null;
  parentName: string | null;
};

export function toSummary(row: SummaryRow): PlaceSummary {
  return {
    id: row.id,
    name: row.name,
    type: row.type,
    aliases: row.aliases,
    parent: ref(row.parentId, row.parentName),
  };
}

export const FILTERS: Filter<PlaceListQuery>[] = [
  { param: 'type', op: 'eq', column: places.type },
  {
    // Strictly inside: the place itself is not within itself.
    param: 'within',
    op: 'where',
    where: (within) =>
      sql`${places.id} in ${subtreeOf(places, within)} and ${places.id} <> ${within}`,
  },
];

const selectSummaries = (db: Db, extra = {}) =>
  db
    .select({ ...summaryColumns, ...extra })
    .from(places)
    .leftJoin(parent, eq(parent.id, places.parentId));

const summariesById = perConnection((db) =>
  selectSummaries(db).where(inJsonList(places.id, 'ids')).prepare(),
);

/** Places by id in one query, for resources that expand a place (`include=place`). */
export function placeSummariesOf(db: Db, ids: string[]): Map<string, PlaceSummary> {
  if (ids.length === 0) return new Map();
  const rows = summariesById(db).all({ ids: jsonList(ids) });
  return new Map(rows.map((row) => [row.id, toSummary(row)]));
}

const childrenOf = cappedChildren(places);

const id = sql.placeholder('id');

/** A place's own lookups, by `id`, prepared once per connection. */
const queries = perConnection((db) => {
  // A Drizzle select cannot carry a recursive CTE, so the walk up is a subquery it reads from.
  const up = sql`(with recursive up(id, depth) as (
      select ${places.parentId}, 1 from ${places} where ${places.id} = ${id}
      union all
      select ${places.parentId}, up.depth + 1 from ${places} join up on ${places.id} = up.id
        where up.depth < ${MAX_DEPTH}
    ) select id, depth from up) as up`;
  const inside = sql`${events.placeId} in ${subtreeOf(places, id)}`;
  return {
    row: selectSummaries(db).where(eq(places.id, id)).prepare(),
    ancestors: db
      .select({ id: places.id, name: places.name })
      .from(up)
      .innerJoin(places, sql`${places.id} = up.id`)
      .orderBy(sql`up.depth`)
      .prepare(),
    events: db
      .select({ id: events.id, title: events.title, start: events.start })
      .from(events)
      .where(inside)
      .orderBy(asc(events.startFirstDay), asc(events.id))
      .limit(EMBEDDED_MAX + 1)
      .prepare(),
  };
});

/** The list's sorts, on either backend (run.ts, run.pg.ts). */
export const PLACES_LIST = {
  kind: 'place',
  sorts: { name: places.name, id: places.id },
  defaultSort: 'name',
} satisfies Pick<ListSpec, 'kind' | 'sorts' | 'defaultSort'>;

export function createPlacesRepository(db: Db) {
  return {
    list(query: PlaceListQuery): Page<PlaceSummary> {
      const result = runList<SummaryRow>(
        db,
        {
          ...PLACES_LIST,
          id: places.id,
          select: (extra) => selectSummaries(db, extra),
          ...listFilters(FILTERS, query),
        },
        query,
      );
      return listResponse(result, toSummary, {
        include: query.include,
        citationsOf: (ids) => citationsOf(db, 'place', ids),
      });
    },

    get(id: string): PlaceDetail | null {
      const row = queries(db).row.get({ id });
      if (!row) return null;
      const [children, childrenExtent] = childrenOf(db, id);
      const [eventList, eventsExtent] = capped(
        queries(db).events.all({ id }),
        () => countWhere(db, events, sql`${events.placeId} in ${subtreeOf(places, id)}`),
        `/v1/places/${id}/events`,
      );
      const [citationList, citationsExtent] = itemCitations(db, 'place', id);
      return {
        ...toSummary(row),
        ancestors: queries(db).ancestors.all({ id }),
        children,
        events: eventList.map((e) => ({ ...e, start: dateValue(e.start) })),
        citations: citationList,
        basis: basisOf(db, 'place', id),
        lists: { children: childrenExtent, events: eventsExtent, citations: citationsExtent },
      };
    },
  };
}
