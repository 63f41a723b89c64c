import { asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../db/database.js';
import { events, places } from '../../db/schema/index.js';
import { ref } from '../agents.js';
import { itemCitations } from '../citations/repository.js';
import { capped, cappedChildren, countWhere } from '../embedded.js';
import { pageFrom, runList } from '../list-query.js';
import { dateValue, EMBEDDED_MAX, type Page, type Ref } from '../shared.js';
import type { PlaceDetail, PlaceListQuery, PlaceSummary } from './schemas.js';
import { placeAndDescendants } from './subtree.js';

/** Deeper than any real nesting; stops the walk up should parent_id ever form a cycle. */
const MAX_DEPTH = 64;
const parent = alias(places, 'parent');

const summaryColumns = {
  id: places.id,
  name: places.name,
  type: places.type,
  aliases: places.aliases,
  parentId: places.parentId,
  parentName: parent.name,
};

type SummaryRow = {
  id: string;
  name: string;
  type: string;
  aliases: string[];
  parentId: string | null;
  parentName: string | null;
};

function toSummary(row: SummaryRow): PlaceSummary {
  return {
    id: row.id,
    name: row.name,
    type: row.type,
    aliases: row.aliases,
    parent: ref(row.parentId, row.parentName),
  };
}

function filtersOf(query: PlaceListQuery): SQL[] {
  const conditions: SQL[] = [];
  if (query.type) conditions.push(eq(places.type, query.type));
  if (query.within) {
    conditions.push(
      sql`${places.id} in ${placeAndDescendants(query.within)} and ${places.id} <> ${query.within}`,
    );
  }
  return conditions;
}

const selectSummaries = (db: Db, extra = {}) =>
  db
    .select({ ...summaryColumns, ...extra })
    .from(places)
    .leftJoin(parent, eq(parent.id, places.parentId));

/** Places by id in one query, for resources that expand a place (`include=place`). */
export function placeSummariesOf(db: Db, ids: string[]): Map<string, PlaceSummary> {
  if (ids.length === 0) return new Map();
  const rows = selectSummaries(db).where(inArray(places.id, ids)).all();
  return new Map(rows.map((row) => [row.id, toSummary(row)]));
}

export function createPlacesRepository(db: Db) {
  const baseSelect = () => selectSummaries(db);

  function ancestorsOf(id: string): Ref[] {
    return db.all<Ref>(sql`with recursive up(id, depth) as (
        select ${places.parentId}, 1 from ${places} where ${places.id} = ${id}
        union all
        select ${places.parentId}, up.depth + 1 from ${places} join up on ${places.id} = up.id
          where up.depth < ${MAX_DEPTH}
      )
      select ${places.id} as id, ${places.name} as name
      from up join ${places} on ${places.id} = up.id
      order by up.depth`);
  }

  return {
    list(query: PlaceListQuery): Page<PlaceSummary> {
      const result = runList<SummaryRow>(
        db,
        {
          kind: 'place',
          id: places.id,
          sorts: { name: places.name, id: places.id },
          defaultSort: 'name',
          select: (extra) => selectSummaries(db, extra),
          filters: filtersOf(query),
        },
        query,
      );
      return pageFrom(result, toSummary, { db, kind: 'place', include: query.include });
    },

    get(id: string): PlaceDetail | null {
      const row = baseSelect().where(eq(places.id, id)).get();
      if (!row) return null;
      const [children, childrenExtent] = cappedChildren(db, places, id);
      const inside = sql`${events.placeId} in ${placeAndDescendants(id)}`;
      const eventRows = db
        .select({ id: events.id, title: events.title, start: events.start })
        .from(events)
        .where(inside)
        .orderBy(asc(events.startFirstDay), asc(events.id))
        .limit(EMBEDDED_MAX + 1)
        .all();
      const [eventList, eventsExtent] = capped(
        eventRows,
        () => countWhere(db, events, inside),
        `/v1/places/${id}/events`,
      );
      const [citationList, citationsExtent] = itemCitations(db, 'place', id);
      return {
        ...toSummary(row),
        ancestors: ancestorsOf(id),
        children,
        events: eventList.map((e) => ({ ...e, start: dateValue(e.start) })),
        citations: citationList,
        lists: { children: childrenExtent, events: eventsExtent, citations: citationsExtent },
      };
    },
  };
}

export type PlacesRepository = ReturnType<typeof createPlacesRepository>;
