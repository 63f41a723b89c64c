/**
 * The seed on both backends for a test file: a SQLite test database loaded by loadSeed, and a
 * PostgreSQL server of its own, migrated and loaded by PostgreSQL's own seed
 * (src/bundle/postgres/seed.ts). Both are closed at the test's teardown.
 */
import type pg from 'pg';
import type { Test } from 'tap';
import { loadSeedPostgres } from '../../src/bundle/postgres/seed.js';
import { loadSeed } from '../../src/bundle/seed.js';
import type { Db } from '../../src/db/database.js';
import { migratePostgres } from '../../src/db/postgres.js';
import { openTestDb } from '../helper.js';
import { startPostgresPool } from './server.js';

export async function seededBackends(t: Test): Promise<{ pool: pg.Pool; sqlite: Db }> {
  const { pool } = await startPostgresPool(t);
  await migratePostgres(pool);
  const sqlite = openTestDb(t);
  loadSeed(sqlite);
  await loadSeedPostgres(pool);
  return { pool, sqlite };
}
