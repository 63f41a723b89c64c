/**
 * What items embed, read on PostgreSQL (embedded.ts is SQLite's): a list capped at its first
 * rows by the same `capped`, counting every row only when one is left over. The SQL is plain
 * text over `pg`; the rows are shaped by the same functions as SQLite's (shapes.ts, agents.ts).
 *
 * Order: every text column compares as "C" (migrations/postgres/0001), SQLite's BINARY, so
 * `order by name` is SQLite's order. NULLs do not sort alike: first on SQLite, last on
 * PostgreSQL, so a nullable column a list is ordered by is written `nulls first` (NULLS_FIRST).
 *
 * An item is read in one statement (itemStatement, below): one round trip instead of one per
 * list, and one plan, prepared once per connection. The rows come back as JSON, in the columns
 * and order the separate queries gave, and are shaped by the same functions.
 */
import type pg from 'pg';
import { capped } from './embedded.js';
import { EMBEDDED_MAX, type EmbeddedList } from './shapes.js';

/** A connection of the pool, in the read's transaction. */
export type PgClient = pg.PoolClient;

/** How SQLite sorts a NULL in an ascending order: before every value. */
export const NULLS_FIRST = 'nulls first';

/** The rows of one query. */
export async function rowsOf<T extends object>(
  client: PgClient,
  text: string,
  values: unknown[],
): Promise<T[]> {
  return (await client.query<T>(text, values)).rows;
}

/** The first row of one query, or null. */
export async function rowOf<T extends object>(
  client: PgClient,
  text: string,
  values: unknown[],
): Promise<T | null> {
  return (await rowsOf<T>(client, text, values))[0] ?? null;
}

/** A JSON list kept as text (`aliases`), as drizzle's json text column reads it on SQLite. */
export function jsonTextValue<T>(text: string): T {
  return JSON.parse(text) as T;
}

/*
 * One statement per item: each list a part of one json_build_object, read in one round trip
 * (each query was one: an event's item took 8-11 of them). The parts give the rows the separate
 * queries gave, as row_to_json writes them: the same values, as no column an item reads is of a
 * type that JSON writes otherwise than pg reads it (a timestamp; a count, bigint, is a number in
 * both once read), so that the same functions shape them into the same answer.
 */

/** A capped list as one statement reads it: its first `max + 1` rows, and all counted when more. */
export interface CappedRows<T> {
  rows: T[];
  /** Every row counted, only when some are left out (null otherwise). */
  all: number | null;
}

/** A part giving the first row of `select` as a JSON object, or null. */
export function rowPart(select: string): string {
  return `(select row_to_json(r) from (${select}) r)`;
}

/**
 * A part giving every row of `select` as a JSON array, in its order: json_agg takes the rows as
 * the subquery gives them, which nothing at its level (no join, no grouping) reorders.
 */
export function rowsPart(select: string): string {
  return `(select coalesce(json_agg(r), '[]') from (${select}) r)`;
}

/**
 * A part giving a capped list (CappedRows): its first `max + 1` rows, and, only when there are
 * that many, `count` (a count's SQL with the same parameters): a subquery in a CASE branch not
 * taken is never run.
 */
export function cappedPart(list: { select: string; count: string }, max = EMBEDDED_MAX): string {
  return `(select json_build_object('rows', coalesce(json_agg(r), '[]'),
      'all', case when count(*) > ${max} then (${list.count}) end)
    from (${list.select} limit ${max + 1}) r)`;
}

/**
 * The statement of an item: `row` (the item's row, found by its id, $1) as `row`, and each part
 * by its name; no row when there is no such item, and then no part is read.
 */
export function itemStatement(row: string, parts: Record<string, string>): string {
  const named = Object.entries(parts).map(([name, part]) => `'${name}', ${part}`);
  return `select json_build_object('row', row_to_json(item), ${named.join(', ')}) as item
    from (${row}) item`;
}

/**
 * Runs an item's statement, prepared once per connection under `name` (its plan kept: the
 * statement is the same text for every item), and gives its parts, or null when there is no row.
 * Planning it is most of its cost: an event's item took 11.3 ms planned at each call, 1.85 ms
 * prepared (events/item.pg.ts). The other kinds, measured the same way (200 ids, three rounds;
 * median wall ms and Node CPU ms an item, before / after): delegations 11.9 and 1.37 / 1.6 and
 * 0.46, statements 7.6 and 1.06 / 1.5 and 0.34, figures 5.5 and 0.93 / 1.0 and 0.29, sources
 * 10.4 and 2.14 / 3.7 and 0.91, organizations 11.1 and 1.82 / 8.7 and 0.82, places 263 and 2.42
 * / 235 and 1.00 (a place's events, those of every place under it, counted: that count is most
 * of its time, whichever way it is read).
 */
export async function readItem<T>(
  client: PgClient,
  name: string,
  text: string,
  values: unknown[],
): Promise<T | null> {
  const { rows } = await client.query<{ item: T }>({ name, text, values });
  return rows[0]?.item ?? null;
}

/** `capped` of a list one statement read (cappedPart). */
export function cappedOf<T>(
  list: CappedRows<T>,
  more: string | null,
  max = EMBEDDED_MAX,
): [T[], EmbeddedList] {
  return capped(list.rows, () => list.all ?? list.rows.length, more, max);
}
