/**
 * What `include=` adds to a page of events, read on PostgreSQL (expansions.ts reads it on
 * SQLite): one query per relation for the whole page, in the same orders (names by event then
 * ordinal, participants by event then id), shaped alike.
 */
import { toAgent } from '../../query/agents.js';
import { type PgClient, rowsOf } from '../../query/embedded.pg.js';
import { dateValue } from '../../query/shapes.js';
import { citationsOfPostgres } from '../sources/citations.pg.js';
import type { EventDetail } from './schemas.js';

type Participant = EventDetail['participants'][number];
type EventName = EventDetail['names'][number];

/** Rows grouped by their event, in the rows' order. */
function byEvent<T extends { eventId: string }, U>(rows: T[], shape: (row: T) => U) {
  const groups = new Map<string, U[]>();
  for (const row of rows) groups.set(row.eventId, [...(groups.get(row.eventId) ?? []), shape(row)]);
  return groups;
}

export async function namesOfPostgres(
  client: PgClient,
  eventIds: string[],
): Promise<Map<string, EventName[]>> {
  if (eventIds.length === 0) return new Map();
  const rows = await rowsOf<{ eventId: string; name: string; used_by: string }>(
    client,
    `select event_id as "eventId", name, used_by from event_names
      where event_id = any($1::text[]) order by event_id, ordinal`,
    [eventIds],
  );
  return byEvent(rows, ({ name, used_by }) => ({ name, used_by }));
}

interface ParticipationRow {
  id: string;
  eventId: string;
  role: string;
  personId: string | null;
  personName: string | null;
  organizationId: string | null;
  organizationName: string | null;
  groupLabel: string | null;
}

export async function participantsOfPostgres(
  client: PgClient,
  eventIds: string[],
): Promise<Map<string, Participant[]>> {
  if (eventIds.length === 0) return new Map();
  const rows = await rowsOf<ParticipationRow>(
    client,
    `select p.id, p.event_id as "eventId", p.role, p.person_id as "personId",
        pe.name as "personName", p.organization_id as "organizationId",
        o.name as "organizationName", p.group_label as "groupLabel"
      from participations p
      left join people pe on pe.id = p.person_id
      left join organizations o on o.id = p.organization_id
      where p.event_id = any($1::text[]) order by p.event_id, p.id`,
    [eventIds],
  );
  // One citations query for the whole page, as on SQLite.
  const cited = await citationsOfPostgres(
    client,
    'participation',
    rows.map((row) => row.id),
  );
  return byEvent(rows, (row) => ({
    id: row.id,
    participant: toAgent(row),
    role: row.role,
    citations: cited.get(row.id) ?? [],
  }));
}

export async function parentEventsOfPostgres(client: PgClient, ids: string[]) {
  if (ids.length === 0) return new Map();
  const rows = await rowsOf<{
    id: string;
    name: string;
    type: string;
    start: string;
    end: string | null;
  }>(
    client,
    'select id, title as name, type, start, "end" from events where id = any($1::text[])',
    [ids],
  );
  return new Map(
    rows.map((r) => [
      r.id,
      { id: r.id, name: r.name, type: r.type, start: dateValue(r.start), end: dateValue(r.end) },
    ]),
  );
}
