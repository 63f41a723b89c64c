/**
 * Keyset pages: a page is the rows after the last key served, in order, never an offset, so pages
 * stay correct while data changes and cost the same at any depth. Each list reads `limit + 1`
 * rows to know whether another page follows. A list merged from several queries (the timeline's
 * feeds, a date range's span classes) merges their short sorted lists here.
 */
import { type AnyColumn, type SQL, sql } from 'drizzle-orm';
import { encodeCursor, type KeyPart } from './cursor.js';

export type Direction = 'asc' | 'desc';

/** A list's order: one column (or expression) in one direction, tie-broken by the row's id. */
export interface Sort {
  /** The cursor scope (`event:start`): a cursor is only valid for the sort it was made under. */
  name: string;
  /** A column, or an SQL expression when the column alone cannot order (a nullable date). */
  column: AnyColumn | SQL;
  direction: Direction;
}

/** ORDER BY a sort, then id in the same direction. */
export function orderBy(sort: Sort, id: AnyColumn): SQL[] {
  return sort.direction === 'asc'
    ? [sql`${sort.column} asc`, sql`${id} asc`]
    : [sql`${sort.column} desc`, sql`${id} desc`];
}

/** Rows strictly after `key` (sort value, id) in a sort's order. */
export function afterSortKey(
  sort: Sort,
  id: AnyColumn,
  key: readonly [KeyPart | null, string] | undefined,
): SQL | undefined {
  if (!key) return undefined;
  const [value, lastId] = key;
  const column = sort.column;
  // The same rows as `(column, id) > (?, ?)`, but written so that SQLite reads a range on an
  // index over the column (an expression index too), where it reads a row value only as a filter.
  return sort.direction === 'asc'
    ? sql`(${column} >= ${value} and (${column} > ${value} or ${id} > ${lastId}))`
    : sql`(${column} <= ${value} and (${column} < ${value} or ${id} < ${lastId}))`;
}

/** Rows whose key, in ascending order over `parts`, comes strictly after `key`: a row value. */
export function afterKey(
  parts: readonly (AnyColumn | SQL)[],
  key: readonly KeyPart[] | undefined,
): SQL | undefined {
  if (!key) return undefined;
  return sql`(${sql.join([...parts], sql`, `)}) > (${sql.join(
    key.map((value) => sql`${value}`),
    sql`, `,
  )})`;
}

/**
 * Compares two keys the way SQLite orders them: NULL first, numbers before text, text by its
 * bytes (binary collation).
 */
export function compareKeys(
  a: readonly (KeyPart | null)[],
  b: readonly (KeyPart | null)[],
): number {
  const rank = (part: KeyPart | null) => (part === null ? 0 : typeof part === 'number' ? 1 : 2);
  for (let i = 0; i < Math.min(a.length, b.length); i += 1) {
    const x = a[i] as KeyPart | null;
    const y = b[i] as KeyPart | null;
    if (rank(x) !== rank(y)) return rank(x) - rank(y);
    if (x !== null && y !== null && x !== y) return x < y ? -1 : 1;
  }
  return a.length - b.length;
}

/**
 * The first `count` items of the union of lists each already sorted by key in `direction` (one
 * query per part of a list, each read with its own `limit + 1`): with `limit + 1`, enough for one
 * page and the sign of a next.
 */
export function mergeSorted<T>(
  lists: T[][],
  count: number,
  keyOf: (item: T) => readonly (KeyPart | null)[],
  direction: Direction = 'asc',
): T[] {
  const sign = direction === 'asc' ? 1 : -1;
  return lists
    .flat()
    .sort((a, b) => sign * compareKeys(keyOf(a), keyOf(b)))
    .slice(0, count);
}

/**
 * The first `limit` of rows read as `limit + 1`, and the cursor to the next page, made from the
 * last row kept (null when no row follows).
 */
export function withNextCursor<Row>(
  rows: Row[],
  limit: number,
  scope: string,
  keyOf: (row: Row) => readonly (KeyPart | null)[],
): { rows: Row[]; nextCursor: string | null } {
  if (rows.length <= limit) return { rows, nextCursor: null };
  const kept = rows.slice(0, limit);
  return { rows: kept, nextCursor: encodeCursor(scope, keyOf(kept[kept.length - 1] as Row)) };
}
