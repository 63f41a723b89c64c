import {
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';
import { organizations } from '../organizations/table.js';

/** A document facts come from: an article, a news agency's report, a book. */
export const sources = sqliteTable(
  'sources',
  {
    id: text('id').primaryKey(),
    title: text('title').notNull(),
    publisher: text('publisher'),
    /** The organization whose document it is (KCNA for its reports), when it is one of ours. */
    issuedById: text('issued_by_id').references(() => organizations.id),
    /** Partial ISO date, as precise as known. */
    published: text('published'),
    url: text('url'),
    /** The full text when we hold it; excerpts of citations are checked against it. */
    text: text('text'),
  },
  // A filter value or the list's order, then id: a page is one index range, read in order.
  (t) => [
    index('sources_title_idx').on(t.title, t.id),
    index('sources_publisher_idx').on(t.publisher, t.id),
    index('sources_issued_by_idx').on(t.issuedById, t.id),
  ],
);

/** A source citing another: the article cites KCNA's report. */
export const sourceCites = sqliteTable(
  'source_cites',
  {
    sourceId: text('source_id')
      .notNull()
      .references(() => sources.id, { onDelete: 'cascade' }),
    citedSourceId: text('cited_source_id')
      .notNull()
      .references(() => sources.id),
    /** The cited source's place in the record's list, as a delegation member's (last, as there). */
    ordinal: integer('ordinal').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.sourceId, t.ordinal] }),
    // A source cites another once; its cites by id (the item's order) read from this index.
    uniqueIndex('source_cites_source_cited_idx').on(t.sourceId, t.citedSourceId),
    // With the citing source, so a source's citers are read in order from the index.
    index('source_cites_cited_idx').on(t.citedSourceId, t.sourceId),
  ],
);
