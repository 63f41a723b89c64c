/** The PostgreSQL twin of table.ts (test/postgres/schema-parity.test.ts keeps them equal). */
import { sql } from 'drizzle-orm';
import { index, pgTable, text } from 'drizzle-orm/pg-core';
import { jsonText } from '../../db/pg-columns.js';
import { organizations } from '../organizations/table.pg.js';

export const people = pgTable(
  'people',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    // A default in SQL, as SQLite's '[]': drizzle-kit would write a JS array as '{}'.
    aliases: jsonText<string[]>('aliases').notNull().default(sql`'[]'`),
    countryId: text('country_id').references(() => organizations.id),
    description: text('description'),
  },
  (t) => [index('people_country_idx').on(t.countryId), index('people_name_idx').on(t.name)],
);
