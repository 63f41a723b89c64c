/** The PostgreSQL twin of table.ts (test/postgres/schema-parity.test.ts keeps them equal). */
import { sql } from 'drizzle-orm';
import { type AnyPgColumn, index, pgTable, text } from 'drizzle-orm/pg-core';
import { jsonText } from '../../db/pg-columns.js';

export const places = pgTable(
  'places',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    type: text('type').notNull(),
    // A default in SQL, as SQLite's '[]': drizzle-kit would write a JS array as '{}'.
    aliases: jsonText<string[]>('aliases').notNull().default(sql`'[]'`),
    parentId: text('parent_id').references((): AnyPgColumn => places.id),
  },
  (t) => [
    index('places_parent_name_idx').on(t.parentId, t.name, t.id),
    index('places_type_name_idx').on(t.type, t.name, t.id),
    index('places_name_idx').on(t.name),
  ],
);
