import { and, asc, eq, gte, lte, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../db/database.js';
import {
  eventNames,
  events,
  organizations,
  participations,
  people,
  places,
} from '../../db/schema/index.js';
import { firstDay, lastDay } from '../../domain/partial-date.js';
import { ref, toAgent } from '../agents.js';
import { citationsOf } from '../citations/repository.js';
import {
  afterCursor,
  containsPattern,
  decodeCursor,
  orderFor,
  type Sort,
  toPage,
} from '../pagination.js';
import { placeAndDescendants } from '../places/subtree.js';
import { dateValue, type Page } from '../shared.js';
import type { EventDetail, EventListQuery, EventSummary } from './schemas.js';

const parent = alias(events, 'parent');
const DEFAULT_SORT: Sort = { name: 'start', column: events.startFirstDay, direction: 'asc' };

const summaryColumns = {
  id: events.id,
  type: events.type,
  title: events.title,
  summary: events.summary,
  start: events.start,
  end: events.end,
  startFirstDay: events.startFirstDay,
  placeId: events.placeId,
  placeName: places.name,
  parentId: events.parentId,
  parentTitle: parent.title,
  commemoratesId: events.commemoratesId,
};

type SummaryRow = {
  id: string;
  type: string;
  title: string;
  summary: string | null;
  start: string;
  end: string | null;
  placeId: string | null;
  placeName: string | null;
  parentId: string | null;
  parentTitle: string | null;
};

function toSummary(row: SummaryRow): EventSummary {
  return {
    id: row.id,
    type: row.type,
    title: row.title,
    summary: row.summary,
    start: dateValue(row.start),
    end: dateValue(row.end),
    place: ref(row.placeId, row.placeName),
    parent: ref(row.parentId, row.parentTitle),
  };
}

function filtersOf(query: EventListQuery): SQL[] {
  const conditions: SQL[] = [];
  // Spans overlap the range when the event ends after the range starts and starts before it ends.
  if (query.from) conditions.push(gte(events.endLastDay, firstDay(query.from)));
  if (query.to) conditions.push(lte(events.startFirstDay, lastDay(query.to)));
  if (query.type) conditions.push(eq(events.type, query.type));
  if (query.place) conditions.push(sql`${events.placeId} in ${placeAndDescendants(query.place)}`);
  if (query.participant) {
    conditions.push(
      sql`${events.id} in (select ${participations.eventId} from ${participations}
        where ${participations.personId} = ${query.participant}
           or ${participations.organizationId} = ${query.participant})`,
    );
  }
  if (query.q) {
    const pattern = containsPattern(query.q);
    const named = or(
      sql`${events.title} like ${pattern} escape '\\'`,
      sql`exists (select 1 from ${eventNames} where ${eventNames.eventId} = ${events.id}
          and ${eventNames.name} like ${pattern} escape '\\')`,
    );
    if (named) conditions.push(named);
  }
  return conditions;
}

export function createEventsRepository(db: Db) {
  const baseSelect = () =>
    db
      .select(summaryColumns)
      .from(events)
      .leftJoin(places, eq(places.id, events.placeId))
      .leftJoin(parent, eq(parent.id, events.parentId));

  return {
    list(query: EventListQuery): Page<EventSummary> {
      const sort = DEFAULT_SORT;
      const cursor = query.cursor ? decodeCursor(query.cursor, sort.name) : undefined;
      const rows = baseSelect()
        .where(and(...filtersOf(query), afterCursor(sort, events.id, cursor)))
        .orderBy(...orderFor(sort, events.id))
        .limit(query.limit + 1)
        .all();
      const page = toPage(rows, query.limit, sort, (row) => [row.startFirstDay, row.id]);
      return { data: page.rows.map(toSummary), next_cursor: page.nextCursor };
    },

    get(id: string): EventDetail | null {
      const row = baseSelect().where(eq(events.id, id)).get();
      if (!row) return null;
      const commemorated = row.commemoratesId
        ? db
            .select({ id: events.id, name: events.title })
            .from(events)
            .where(eq(events.id, row.commemoratesId))
            .get()
        : undefined;
      const names = db
        .select({ name: eventNames.name, used_by: eventNames.usedBy })
        .from(eventNames)
        .where(eq(eventNames.eventId, id))
        .orderBy(asc(eventNames.ordinal))
        .all();
      const participantRows = db
        .select({
          id: participations.id,
          role: participations.role,
          personId: participations.personId,
          personName: people.name,
          organizationId: participations.organizationId,
          organizationName: organizations.name,
          groupLabel: participations.groupLabel,
        })
        .from(participations)
        .leftJoin(people, eq(people.id, participations.personId))
        .leftJoin(organizations, eq(organizations.id, participations.organizationId))
        .where(eq(participations.eventId, id))
        .orderBy(asc(participations.id))
        .all();
      const participationCitations = citationsOf(
        db,
        'participation',
        participantRows.map((p) => p.id),
      );
      const children = db
        .select({ id: events.id, name: events.title })
        .from(events)
        .where(eq(events.parentId, id))
        .orderBy(asc(events.startFirstDay), asc(events.id))
        .all();
      return {
        ...toSummary(row),
        commemorates: commemorated ?? null,
        names,
        participants: participantRows.map((p) => ({
          id: p.id,
          participant: toAgent(p),
          role: p.role,
          citations: participationCitations.get(p.id) ?? [],
        })),
        children,
        citations: citationsOf(db, 'event', [id]).get(id) ?? [],
      };
    },
  };
}

export type EventsRepository = ReturnType<typeof createEventsRepository>;
