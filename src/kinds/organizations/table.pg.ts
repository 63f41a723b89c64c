/** The PostgreSQL twin of table.ts (test/postgres/schema-parity.test.ts keeps them equal). */
import { sql } from 'drizzle-orm';
import { type AnyPgColumn, index, pgTable, text } from 'drizzle-orm/pg-core';
import { jsonText } from '../../db/pg-columns.js';

export const organizations = pgTable(
  'organizations',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    type: text('type').notNull(),
    // A default in SQL, as SQLite's '[]': drizzle-kit would write a JS array as '{}'.
    aliases: jsonText<string[]>('aliases').notNull().default(sql`'[]'`),
    countryId: text('country_id').references((): AnyPgColumn => organizations.id),
    parentId: text('parent_id').references((): AnyPgColumn => organizations.id),
    description: text('description'),
  },
  (t) => [
    index('organizations_country_name_idx').on(t.countryId, t.name, t.id),
    index('organizations_parent_name_idx').on(t.parentId, t.name, t.id),
    index('organizations_type_name_idx').on(t.type, t.name, t.id),
    index('organizations_name_idx').on(t.name),
  ],
);
