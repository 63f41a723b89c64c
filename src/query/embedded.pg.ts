/**
 * What items embed, read on PostgreSQL (embedded.ts is SQLite's): a list capped at its first
 * rows by the same `capped`, counting every row only when one is left over. The SQL is plain
 * text over `pg`; the rows are shaped by the same functions as SQLite's (shapes.ts, agents.ts).
 *
 * Order: every text column compares as "C" (migrations/postgres/0001), SQLite's BINARY, so
 * `order by name` is SQLite's order. NULLs do not sort alike: first on SQLite, last on
 * PostgreSQL, so a nullable column a list is ordered by is written `nulls first` (NULLS_FIRST).
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

/** A count (`select count(*) from ...`): bigint, which pg gives as text, read as a number. */
export async function countOf(client: PgClient, text: string, values: unknown[]): Promise<number> {
  const row = await rowOf<{ n: string }>(client, text, values);
  return Number(row?.n ?? 0);
}

/**
 * `capped` with a count that is a query: the first `max` of `rows` (read with `limit max + 1`)
 * and the list's extent, counting all (`countAll`) only when some are left out.
 */
export async function cappedPostgres<T>(
  rows: T[],
  countAll: () => Promise<number>,
  more: string | null,
  max = EMBEDDED_MAX,
): Promise<[T[], EmbeddedList]> {
  const total = rows.length > max ? await countAll() : rows.length;
  return capped(rows, () => total, more, max);
}

/**
 * One capped list: its first `max + 1` rows (`select` ends before its `limit`, which is added),
 * and `count` (SQL of a count with the same parameters) when some are left out.
 */
export async function cappedList<T extends object>(
  client: PgClient,
  list: { select: string; count: string; values: unknown[] },
  more: string | null,
  max = EMBEDDED_MAX,
): Promise<[T[], EmbeddedList]> {
  const rows = await rowsOf<T>(client, `${list.select} limit ${max + 1}`, list.values);
  return cappedPostgres(rows, () => countOf(client, list.count, list.values), more, max);
}

/** A JSON list kept as text (`aliases`), as drizzle's json text column reads it on SQLite. */
export function jsonTextValue<T>(text: string): T {
  return JSON.parse(text) as T;
}
