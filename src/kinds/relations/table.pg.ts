/** The PostgreSQL twin of table.ts (test/postgres/schema-parity.test.ts keeps them equal). */
import { index, pgTable, text } from 'drizzle-orm/pg-core';
import { people } from '../people/table.pg.js';

export const relations = pgTable(
  'relations',
  {
    id: text('id').primaryKey(),
    personId: text('person_id')
      .notNull()
      .references(() => people.id),
    relation: text('relation').notNull(),
    relatedPersonId: text('related_person_id')
      .notNull()
      .references(() => people.id),
  },
  (t) => [
    index('relations_person_idx').on(t.personId),
    index('relations_related_idx').on(t.relatedPersonId),
  ],
);
