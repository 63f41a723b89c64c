/**
 * The seed on both backends for a test file: a PostgreSQL server of its own, migrated, holding
 * the rows of a SQLite test database loaded with the seed (copy-rows.ts). Both are closed at the
 * test's teardown.
 */
import pg from 'pg';
import type { Test } from 'tap';
import { loadSeed } from '../../src/bundle/seed.js';
import type { Db } from '../../src/db/database.js';
import { migratePostgres } from '../../src/db/postgres.js';
import { openTestDb } from '../helper.js';
import { copyRows } from './copy-rows.js';
import { startPostgres } from './server.js';

export async function seededBackends(t: Test): Promise<{ pool: pg.Pool; sqlite: Db }> {
  const server = await startPostgres();
  const pool = new pg.Pool({ connectionString: server.url, max: 2 });
  // An idle connection the server ends is the pool's 'error' event, which would end the test
  // process: the pool drops that connection, and a query's own errors still reach the test.
  pool.on('error', () => {});
  // The pool first: a server stopped under an idle connection makes the pool throw.
  t.teardown(async () => {
    await pool.end();
    await server.stop();
  });
  await migratePostgres(pool);
  const sqlite = openTestDb(t);
  loadSeed(sqlite);
  await copyRows(sqlite, pool);
  return { pool, sqlite };
}
