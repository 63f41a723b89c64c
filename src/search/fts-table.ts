import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * The FTS5 virtual table, described for the query builder only. It lives outside src/db/schema
 * so that drizzle-kit never tries to create it: migrations/0002_search_index.sql does.
 */
export const searchFts = sqliteTable('search_fts', {
  rowid: integer('rowid').notNull(),
  name: text('name').notNull(),
  body: text('body').notNull(),
  kind: text('kind').notNull(),
});
