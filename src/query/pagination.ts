/**
 * Keyset pagination. A cursor is opaque to clients: base64url of the sort's name and the last
 * row's sort key. Pages follow the key, never an offset, so they stay correct while data changes
 * and cost the same at any depth.
 */

import { createHash } from 'node:crypto';
import { type AnyColumn, type SQL, sql } from 'drizzle-orm';
import { problems } from '../http/errors.js';
import { encodeKey, keysetPage, parseCursor } from './keyset.js';

export type SortValue = string | number | null;
export type Direction = 'asc' | 'desc';

export interface Sort {
  /** The public name (`start`, `-title`): a cursor is only valid for the sort it was made under. */
  name: string;
  /** A column, or an SQL expression when the column alone cannot order (a nullable date). */
  column: AnyColumn | SQL;
  direction: Direction;
}

export interface Cursor {
  sort: string;
  key: [SortValue, string];
}

export function encodeCursor(cursor: Cursor): string {
  return encodeKey(cursor.sort, cursor.key);
}

export function decodeCursor(raw: string, sort: string): Cursor {
  const [issuedFor, value, id] = parseCursor(raw, [['string', 'number'], ['string']]);
  if (issuedFor !== sort) {
    throw problems.invalidField(
      'query',
      '/cursor',
      `this cursor was issued for sort '${issuedFor}'`,
    );
  }
  return { sort, key: [value as SortValue, id as string] };
}

/** Rows strictly after the cursor, in the sort's order, tie-broken by id. */
export function afterCursor(
  sort: Sort,
  id: AnyColumn,
  cursor: Cursor | undefined,
): SQL | undefined {
  if (!cursor) return undefined;
  const [value, lastId] = cursor.key;
  const key = sort.column;
  // The same rows as `(key, id) > (?, ?)`, but written so that SQLite reads a range on an index
  // over the key (an expression index too), where it reads the row value only as a filter.
  return sort.direction === 'asc'
    ? sql`(${key} >= ${value} and (${key} > ${value} or ${id} > ${lastId}))`
    : sql`(${key} <= ${value} and (${key} < ${value} or ${id} < ${lastId}))`;
}

export function orderFor(sort: Sort, id: AnyColumn): SQL[] {
  return sort.direction === 'asc'
    ? [sql`${sort.column} asc`, sql`${id} asc`]
    : [sql`${sort.column} desc`, sql`${id} desc`];
}

/**
 * Fetches one row more than the page to know whether another page follows, and makes the cursor
 * from the last row kept.
 */
export function toPage<Row>(
  rows: Row[],
  limit: number,
  sort: Sort,
  keyOf: (row: Row) => [SortValue, string],
): { rows: Row[]; nextCursor: string | null } {
  const page = keysetPage(rows, limit, sort.name, keyOf);
  return { rows: page.items, nextCursor: page.nextCursor };
}

/**
 * The scope a cursor is valid in: the list, its sort, and for a ranking the words ranked by, so
 * that a cursor carried to another list, sort or query is refused rather than silently skipping.
 */
export function cursorScope(list: string, sort: string, q?: string): string {
  if (q === undefined) return `${list}:${sort}`;
  const words = createHash('sha256').update(q).digest('base64url').slice(0, 10);
  return `${list}:${sort}:${words}`;
}
