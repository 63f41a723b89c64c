/**
 * The events list on PostgreSQL (src/query/list/run.pg.ts): the same filters, sorts and rows as
 * repository.ts reads on SQLite, shaped by the same toSummary.
 */
import { eq, type SQL, sql } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { alias } from 'drizzle-orm/pg-core';
import type pg from 'pg';
import { dayRangeOf, firstDay } from '../../domain/partial-date.js';
import { postgresRead } from '../../http/reads/postgres-read.js';
import { runListPostgres } from '../../query/list/run.pg.js';
import type { Page } from '../../query/shapes.js';
import { placeSummariesPostgres } from '../places/item.pg.js';
import { citationsOfPostgres } from '../sources/citations.pg.js';
import { eventNames, events, places } from '../tables.pg.js';
import {
  namesOfPostgres,
  parentEventsOfPostgres,
  participantsOfPostgres,
} from './expansions.pg.js';
import { eventsReads } from './reads.js';
import {
  EVENTS_LIST,
  eventFilters,
  expanded,
  expansionIds,
  type SummaryRow,
  toSummary,
} from './repository.js';
import type { EventInclude, EventListQuery, EventSummary } from './schemas.js';
import { spanClassRanges } from './span-classes.js';

const parent = alias(events, 'parent');

/**
 * The name `namesBy` gives the event and who that is as stored, as a JSON pair (toSummary reads
 * it), or null. SQLite compares the names with `collate nocase`, which folds ASCII letters only,
 * as lower() does under the "C" collation.
 */
function nameBy(namesBy: string | undefined): SQL<string | null> {
  if (!namesBy) return sql<null>`null`;
  return sql<string | null>`(select json_build_array(${eventNames.name}, ${eventNames.usedBy})::text
    from ${eventNames}
    where ${eventNames.eventId} = ${events.id}
      and lower(${eventNames.usedBy}) = lower(${namesBy} collate "C")
    order by ${eventNames.ordinal} limit 1)`;
}

const selectEvents = (db: NodePgDatabase, namesBy: string | undefined, extra: object) =>
  db
    .select({
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
      ...extra,
    })
    .from(events)
    .leftJoin(places, eq(places.id, events.placeId))
    .leftJoin(parent, eq(parent.id, events.parentId));

/** Adds what `include=` asks for to a page of events, as repository.ts's expand does. */
async function expand(
  client: pg.PoolClient,
  rows: SummaryRow[],
  items: EventSummary[],
  include: EventInclude[],
) {
  const { ids, placeIds, parentIds } = expansionIds(rows);
  const wanted = new Set(include);
  return expanded(rows, items, {
    placeById: wanted.has('place') ? await placeSummariesPostgres(client, placeIds) : undefined,
    parentById: wanted.has('parent') ? await parentEventsOfPostgres(client, parentIds) : undefined,
    names: wanted.has('names') ? await namesOfPostgres(client, ids) : undefined,
    participants: wanted.has('participants')
      ? await participantsOfPostgres(client, ids)
      : undefined,
    cited: wanted.has('citations') ? await citationsOfPostgres(client, 'event', ids) : undefined,
  });
}

export async function listEventsPostgres(
  client: pg.PoolClient,
  query: EventListQuery,
): Promise<Page<EventSummary>> {
  const result = await runListPostgres<SummaryRow>(
    client,
    {
      ...EVENTS_LIST,
      id: events.id,
      select: (db, extra) => selectEvents(db, query.names_by, extra),
      ...eventFilters(query),
      ...(query.from ? { parts: spanClassRanges(firstDay(query.from)) } : {}),
    },
    query,
  );
  const range = dayRangeOf(query.from, query.to);
  const items = result.rows.map((row) => toSummary(row, range));
  return {
    data: query.include ? await expand(client, result.rows, items, query.include) : items,
    next_cursor: result.nextCursor,
    ...(result.total === undefined ? {} : { total: result.total }),
  };
}

export const eventsListReadsPostgres = [
  postgresRead(eventsReads.list, (client, query) => listEventsPostgres(client, query)),
];
