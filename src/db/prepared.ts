/**
 * Queries prepared once per connection: the one way a module keeps a query ready to run. It
 * declares `const queries = perConnection((db) => ({ row: ....prepare(), ... }))` and runs
 * `queries(db).row.get({ id })`; the queries are built on a connection's first use and then only
 * bound, for as long as the connection lives.
 *
 * Two layers save work on a read, and each saves a different part of it:
 * - Here, queries whose shape is fixed (an item's row and its embedded lists, rows by a list of
 *   ids) skip Drizzle's building: Drizzle otherwise turns its builder into SQL on every run, which
 *   costs far more than SQLite spends running an item's small lookups (an event's joined row,
 *   measured: about 10 µs prepared here, 70-130 µs built each time).
 * - The SQL-text cache in `database.ts` serves the queries whose shape depends on the request
 *   (lists with their filters, sorts and cursors, counts, views, search, the timeline). Drizzle
 *   builds them anew each time, but their text repeats, so the cache hands back the statement
 *   SQLite already compiled and skips only SQLite's prepare: without it lists were 5-19% slower,
 *   and an event's row built each time 17-45 µs slower.
 * Neither subsumes the other: the cache cannot skip the building, and only a query whose shape is
 * known before the request can be prepared here. Statements prepared here pass through the cache
 * once, when built; they hold their statement themselves, so its eviction there costs nothing.
 */
import { type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import type { Db } from './database.js';

/** `build(db)` made once per connection and kept, for queries prepared with placeholders. */
export function perConnection<T>(build: (db: Db) => T): (db: Db) => T {
  const built = new WeakMap<Db, T>();
  return (db) => {
    let queries = built.get(db);
    if (queries === undefined) {
      queries = build(db);
      built.set(db, queries);
    }
    return queries;
  };
}

/**
 * `column IN` the ids bound to placeholder `name` as a JSON array (see `jsonList`): the same SQL
 * for any number of ids, so that it is prepared once. SQLite still looks each id up in the index.
 */
export function inJsonList(column: SQLWrapper, name: string): SQL {
  return sql`${column} in (select value from json_each(${sql.placeholder(name)}))`;
}

/** The value for an `inJsonList` placeholder. */
export function jsonList(ids: readonly string[]): string {
  return JSON.stringify(ids);
}
