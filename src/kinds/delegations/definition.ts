/** Delegations: who was sent, by whom, where and when, and who received them. */
import { and, gte, inArray, lte } from 'drizzle-orm';
import { firstDay, lastDay } from '../../domain/partial-date.js';
import { defineKind } from '../../records/definition.js';
import { agentColumns, agentOf } from '../../records/fields.js';
import { DelegationRecord } from './record.js';
import { delegationMembers, delegationReceivers, delegations } from './table.js';
import {
  delegationMembers as pgDelegationMembers,
  delegationReceivers as pgDelegationReceivers,
  delegations as pgDelegations,
} from './table.pg.js';

export const delegationsKind = defineKind({
  name: 'delegations',
  singular: 'delegation',
  tag: 'delegations',
  resource: true,
  about: 'Delegations: who led them, who received them.',
  table: delegations,
  pgTable: pgDelegations,
  record: DelegationRecord,
  shape: DelegationRecord,
  columns: {
    id: 'id',
    name: 'name',
    leader: 'leaderId',
    sender: 'senderId',
    destination: 'destinationId',
    event: 'eventId',
    arrival: 'arrival',
    status: 'status',
    arrival_place: 'arrivalPlaceId',
    purpose: 'purpose',
  },
  derive: (r) => ({
    arrivalFirstDay: r.arrival ? firstDay(r.arrival) : null,
    arrivalLastDay: r.arrival ? lastDay(r.arrival) : null,
  }),
  lists: [
    {
      field: 'members',
      table: delegationMembers,
      pgTable: pgDelegationMembers,
      owner: delegationMembers.delegationId,
      order: delegationMembers.ordinal,
      toRows: (r) =>
        r.members.map((m, ordinal) => ({ ordinal, personId: m.person, role: m.role ?? null })),
      fromRow: (m) => ({ person: m.personId, role: m.role }),
    },
    {
      field: 'receivers',
      table: delegationReceivers,
      pgTable: pgDelegationReceivers,
      owner: delegationReceivers.delegationId,
      order: delegationReceivers.ordinal,
      toRows: (r) =>
        r.receivers.map((m, ordinal) => ({
          ordinal,
          ...agentColumns(m.receiver),
          role: m.role,
          placeId: m.place ?? null,
        })),
      fromRow: (m) => ({ receiver: agentOf(m), role: m.role, place: m.placeId }),
    },
  ],
  references: [
    { field: 'leader', target: 'people', column: delegations.leaderId },
    { field: 'sender', target: 'organizations', column: delegations.senderId },
    { field: 'destination', target: 'places', column: delegations.destinationId },
    { field: 'event', target: 'events', column: delegations.eventId },
    { field: 'arrival_place', target: 'places', column: delegations.arrivalPlaceId },
    {
      list: 'members',
      owner: delegationMembers.delegationId,
      entries: [{ field: 'person', target: 'people', column: delegationMembers.personId }],
    },
    {
      list: 'receivers',
      owner: delegationReceivers.delegationId,
      entries: [
        {
          field: 'receiver',
          agent: {
            person: delegationReceivers.personId,
            organization: delegationReceivers.organizationId,
          },
        },
        { field: 'place', target: 'places', column: delegationReceivers.placeId },
      ],
    },
  ],
  csv: true,
  inPeriod: (from, to) =>
    and(
      // Arrivals that may fall in the period: a week's arrival may be on any of its days.
      from ? gte(delegations.arrivalLastDay, firstDay(from)) : undefined,
      to ? lte(delegations.arrivalFirstDay, lastDay(to)) : undefined,
    ),
  label: (db, ids) =>
    db
      .select({ id: delegations.id, label: delegations.name })
      .from(delegations)
      .where(inArray(delegations.id, ids))
      .all(),
  example: {
    id: 'sergei-shoigu-delegation-pyongyang-2023',
    patch: { purpose: null, arrival_place: 'pyongyang-international-airport' },
  },
});
