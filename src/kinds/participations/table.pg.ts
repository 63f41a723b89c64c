/** The PostgreSQL twin of table.ts (test/postgres/schema-parity.test.ts keeps them equal). */
import { sql } from 'drizzle-orm';
import { check, index, pgTable, text } from 'drizzle-orm/pg-core';
import { events } from '../events/table.pg.js';
import { organizations } from '../organizations/table.pg.js';
import { people } from '../people/table.pg.js';

export const participations = pgTable(
  'participations',
  {
    id: text('id').primaryKey(),
    eventId: text('event_id')
      .notNull()
      .references(() => events.id),
    personId: text('person_id').references(() => people.id),
    organizationId: text('organization_id').references(() => organizations.id),
    groupLabel: text('group_label'),
    role: text('role').notNull(),
    /** Kept by the triggers of src/db/sql/postgres/participation-start.sql, as on SQLite. */
    eventStartFirstDay: text('event_start_first_day'),
  },
  (t) => [
    index('participations_event_idx').on(t.eventId),
    index('participations_person_start_idx')
      .on(t.personId, t.eventStartFirstDay, t.eventId, t.id)
      .where(sql`${t.personId} is not null`),
    index('participations_organization_start_idx')
      .on(t.organizationId, t.eventStartFirstDay, t.eventId, t.id)
      .where(sql`${t.organizationId} is not null`),
    // SQLite adds up booleans; PostgreSQL has no boolean + boolean, and num_nonnulls says it.
    check(
      'participations_one_participant',
      sql`num_nonnulls(${t.personId}, ${t.organizationId}, ${t.groupLabel}) = 1`,
    ),
  ],
);
