/** The PostgreSQL twin of table.ts (test/postgres/schema-parity.test.ts keeps them equal). */
import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { EVENT_STATUSES } from '../events/table.js';
import { events } from '../events/table.pg.js';
import { organizations } from '../organizations/table.pg.js';
import { people } from '../people/table.pg.js';
import { places } from '../places/table.pg.js';

export const delegations = pgTable(
  'delegations',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    leaderId: text('leader_id').references(() => people.id),
    senderId: text('sender_id').references(() => organizations.id),
    destinationId: text('destination_id').references(() => places.id),
    eventId: text('event_id').references(() => events.id),
    arrival: text('arrival'),
    arrivalFirstDay: text('arrival_first_day'),
    arrivalLastDay: text('arrival_last_day'),
    arrivalPlaceId: text('arrival_place_id').references(() => places.id),
    purpose: text('purpose'),
    status: text('status', { enum: EVENT_STATUSES }).notNull().default('held'),
  },
  (t) => [
    index('delegations_name_idx').on(t.name, t.id),
    index('delegations_leader_name_idx').on(t.leaderId, t.name, t.id),
    index('delegations_sender_name_idx').on(t.senderId, t.name, t.id),
    index('delegations_event_name_idx').on(t.eventId, t.name, t.id),
    index('delegations_status_name_idx').on(t.status, t.name, t.id),
    index('delegations_destination_idx').on(t.destinationId),
    index('delegations_arrival_idx').on(t.arrivalFirstDay),
    index('delegations_arrival_place_idx').on(t.arrivalPlaceId),
    // delegations_arrival_order_idx, on an expression: src/db/sql/postgres/order-indexes.sql.
  ],
);

export const delegationMembers = pgTable(
  'delegation_members',
  {
    delegationId: text('delegation_id')
      .notNull()
      .references(() => delegations.id, { onDelete: 'cascade' }),
    personId: text('person_id')
      .notNull()
      .references(() => people.id),
    role: text('role'),
    ordinal: integer('ordinal').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.delegationId, t.ordinal] }),
    uniqueIndex('delegation_members_delegation_person_idx').on(t.delegationId, t.personId),
    index('delegation_members_person_idx').on(t.personId),
  ],
);

export const delegationReceivers = pgTable(
  'delegation_receivers',
  {
    delegationId: text('delegation_id')
      .notNull()
      .references(() => delegations.id, { onDelete: 'cascade' }),
    ordinal: integer('ordinal').notNull(),
    personId: text('person_id').references(() => people.id),
    organizationId: text('organization_id').references(() => organizations.id),
    groupLabel: text('group_label'),
    role: text('role').notNull(),
    placeId: text('place_id').references(() => places.id),
  },
  (t) => [
    primaryKey({ columns: [t.delegationId, t.ordinal] }),
    index('delegation_receivers_person_idx').on(t.personId),
    index('delegation_receivers_organization_idx').on(t.organizationId),
    index('delegation_receivers_place_idx').on(t.placeId),
    // SQLite adds up booleans; PostgreSQL has no boolean + boolean, and num_nonnulls says it.
    check(
      'delegation_receivers_one_receiver',
      sql`num_nonnulls(${t.personId}, ${t.organizationId}, ${t.groupLabel}) = 1`,
    ),
  ],
);
