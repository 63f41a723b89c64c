/**
 * PostgreSQL, so far its schema only: migrations/postgres applied to a server. Its connections
 * (the primary, the read replicas, read-your-writes) are in postgres-replicas.ts; the reads and
 * writes over them come later (issue 15); until then the server refuses DATABASE_URL.
 */
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import type pg from 'pg';
import { POSTGRES_MIGRATIONS_FOLDER } from '../paths.js';

/**
 * An arbitrary constant for pg_advisory_lock: drizzle's migrator takes no lock, so two processes
 * starting at once (two servers, a server and `npm run migrate`) would both apply a migration.
 */
const MIGRATION_LOCK = 7_315_152_015;

/**
 * Brings the database up to the latest migration of migrations/postgres (the drizzle schema of
 * the `*.pg.ts` tables, then the custom SQL of src/db/sql/postgres), on one connection of the
 * pool that holds the lock while it runs. Applied migrations are recorded in
 * `drizzle.__drizzle_migrations`, so running it again does nothing.
 */
export async function migratePostgres(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await migrate(drizzle({ client }), { migrationsFolder: POSTGRES_MIGRATIONS_FOLDER });
    } finally {
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
}
