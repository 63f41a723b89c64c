import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';
import { EVENT_STATUSES, events } from '../events/table.js';
import { organizations } from '../organizations/table.js';
import { people } from '../people/table.js';
import { places } from '../places/table.js';

export const delegations = sqliteTable(
  'delegations',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    leaderId: text('leader_id').references(() => people.id),
    /** The state or body that sent it. */
    senderId: text('sender_id').references(() => organizations.id),
    destinationId: text('destination_id').references(() => places.id),
    /** The event it came to attend, when the source says so. */
    eventId: text('event_id').references(() => events.id),
    /** Partial ISO date of arrival, null when not (yet) known. */
    arrival: text('arrival'),
    arrivalFirstDay: text('arrival_first_day'),
    /** The last day `arrival` can mean (a week's Sunday, one more day for `2023-07-25~`). */
    arrivalLastDay: text('arrival_last_day'),
    arrivalPlaceId: text('arrival_place_id').references(() => places.id),
    /** The purpose as stated, attributed in its wording: "to attend commemorative activities". */
    purpose: text('purpose'),
    /** announced, scheduled, held or cancelled, as of its source: "will lead" is announced. */
    status: text('status', { enum: EVENT_STATUSES }).notNull().default('held'),
  },
  (t) => [
    // A filter value, then the list's order (name, id): a page is one index range, read in order.
    index('delegations_name_idx').on(t.name, t.id),
    index('delegations_leader_name_idx').on(t.leaderId, t.name, t.id),
    index('delegations_sender_name_idx').on(t.senderId, t.name, t.id),
    index('delegations_event_name_idx').on(t.eventId, t.name, t.id),
    index('delegations_status_name_idx').on(t.status, t.name, t.id),
    index('delegations_destination_idx').on(t.destinationId),
    index('delegations_arrival_idx').on(t.arrivalFirstDay),
    index('delegations_arrival_place_idx').on(t.arrivalPlaceId),
    // delegations_arrival_order_idx, on coalesce(arrival_first_day, '9999-99-99'), is created in
    // migrations/0007_list_order_indexes.sql: drizzle-kit garbles expressions with commas.
  ],
);

export const delegationMembers = sqliteTable(
  'delegation_members',
  {
    delegationId: text('delegation_id')
      .notNull()
      .references(() => delegations.id, { onDelete: 'cascade' }),
    personId: text('person_id')
      .notNull()
      .references(() => people.id),
    role: text('role'),
    /**
     * The member's place in the record's list, the bundle's order, which every read keeps. Last:
     * added after the others, and PostgreSQL's twin can only add a column at the end.
     */
    ordinal: integer('ordinal').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.delegationId, t.ordinal] }),
    // A person is a delegation's member once.
    uniqueIndex('delegation_members_delegation_person_idx').on(t.delegationId, t.personId),
    index('delegation_members_person_idx').on(t.personId),
  ],
);

/** Who received a delegation: Kang Sun-nam greeted Shoigu's at Pyongyang International Airport. */
export const delegationReceivers = sqliteTable(
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
    check(
      'delegation_receivers_one_receiver',
      sql`(${t.personId} is not null) + (${t.organizationId} is not null) + (${t.groupLabel} is not null) = 1`,
    ),
  ],
);
