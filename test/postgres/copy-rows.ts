/**
 * A SQLite database's rows copied into a migrated PostgreSQL one, table by table through the
 * twins' same keys: how the PostgreSQL tests get the seed (loaded into SQLite by loadSeed) until
 * PostgreSQL has an import of its own.
 */
import { drizzle } from 'drizzle-orm/node-postgres';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type pg from 'pg';
import type { Db } from '../../src/db/database.js';
import { KINDS } from '../../src/kinds/index.js';

/** Every kind's table and list tables, SQLite's beside PostgreSQL's. */
const TABLES: [SQLiteTable, PgTable][] = KINDS.flatMap((kind) => [
  [kind.table, kind.pgTable] as [SQLiteTable, PgTable],
  ...(kind.lists ?? []).map((list) => [list.table, list.pgTable] as [SQLiteTable, PgTable]),
]);

/**
 * SQLite's rows into PostgreSQL. Row by row, a row whose reference is not there yet (23503: an
 * event before its parent) retried in the next round: the foreign keys are checked at once on
 * PostgreSQL, where an import defers them. Returns how many rows were copied.
 */
export async function copyRows(sqlite: Db, pool: pg.Pool): Promise<number> {
  const postgres = drizzle({ client: pool });
  let pending = TABLES.flatMap(([from, to]) =>
    sqlite
      .select()
      .from(from)
      .all()
      .map((row) => ({ to, row })),
  );
  let copied = 0;
  while (pending.length > 0) {
    const failed: typeof pending = [];
    for (const item of pending) {
      try {
        await postgres.insert(item.to).values(item.row);
        copied++;
      } catch (error) {
        if ((error as { cause?: { code?: string } }).cause?.code !== '23503') throw error;
        failed.push(item);
      }
    }
    if (failed.length === pending.length) throw new Error('rows whose references never come');
    pending = failed;
  }
  return copied;
}
