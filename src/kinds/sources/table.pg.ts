/** The PostgreSQL twin of table.ts (test/postgres/schema-parity.test.ts keeps them equal). */
import { index, integer, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { organizations } from '../organizations/table.pg.js';

export const sources = pgTable(
  'sources',
  {
    id: text('id').primaryKey(),
    title: text('title').notNull(),
    publisher: text('publisher'),
    issuedById: text('issued_by_id').references(() => organizations.id),
    published: text('published'),
    url: text('url'),
    text: text('text'),
  },
  (t) => [
    index('sources_title_idx').on(t.title, t.id),
    index('sources_publisher_idx').on(t.publisher, t.id),
    index('sources_issued_by_idx').on(t.issuedById, t.id),
  ],
);

export const sourceCites = pgTable(
  'source_cites',
  {
    sourceId: text('source_id')
      .notNull()
      .references(() => sources.id, { onDelete: 'cascade' }),
    citedSourceId: text('cited_source_id')
      .notNull()
      .references(() => sources.id),
    ordinal: integer('ordinal').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.sourceId, t.ordinal] }),
    uniqueIndex('source_cites_source_cited_idx').on(t.sourceId, t.citedSourceId),
    index('source_cites_cited_idx').on(t.citedSourceId, t.sourceId),
  ],
);
