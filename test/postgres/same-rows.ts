/**
 * Every row of every table a record is written to (the kinds' tables and their lists, citations
 * and their steps, the basis, the search documents), read by drizzle from both backends: how the
 * tests show that PostgreSQL's write path stores what SQLite's does.
 */
import { drizzle } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import { LOADED_TABLES } from '../../src/bundle/postgres/bulk-load.js';
import type { Db } from '../../src/db/database.js';
import { searchDocs as sqliteSearchDocs } from '../../src/db/tables/search.js';
import { searchDocs } from '../../src/db/tables/search.pg.js';

const nameOf = (table: object) =>
  (table as Record<symbol, string>)[Symbol.for('drizzle:Name')] as string;

/** Rows as sorted JSON lines: the same set of rows gives the same list, whatever order was read. */
const lines = (rows: object[]) => rows.map((row) => JSON.stringify(row)).sort();

/** Each table's rows on both backends, by table name. */
export async function rowsOfBoth(
  sqlite: Db,
  pool: pg.Pool,
  options: { documentNumbers: boolean } = { documentNumbers: true },
): Promise<Map<string, { sqlite: string[]; postgres: string[] }>> {
  const postgres = drizzle({ client: pool });
  const tables = new Map<string, { sqlite: string[]; postgres: string[] }>();
  for (const [from, to] of LOADED_TABLES) {
    tables.set(nameOf(to), {
      sqlite: lines(sqlite.select().from(from).all()),
      postgres: lines(await postgres.select().from(to)),
    });
  }
  // With their numbers, which a load into an empty database gives as SQLite's does (a later
  // write numbers a rewritten document on one backend, not on the other).
  const unnumbered = ({ rowid: _, ...document }: { rowid: number }) => document;
  const sqliteDocs = sqlite.select().from(sqliteSearchDocs).all();
  const postgresDocs = await postgres.select().from(searchDocs);
  tables.set('search_docs', {
    sqlite: lines(options.documentNumbers ? sqliteDocs : sqliteDocs.map(unnumbered)),
    postgres: lines(options.documentNumbers ? postgresDocs : postgresDocs.map(unnumbered)),
  });
  return tables;
}
