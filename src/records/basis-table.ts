import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { CITED_KINDS } from './cited-kinds.js';

/** The kinds of basis a field can have (src/records/basis.ts). */
export const BASIS_KINDS = ['stated', 'inferred', 'background'] as const;
export type BasisKind = (typeof BASIS_KINDS)[number];

/**
 * The basis of the fields of records that are not simply stated by their citations: one row a
 * field, keyed like citations by the record's kind and id. A field without a row is stated.
 */
export const fieldBasis = sqliteTable(
  'field_basis',
  {
    subjectKind: text('subject_kind', { enum: CITED_KINDS }).notNull(),
    subjectId: text('subject_id').notNull(),
    field: text('field').notNull(),
    kind: text('kind', { enum: BASIS_KINDS }).notNull(),
    note: text('note'),
    /** The index of the record's citation that states the field (only when `kind` is stated). */
    citation: integer('citation'),
  },
  (t) => [primaryKey({ columns: [t.subjectKind, t.subjectId, t.field] })],
);
