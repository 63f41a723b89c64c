/**
 * Lists an item embeds, capped at their first items: `capped` keeps them and says how many there
 * are in all, counting with one indexed COUNT only when a row is left over.
 */
import { asc, count, eq, type SQL, sql } from 'drizzle-orm';
import type { AnySQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db/database.js';
import { perConnection } from '../db/prepared.js';
import { EMBEDDED_MAX, type EmbeddedList } from './shapes.js';

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

/**
 * The children of a place or an organization (rows whose parent is `id`), by name, capped as
 * every embedded list; these have no paginated view, so `more` stays null. Made once per table,
 * with the query prepared once per connection.
 */
export function cappedChildren(
  table: SQLiteTable & { id: AnySQLiteColumn; name: AnySQLiteColumn; parentId: AnySQLiteColumn },
): (db: Db, id: string) => [{ id: string; name: string }[], EmbeddedList] {
  const firstChildren = perConnection((db) =>
    db
      .select({ id: table.id, name: table.name })
      .from(table)
      .where(eq(table.parentId, sql.placeholder('id')))
      .orderBy(asc(table.name), asc(table.id))
      .limit(EMBEDDED_MAX + 1)
      .prepare(),
  );
  return (db, id) => {
    const rows = firstChildren(db).all({ id }) as { id: string; name: string }[];
    return capped(rows, () => countWhere(db, table, eq(table.parentId, id)), null);
  };
}
