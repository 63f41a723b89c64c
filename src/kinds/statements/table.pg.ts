/** The PostgreSQL twin of table.ts (test/postgres/schema-parity.test.ts keeps them equal). */
import { sql } from 'drizzle-orm';
import { check, index, pgTable, text } from 'drizzle-orm/pg-core';
import { delegations } from '../delegations/table.pg.js';
import { events } from '../events/table.pg.js';
import { organizations } from '../organizations/table.pg.js';
import { people } from '../people/table.pg.js';
import { places } from '../places/table.pg.js';
import { STATEMENT_MODES } from './table.js';

export const statements = pgTable(
  'statements',
  {
    id: text('id').primaryKey(),
    speakerPersonId: text('speaker_person_id').references(() => people.id),
    speakerOrganizationId: text('speaker_organization_id').references(() => organizations.id),
    date: text('date'),
    dateFirstDay: text('date_first_day'),
    dateLastDay: text('date_last_day'),
    placeId: text('place_id').references(() => places.id),
    eventId: text('event_id').references(() => events.id),
    delegationId: text('delegation_id').references(() => delegations.id),
    kind: text('kind').notNull(),
    mode: text('mode', { enum: STATEMENT_MODES }).notNull(),
    text: text('text').notNull(),
  },
  (t) => [
    index('statements_date_idx').on(t.dateFirstDay, t.id, t.dateLastDay),
    index('statements_place_idx').on(t.placeId),
    // The date-order indexes, on an expression: src/db/sql/postgres/order-indexes.sql.
    // SQLite adds up booleans; PostgreSQL has no boolean + boolean, and num_nonnulls says it.
    check(
      'statements_one_speaker',
      sql`num_nonnulls(${t.speakerPersonId}, ${t.speakerOrganizationId}) = 1`,
    ),
  ],
);
