/**
 * What `include=` adds to events, each fetched for a whole page in one query (never one per row).
 */
import { asc, eq, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/database.js';
import { inJsonList, jsonList, perConnection } from '../../db/prepared.js';
import { toAgent } from '../../query/agents.js';
import { dateValue } from '../../query/shapes.js';
import { citationsOf } from '../sources/citations.js';
import { eventNames, events, organizations, participations, people } from '../tables.js';
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

/** Participations `where` picks, by event then id. */
function participationRows(db: Db, where: SQL) {
  return db
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
    .where(where)
    .orderBy(asc(participations.eventId), asc(participations.id));
}

type ParticipationRow = ReturnType<ReturnType<typeof participationRows>['all']>[number];

const expansionQueries = perConnection((db) => ({
  participants: participationRows(db, inJsonList(participations.eventId, 'ids')).prepare(),
  names: db
    .select({ eventId: eventNames.eventId, name: eventNames.name, used_by: eventNames.usedBy })
    .from(eventNames)
    .where(inJsonList(eventNames.eventId, 'ids'))
    .orderBy(asc(eventNames.eventId), asc(eventNames.ordinal))
    .prepare(),
  parents: db
    .select({
      id: events.id,
      name: events.title,
      type: events.type,
      start: events.start,
      end: events.end,
    })
    .from(events)
    .where(inJsonList(events.id, 'ids'))
    .prepare(),
}));

/** Participants as an event shows them, each with its citations. */
function withCitations(db: Db, rows: ParticipationRow[]): Participant[] {
  const cited = citationsOf(
    db,
    'participation',
    rows.map((r) => r.id),
  );
  return rows.map((p) => ({
    id: p.id,
    participant: toAgent(p),
    role: p.role,
    citations: cited.get(p.id) ?? [],
  }));
}

export function participantsOf(db: Db, eventIds: string[]): Map<string, Participant[]> {
  if (eventIds.length === 0) return new Map();
  const rows = expansionQueries(db).participants.all({ ids: jsonList(eventIds) });
  // One citations query for the whole page, then grouped by event.
  const shown = withCitations(db, rows);
  const grouped = groupBy(
    rows.map((row, i) => ({ eventId: row.eventId, participant: shown[i] as Participant })),
    (r) => r.eventId,
  );
  return new Map([...grouped].map(([eventId, list]) => [eventId, list.map((r) => r.participant)]));
}

export function namesOf(db: Db, eventIds: string[]): Map<string, EventName[]> {
  if (eventIds.length === 0) return new Map();
  const rows = expansionQueries(db).names.all({ ids: jsonList(eventIds) });
  const grouped = groupBy(rows, (r) => r.eventId);
  return new Map(
    [...grouped].map(([id, list]) => [id, list.map(({ name, used_by }) => ({ name, used_by }))]),
  );
}

export function parentEventsOf(db: Db, ids: string[]) {
  if (ids.length === 0) return new Map();
  const rows = expansionQueries(db).parents.all({ ids: jsonList(ids) });
  return new Map(
    rows.map((r) => [
      r.id,
      { id: r.id, name: r.name, type: r.type, start: dateValue(r.start), end: dateValue(r.end) },
    ]),
  );
}
