/**
 * What `include=` adds to events, each fetched for a whole page in one query (never one per row).
 */
import { asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/database.js';
import {
  eventNames,
  events,
  organizations,
  participations,
  people,
} from '../../db/schema/index.js';
import { toAgent } from '../agents.js';
import { citationsOf } from '../citations/repository.js';
import { dateValue } from '../shared.js';
import type { EventDetail } from './schemas.js';

type Participant = EventDetail['participants'][number];
type EventName = EventDetail['names'][number];

function groupBy<T, K>(rows: T[], key: (row: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = groups.get(k);
    if (list) list.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}

export function participantsOf(db: Db, eventIds: string[]): Map<string, Participant[]> {
  if (eventIds.length === 0) return new Map();
  const rows = db
    .select({
      id: participations.id,
      eventId: participations.eventId,
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
    .where(inArray(participations.eventId, eventIds))
    .orderBy(asc(participations.eventId), asc(participations.id))
    .all();
  const cited = citationsOf(
    db,
    'participation',
    rows.map((r) => r.id),
  );
  const grouped = groupBy(rows, (r) => r.eventId);
  return new Map(
    [...grouped].map(([eventId, list]) => [
      eventId,
      list.map((p) => ({
        id: p.id,
        participant: toAgent(p),
        role: p.role,
        citations: cited.get(p.id) ?? [],
      })),
    ]),
  );
}

export function namesOf(db: Db, eventIds: string[]): Map<string, EventName[]> {
  if (eventIds.length === 0) return new Map();
  const rows = db
    .select({ eventId: eventNames.eventId, name: eventNames.name, used_by: eventNames.usedBy })
    .from(eventNames)
    .where(inArray(eventNames.eventId, eventIds))
    .orderBy(asc(eventNames.eventId), asc(eventNames.ordinal))
    .all();
  const grouped = groupBy(rows, (r) => r.eventId);
  return new Map(
    [...grouped].map(([id, list]) => [id, list.map(({ name, used_by }) => ({ name, used_by }))]),
  );
}

export function parentEventsOf(db: Db, ids: string[]) {
  if (ids.length === 0) return new Map();
  const rows = db
    .select({
      id: events.id,
      name: events.title,
      type: events.type,
      start: events.start,
      end: events.end,
    })
    .from(events)
    .where(inArray(events.id, ids))
    .all();
  return new Map(
    rows.map((r) => [
      r.id,
      { id: r.id, name: r.name, type: r.type, start: dateValue(r.start), end: dateValue(r.end) },
    ]),
  );
}
