/**
 * The PostgreSQL twin of search.ts (test/postgres/schema-parity.test.ts keeps them equal). SQLite's
 * `search_fts`, an FTS5 virtual table, has none: PostgreSQL indexes search_docs itself, by GIN
 * on an expression (src/db/sql/postgres/search-index.sql).
 */
import { bigint, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { SEARCH_KINDS } from './search.js';

export const searchDocs = pgTable(
  'search_docs',
  {
    // SQLite's rowid, given by the database: an identity here. bigint, since every rewrite of a
    // document takes a new number from the sequence (SQLite reuses max + 1), so a long-lived
    // index can pass 2^31; numbers stay below 2^53, so JavaScript numbers hold them.
    rowid: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    kind: text('kind', { enum: SEARCH_KINDS }).notNull(),
    entityId: text('entity_id').notNull(),
    title: text('title').notNull(),
    name: text('name').notNull(),
    body: text('body').notNull(),
  },
  (t) => [uniqueIndex('search_docs_entity_idx').on(t.kind, t.entityId)],
);
