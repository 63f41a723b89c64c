import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { people } from '../people/table.js';

/** A relation between two people, read "person relation relatedPerson": "eldest son of". */
export const relations = sqliteTable(
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
