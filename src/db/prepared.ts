/**
 * Queries prepared once per connection. Drizzle builds a query's SQL anew each time it runs, and
 * for the small lookups an item makes, building costs ten times what SQLite spends running them;
 * a query built once with placeholders only binds its values.
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
