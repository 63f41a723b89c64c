/** The PostgreSQL twin of citations-table.ts (test/postgres/schema-parity.test.ts keeps them equal). */
import { foreignKey, index, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { CITED_KINDS } from '../../records/cited-kinds.js';
import { ATTRIBUTION_KINDS } from './citations-table.js';
import { sources } from './table.pg.js';

export const citations = pgTable(
  'citations',
  {
    subjectKind: text('subject_kind', { enum: CITED_KINDS }).notNull(),
    subjectId: text('subject_id').notNull(),
    ordinal: integer('ordinal').notNull(),
    sourceId: text('source_id')
      .notNull()
      .references(() => sources.id),
    excerpt: text('excerpt').notNull(),
    // Code points into a source's text, which PostgreSQL caps at 1 GB: integer holds them.
    startOffset: integer('start_offset'),
    endOffset: integer('end_offset'),
  },
  (t) => [
    primaryKey({ columns: [t.subjectKind, t.subjectId, t.ordinal] }),
    index('citations_source_idx').on(
      t.sourceId,
      t.startOffset,
      t.subjectKind,
      t.subjectId,
      t.ordinal,
    ),
  ],
);

export const citationSteps = pgTable(
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
      // Named: the name drizzle makes up from the six columns is 91 characters, and PostgreSQL
      // cuts names at 63 (so the database's would differ from the migration snapshot's).
      name: 'citation_steps_citation_fk',
      columns: [t.subjectKind, t.subjectId, t.ordinal],
      foreignColumns: [citations.subjectKind, citations.subjectId, citations.ordinal],
    }).onDelete('cascade'),
    index('citation_steps_step_idx').on(
      t.stepKind,
      t.stepId,
      t.subjectKind,
      t.subjectId,
      t.ordinal,
    ),
  ],
);
