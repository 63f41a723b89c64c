import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { organizations } from '../organizations/table.js';

export const people = sqliteTable(
  'people',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    aliases: text('aliases', { mode: 'json' }).$type<string[]>().notNull().default([]),
    countryId: text('country_id').references(() => organizations.id),
    description: text('description'),
  },
  (t) => [index('people_country_idx').on(t.countryId), index('people_name_idx').on(t.name)],
);
