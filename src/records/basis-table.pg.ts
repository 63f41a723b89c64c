/** The PostgreSQL twin of basis-table.ts (test/postgres/schema-parity.test.ts keeps them equal). */
import { integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { BASIS_KINDS } from './basis-table.js';
import { CITED_KINDS } from './cited-kinds.js';

export const fieldBasis = pgTable(
  'field_basis',
  {
    subjectKind: text('subject_kind', { enum: CITED_KINDS }).notNull(),
    subjectId: text('subject_id').notNull(),
    field: text('field').notNull(),
    kind: text('kind', { enum: BASIS_KINDS }).notNull(),
    note: text('note'),
    citation: integer('citation'),
  },
  (t) => [primaryKey({ columns: [t.subjectKind, t.subjectId, t.field] })],
);
