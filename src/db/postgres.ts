/**
 * PostgreSQL's schema: migrations/postgres applied to a server, under a lock that seeding at
 * start takes too. Its connections (the primary, the read replicas, read-your-writes) are in
 * postgres-replicas.ts; the server's use of them in postgres-plugin.ts.
 */
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { POSTGRES_MIGRATIONS_FOLDER } from '../paths.js';

/**
 * An arbitrary constant for pg_advisory_lock: drizzle's migrator takes no lock, so two processes
 * starting at once (two servers, a server and `npm run migrate`) would both apply a migration
 * (or both seed an empty database).
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

/**
 * `fn` while this process holds the migrations' lock, taken on a connection of its own (outside
 * any pool, which may have one connection only, and which `fn` uses): seeding an empty database
 * at the server's start (postgres-plugin.ts), so that two servers starting at once seed in turn
 * and the second finds the seed there. Ending the connection releases the lock, whatever `fn` did.
 */
export async function withStartLock<T>(url: string, fn: () => Promise<T>): Promise<T> {
  const lock = new pg.Client({ connectionString: url });
  lock.on('error', () => {});
  await lock.connect();
  try {
    await lock.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    return await fn();
  } finally {
    await lock.end().catch(() => {});
  }
}
