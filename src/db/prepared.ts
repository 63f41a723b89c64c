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
import type Sqlite from 'better-sqlite3';
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

/** A query Drizzle can turn into SQL text and parameters (`db.insert(...)...`, before `.prepare()`). */
interface Buildable {
  toSQL(): { sql: string; params: unknown[] };
}

/** What Drizzle puts in `params` for a placeholder: the placeholder, with the column encoding it. */
interface BoundParam {
  value?: { name?: unknown };
  name?: unknown;
  encoder?: { mapToDriverValue(value: unknown): unknown };
}

/**
 * A write statement built by Drizzle once and then run by better-sqlite3 directly, its
 * placeholders bound by position: for the statements an import runs a million times.
 *
 * Why not Drizzle's own prepared statement: on every run it walks the parameters, tests each with
 * `is()` and maps it by name (`fillPlaceholders`), which cost more than SQLite's insert itself.
 * Measured on the bench's 100k-event bundle (1.45M rows): `fillPlaceholders` and `is()` took
 * 3.5 s of the 20.6 s writing phase. The SQL text is still Drizzle's, made from the table
 * definitions, and each value is still encoded by its column (`mapToDriverValue`: JSON, booleans),
 * as Drizzle would: only the per-run bookkeeping goes. A value left out is bound as null.
 */
export function positionalStatement(
  db: Db,
  query: Buildable,
): (values: Record<string, unknown>) => Sqlite.RunResult {
  const built = query.toSQL();
  const slots = built.params.map((param, index) => {
    const bound = param as BoundParam;
    const name = bound.value?.name ?? bound.name;
    if (typeof name !== 'string') {
      throw new Error(`parameter ${index} of a positional statement is not a placeholder`);
    }
    const encoder = bound.encoder;
    return { name, encode: encoder ? (v: unknown) => encoder.mapToDriverValue(v) : undefined };
  });
  const statement = db.$client.prepare(built.sql);
  const values: unknown[] = new Array(slots.length);
  return (row) => {
    for (let i = 0; i < slots.length; i++) {
      const slot = slots[i] as (typeof slots)[number];
      const value = row[slot.name];
      values[i] =
        value === undefined || value === null ? null : slot.encode ? slot.encode(value) : value;
    }
    return statement.run(values);
  };
}
