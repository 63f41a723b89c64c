/**
 * Keyset pagination. A cursor is opaque to clients: base64url of the sort's name and the last
 * row's sort key. Pages follow the key, never an offset, so they stay correct while data changes
 * and cost the same at any depth.
 */

import { createHash } from 'node:crypto';
import { type AnyColumn, type SQL, sql } from 'drizzle-orm';
import { problems } from '../http/errors.js';

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
  return Buffer.from(JSON.stringify([cursor.sort, ...cursor.key])).toString('base64url');
}

export function decodeCursor(raw: string, sort: string): Cursor {
  const invalid = (why: string) => problems.invalidField('query', '/cursor', why);
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw invalid('not a cursor this API issued');
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 3 ||
    typeof parsed[0] !== 'string' ||
    !['string', 'number'].includes(typeof parsed[1]) ||
    typeof parsed[2] !== 'string'
  ) {
    throw invalid('not a cursor this API issued');
  }
  if (parsed[0] !== sort) throw invalid(`this cursor was issued for sort '${parsed[0]}'`);
  return { sort, key: [parsed[1] as SortValue, parsed[2] as string] };
}

/** Rows strictly after the cursor, in the sort's order, tie-broken by id. */
export function afterCursor(
  sort: Sort,
  id: AnyColumn,
  cursor: Cursor | undefined,
): SQL | undefined {
  if (!cursor) return undefined;
  const [value, lastId] = cursor.key;
  return sort.direction === 'asc'
    ? sql`(${sort.column}, ${id}) > (${value}, ${lastId})`
    : sql`(${sort.column}, ${id}) < (${value}, ${lastId})`;
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
  if (rows.length <= limit) return { rows, nextCursor: null };
  const kept = rows.slice(0, limit);
  const last = kept[kept.length - 1] as Row;
  return { rows: kept, nextCursor: encodeCursor({ sort: sort.name, key: keyOf(last) }) };
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
