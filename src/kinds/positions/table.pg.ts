/** The PostgreSQL twin of table.ts (test/postgres/schema-parity.test.ts keeps them equal). */
import { index, pgTable, text } from 'drizzle-orm/pg-core';
import { organizations } from '../organizations/table.pg.js';
import { people } from '../people/table.pg.js';

export const positions = pgTable(
  'positions',
  {
    id: text('id').primaryKey(),
    personId: text('person_id')
      .notNull()
      .references(() => people.id),
    organizationId: text('organization_id').references(() => organizations.id),
    title: text('title').notNull(),
    start: text('start'),
    end: text('end'),
    asOf: text('as_of'),
  },
  (t) => [
    index('positions_person_idx').on(t.personId, t.start, t.id),
    index('positions_organization_idx').on(t.organizationId, t.personId),
  ],
);
