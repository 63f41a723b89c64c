/**
 * Records of one kind as CSV, in the columns the CSV import reads (readers.ts addCsv): a header of
 * the record's fields in its schema's order, then a row a record. A cell is what `cellValue`
 * reads back to the same field: empty for null, absent or an empty list; a list of plain words
 * as `a|b`, any other list and every object (a speaker, a participant, citations, a basis) as
 * JSON; a number in JavaScript's own notation. So an exported CSV imports back unchanged.
 * Quoting is csv-stringify's (RFC 4180).
 */
import { stringify } from 'csv-stringify/sync';
import type { Db } from '../db/database.js';
import { type KindName, kindOf } from '../kinds/index.js';
import { readRecords } from './records.js';

/** The columns of a kind's CSV: its record's fields, in the order its schema lists them. */
export const csvColumns = (kind: KindName): string[] => Object.keys(kindOf(kind).shape.shape);

/** A list whose items `a|b` gives back: words with no `|`, no edge space, not starting a JSON list. */
const joinable = (list: unknown[]): list is string[] =>
  list.every(
    (item) =>
      typeof item === 'string' &&
      item !== '' &&
      !item.includes('|') &&
      item.trim() === item &&
      !item.startsWith('['),
  );

function cellOf(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) {
    if (value.length === 0) return '';
    return joinable(value) ? value.join('|') : JSON.stringify(value);
  }
  if (typeof value === 'object') {
    // An empty object (a basis with no entry) is what the import fills in for an empty cell.
    return Object.keys(value).length === 0 ? '' : JSON.stringify(value);
  }
  return String(value);
}

/** The CSV text of records of one kind, with the header row first when `header`. */
export function csvOf(kind: KindName, records: readonly object[], header: boolean): string {
  const columns = csvColumns(kind);
  const rows = records.map((record) =>
    columns.map((column) => cellOf((record as Record<string, unknown>)[column])),
  );
  if (!header && rows.length === 0) return '';
  return stringify(header ? [columns, ...rows] : rows);
}

/** The records with these ids, in this order (those that still exist), as CSV with its header. */
export function csvPage(db: Db, kind: KindName, ids: readonly string[]): string {
  return csvOfPage(kind, ids, readRecords(db, kind, [...ids]));
}

/** The records `byId` has of `ids`, in the order of `ids`, as CSV: both backends' csvPage. */
export function csvOfPage(
  kind: KindName,
  ids: readonly string[],
  byId: ReadonlyMap<string, object>,
): string {
  return csvOf(
    kind,
    ids.flatMap((id) => {
      const record = byId.get(id);
      return record ? [record] : [];
    }),
    true,
  );
}
