import { foreignKey, index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
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
    /**
     * Where the excerpt is in the source's text, in Unicode code points from 0 (end exclusive),
     * when the source's text is held: set by the write path (src/bundle/writer.ts), so that a
     * source's claims come in the order of its text.
     */
    startOffset: integer('start_offset'),
    endOffset: integer('end_offset'),
  },
  (t) => [
    primaryKey({ columns: [t.subjectKind, t.subjectId, t.ordinal] }),
    // A source's claims in the order of its text: one index range, read in order.
    index('citations_source_idx').on(
      t.sourceId,
      t.startOffset,
      t.subjectKind,
      t.subjectId,
      t.ordinal,
    ),
  ],
);

/** The kinds a step of a citation's account names. */
export const ATTRIBUTION_KINDS = ['source', 'person', 'organization'] as const;

/**
 * Whose account a citation gives, a step at a time, outermost first: the article (the cited
 * source) according to KCNA's report (step 0) according to Kim (step 1). A step names a source,
 * a person or an organization; which table `step_id` is in follows from `step_kind`, so the
 * references are checked by the write path, like a citation's subject.
 */
export const citationSteps = sqliteTable(
  'citation_steps',
  {
    subjectKind: text('subject_kind', { enum: CITED_KINDS }).notNull(),
    subjectId: text('subject_id').notNull(),
    ordinal: integer('ordinal').notNull(),
    step: integer('step').notNull(),
    stepKind: text('step_kind', { enum: ATTRIBUTION_KINDS }).notNull(),
    stepId: text('step_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.subjectKind, t.subjectId, t.ordinal, t.step] }),
    foreignKey({
      columns: [t.subjectKind, t.subjectId, t.ordinal],
      foreignColumns: [citations.subjectKind, citations.subjectId, citations.ordinal],
    }).onDelete('cascade'),
    // "What does KCNA's report claim", "according to Kim": one index range.
    index('citation_steps_step_idx').on(
      t.stepKind,
      t.stepId,
      t.subjectKind,
      t.subjectId,
      t.ordinal,
    ),
  ],
);
