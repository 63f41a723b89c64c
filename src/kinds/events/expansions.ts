/**
 * What `include=` adds to events, each fetched for a whole page in one query (never one per row).
 */
import { asc, eq, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/database.js';
import { inJsonList, jsonList, perConnection } from '../../db/prepared.js';
import { toAgent } from '../../query/agents.js';
import { capped, countWhere } from '../../query/embedded.js';
import { CITATIONS_MAX, dateValue, EMBEDDED_MAX, type EmbeddedList } from '../../query/shapes.js';
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

const eventId = sql.placeholder('eventId');

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
  // One event's lists, one more than an item shows.
  participantsOfEvent: participationRows(db, eq(participations.eventId, eventId))
    .limit(EMBEDDED_MAX + 1)
    .prepare(),
  namesOfEvent: db
    .select({ name: eventNames.name, used_by: eventNames.usedBy })
    .from(eventNames)
    .where(eq(eventNames.eventId, eventId))
    .orderBy(asc(eventNames.ordinal))
    .limit(EMBEDDED_MAX + 1)
    .prepare(),
}));

/** Participants as an event shows them, each with its citations (the first `citationsMax`). */
function withCitations(db: Db, rows: ParticipationRow[], citationsMax?: number): Participant[] {
  const cited = citationsOf(
    db,
    'participation',
    rows.map((r) => r.id),
    citationsMax,
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

/** The first participants of one event, as an item embeds them, and how many there are. */
export function eventParticipants(db: Db, eventId: string): [Participant[], EmbeddedList] {
  const rows = expansionQueries(db).participantsOfEvent.all({ eventId });
  const countAll = () => countWhere(db, participations, eq(participations.eventId, eventId));
  const [shown, extent] = capped(rows, countAll, null);
  return [withCitations(db, shown, CITATIONS_MAX), extent];
}

export function namesOf(db: Db, eventIds: string[]): Map<string, EventName[]> {
  if (eventIds.length === 0) return new Map();
  const rows = expansionQueries(db).names.all({ ids: jsonList(eventIds) });
  const grouped = groupBy(rows, (r) => r.eventId);
  return new Map(
    [...grouped].map(([id, list]) => [id, list.map(({ name, used_by }) => ({ name, used_by }))]),
  );
}

/** The first names others give one event, in their order, and how many there are. */
export function eventNamesOf(db: Db, eventId: string): [EventName[], EmbeddedList] {
  const rows = expansionQueries(db).namesOfEvent.all({ eventId });
  return capped(rows, () => countWhere(db, eventNames, eq(eventNames.eventId, eventId)), null);
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
