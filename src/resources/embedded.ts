/**
 * Lists an item embeds, capped at their first items: `capped` keeps them and says how many there
 * are in all, counting with one indexed COUNT only when a row is left over.
 */
import { count, type SQL } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db/database.js';
import { EMBEDDED_MAX, type EmbeddedList } from './shared.js';

/**
 * The first `max` of `rows`, read with `LIMIT max + 1`, and the list's extent: `more` (the view
 * that has them all) only when some are left out.
 */
export function capped<T>(
  rows: T[],
  countAll: () => number,
  more: string | null,
  max = EMBEDDED_MAX,
): [T[], EmbeddedList] {
  if (rows.length <= max) return [rows, { total: rows.length, more: null }];
  return [rows.slice(0, max), { total: countAll(), more }];
}

/** How many rows of `table` match `where`. */
export function countWhere(db: Db, table: SQLiteTable, where: SQL | undefined): number {
  return db.select({ n: count() }).from(table).where(where).get()?.n ?? 0;
}
