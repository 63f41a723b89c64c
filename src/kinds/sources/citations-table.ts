import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { CITED_KINDS } from '../../records/cited-kinds.js';
import { sources } from './table.js';

export { CITED_KINDS, type CitedKind } from '../../records/cited-kinds.js';

/**
 * Which source supports a fact, with the exact excerpt. One table for every kind of fact, keyed
 * by the fact's kind and id, so that "every claim of this source" is one indexed query.
 */
export const citations = sqliteTable(
  'citations',
  {
    subjectKind: text('subject_kind', { enum: CITED_KINDS }).notNull(),
    subjectId: text('subject_id').notNull(),
    /** Keeps the citations of one fact in the order they were given. */
    ordinal: integer('ordinal').notNull(),
    sourceId: text('source_id')
      .notNull()
      .references(() => sources.id),
    excerpt: text('excerpt').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.subjectKind, t.subjectId, t.ordinal] }),
    index('citations_source_idx').on(t.sourceId, t.subjectKind, t.subjectId),
  ],
);
