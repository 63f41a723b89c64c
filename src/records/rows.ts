/**
 * A record as its kind's row and back, from the kind's definition: the fields of `columns` copied
 * (a missing optional field stored as null), the columns `derive` computes, the fields `read`
 * rebuilds. A record read back has every field of its shape, in the shape's order, nulls
 * explicit: one canonical form, so that export → import → export gives the same bytes.
 */
import type { KindDefinition } from './definition.js';

type Fields = Record<string, unknown>;

/** The kind's own row for a record (its lists and citations are rows of other tables). */
export function rowOf(kind: KindDefinition, record: object): Fields {
  const fields = record as Fields;
  const row: Fields = {};
  for (const [field, key] of Object.entries(kind.columns)) row[key] = fields[field] ?? null;
  return { ...row, ...kind.derive?.(record as never) };
}

/** The record a stored row and its lists make, without its citations and basis (the reader adds them). */
export function recordOf(kind: KindDefinition, row: Fields, lists: Fields): Fields {
  const read: Fields = { ...lists, ...kind.read?.(row) };
  for (const [field, key] of Object.entries(kind.columns)) read[field] = row[key];
  const record: Fields = {};
  for (const field of Object.keys(kind.shape.shape)) {
    if (field !== 'citations' && field in read) record[field] = read[field];
  }
  return record;
}
