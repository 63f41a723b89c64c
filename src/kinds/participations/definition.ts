/** Participations: who took part in an event (a person, an organization or a group) and how. */
import { eq, inArray, sql } from 'drizzle-orm';
import { defineKind } from '../../records/definition.js';
import { agentColumns, agentOf } from '../../records/fields.js';
import { eventsInPeriod } from '../events/definition.js';
import { events } from '../events/table.js';
import { organizations } from '../organizations/table.js';
import { people } from '../people/table.js';
import { ParticipationRecord } from './record.js';
import { participations } from './table.js';
import { participations as pgParticipations } from './table.pg.js';

export const participationsKind = defineKind({
  name: 'participations',
  singular: 'participation',
  tag: 'facts',
  resource: false,
  about: 'Who took part in an event, and how.',
  table: participations,
  pgTable: pgParticipations,
  record: ParticipationRecord,
  shape: ParticipationRecord,
  columns: { id: 'id', event: 'eventId', role: 'role' },
  derive: (r) => agentColumns(r.participant),
  read: (row) => ({ participant: agentOf(row) }),
  references: [
    { field: 'event', target: 'events', column: participations.eventId },
    {
      field: 'participant',
      agent: { person: participations.personId, organization: participations.organizationId },
    },
  ],
  triggerKept: [participations.eventStartFirstDay],
  csv: true,
  inPeriod: (from, to) =>
    inArray(
      participations.eventId,
      sql`(select ${events.id} from ${events} where ${eventsInPeriod(from, to) ?? sql`1`})`,
    ),
  label: (db, ids) =>
    db
      .select({
        id: participations.id,
        person: people.name,
        organization: organizations.name,
        group: participations.groupLabel,
        role: participations.role,
        event: events.title,
      })
      .from(participations)
      .innerJoin(events, eq(events.id, participations.eventId))
      .leftJoin(people, eq(people.id, participations.personId))
      .leftJoin(organizations, eq(organizations.id, participations.organizationId))
      .where(inArray(participations.id, ids))
      .all()
      .map((row) => ({
        id: row.id,
        label: `${row.person ?? row.organization ?? row.group ?? ''} ${row.role} ${row.event}`,
      })),
  example: { id: 'wreath-laying-kim-jong-un', patch: { role: 'led the ceremony' } },
});
