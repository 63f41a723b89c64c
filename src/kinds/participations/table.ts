import { sql } from 'drizzle-orm';
import { check, index, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { events } from '../events/table.js';
import { organizations } from '../organizations/table.js';
import { people } from '../people/table.js';

/** Who took part in an event and how: a person, an organization, or an unnamed group. */
export const participations = sqliteTable(
  'participations',
  {
    id: text('id').primaryKey(),
    eventId: text('event_id')
      .notNull()
      .references(() => events.id),
    personId: text('person_id').references(() => people.id),
    organizationId: text('organization_id').references(() => organizations.id),
    /** An unnamed participant, as the source names it: "senior officials". */
    groupLabel: text('group_label'),
    /** laid the wreath, accompanied, honoured, fought, ... */
    role: text('role').notNull(),
    /**
     * The event's `start_first_day`, copied by triggers (migration 0009) so that a party's events
     * by start are one index range read in order; NULL only while an import has written the
     * participation and not yet its event. Never written by the app, never in a bundle.
     */
    eventStartFirstDay: text('event_start_first_day'),
  },
  (t) => [
    index('participations_event_idx').on(t.eventId),
    // A party's events by start, then event, then participation: the order its lists promise.
    // Partial, so that each holds only its own party's rows (an `= ?` on the column implies
    // NOT NULL, so SQLite uses them) and a write touches one of them, not both.
    index('participations_person_start_idx')
      .on(t.personId, t.eventStartFirstDay, t.eventId, t.id)
      .where(sql`${t.personId} is not null`),
    index('participations_organization_start_idx')
      .on(t.organizationId, t.eventStartFirstDay, t.eventId, t.id)
      .where(sql`${t.organizationId} is not null`),
    check(
      'participations_one_participant',
      sql`(${t.personId} is not null) + (${t.organizationId} is not null) + (${t.groupLabel} is not null) = 1`,
    ),
  ],
);
