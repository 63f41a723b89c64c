import { integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

export const SEARCH_KINDS = [
  'event',
  'person',
  'organization',
  'place',
  'delegation',
  'statement',
  'figure',
  'source',
] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

/**
 * One row per searchable item: the text the full-text index (`search_fts`, an FTS5 table over
 * this one) ranks. Kept in step with the data by triggers created in
 * migrations/0002_search_index.sql (as they stand today: src/db/sql/search.sql), so every write
 * path, imports included, updates it in the same transaction.
 */
export const searchDocs = sqliteTable(
  'search_docs',
  {
    rowid: integer('id').primaryKey(),
    kind: text('kind', { enum: SEARCH_KINDS }).notNull(),
    entityId: text('entity_id').notNull(),
    /** What a hit is called in results. */
    title: text('title').notNull(),
    /** Names, aliases and titles: weighted above `body` when ranking. */
    name: text('name').notNull(),
    body: text('body').notNull(),
  },
  (t) => [uniqueIndex('search_docs_entity_idx').on(t.kind, t.entityId)],
);
