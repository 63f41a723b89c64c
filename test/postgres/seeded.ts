/**
 * The seed on both backends for a test file: a PostgreSQL server of its own, migrated, holding
 * the rows of a SQLite test database loaded with the seed (copy-rows.ts). Both are closed at the
 * test's teardown.
 */
import type pg from 'pg';
import type { Test } from 'tap';
import { loadSeed } from '../../src/bundle/seed.js';
import type { Db } from '../../src/db/database.js';
import { migratePostgres } from '../../src/db/postgres.js';
import { openTestDb } from '../helper.js';
import { copyRows } from './copy-rows.js';
import { startPostgresPool } from './server.js';

export async function seededBackends(t: Test): Promise<{ pool: pg.Pool; sqlite: Db }> {
  const { pool } = await startPostgresPool(t);
  await migratePostgres(pool);
  const sqlite = openTestDb(t);
  loadSeed(sqlite);
  await copyRows(sqlite, pool);
  return { pool, sqlite };
}
