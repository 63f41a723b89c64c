/**
 * Builds the real app on a fresh SQLite file in a temp folder, or with ANNALS_TEST_BACKEND=postgres
 * on a fresh PostgreSQL database (backend.ts); no mocks anywhere.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type App, buildApp } from '../src/app.js';
import type { ExportLimits } from '../src/bundle/http/export-stream.js';
import { loadSeed } from '../src/bundle/seed.js';
import { type Db, migrateDatabase, openDatabase } from '../src/db/database.js';
import type { ApiKey } from '../src/http/auth.js';
import type { CorsOrigins } from '../src/http/cors.js';
import type { PressureOptions } from '../src/http/pressure.js';
import type { RateLimits } from '../src/http/rate-limit.js';
import { freshPostgresDatabase, ON_POSTGRES } from './backend.js';

export { ON_POSTGRES, sqliteOnly } from './backend.js';

interface Teardown {
  teardown(fn: () => unknown): void;
}

/** A temp folder removed when the test ends. */
export function tempDir(t: Teardown): string {
  const dir = mkdtempSync(join(tmpdir(), 'annals-test-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * A copy of a migrations folder whose journal stops before the migration `tag`: a database
 * migrated from it is one as it was before that migration, to fill with rows it must carry over.
 */
export function migrationsBefore(t: Teardown, folder: string, tag: string): string {
  const copy = join(tempDir(t), 'migrations');
  cpSync(folder, copy, { recursive: true });
  const file = join(copy, 'meta', '_journal.json');
  const journal: { entries: { tag: string }[] } = JSON.parse(readFileSync(file, 'utf8'));
  const at = journal.entries.findIndex((entry) => entry.tag === tag);
  if (at < 0) throw new Error(`no migration ${tag} in ${folder}`);
  writeFileSync(file, JSON.stringify({ ...journal, entries: journal.entries.slice(0, at) }));
  return copy;
}

export interface TestAppOptions {
  seed?: boolean;
  corsOrigins?: CorsOrigins;
  apiKeys?: ApiKey[];
  /** None unless given, so that no other test meets a 429. */
  rateLimits?: RateLimits;
  /** No load shedding unless given, so that a slow test machine meets no 503. */
  pressure?: PressureOptions;
  trustProxy?: boolean | string[];
  /** Read worker threads: 0 (inline, as the coverage sees it) unless given; none on PostgreSQL. */
  readWorkers?: number;
  readTimeoutMs?: number;
  /** Modules of extra read tasks loaded by the workers (a deliberately slow one); SQLite only. */
  readTaskModules?: string[];
  /** Exports at once, an export's time, a silent client's: the app's defaults unless given. */
  exports?: Partial<ExportLimits>;
  /**
   * The render cache's bound in MiB: off (0) unless given, since tests that write through
   * `app.db` between two injects would meet an answer cached in the same event-loop turn.
   */
  cacheMB?: number;
  /** The database file; a fresh one in a temp folder unless given. SQLite only. */
  databasePath?: string;
  /**
   * The PostgreSQL database (one a test has filled, e.g. generatedPostgresDatabase); a fresh one
   * unless given. PostgreSQL only.
   */
  databaseUrl?: string;
}

/** The options that name SQLite's file or its workers' modules: a test giving one is SQLite's. */
const SQLITE_OPTIONS = ['databasePath', 'readTaskModules'] as const;

/**
 * The app on a fresh database, seeded with the article unless `seed: false`; any origin; read-only
 * unless `apiKeys` are given; no rate limits and no load shedding unless given.
 */
export async function buildTestApp(t: Teardown, options: TestAppOptions = {}): Promise<App> {
  if (!ON_POSTGRES && options.databaseUrl !== undefined) {
    throw new Error('buildTestApp: databaseUrl is for PostgreSQL; give it only when ON_POSTGRES');
  }
  const backend = ON_POSTGRES
    ? { postgres: { primaryUrl: await postgresFor(t, options), poolMax: 4 } }
    : {
        databasePath: options.databasePath ?? join(tempDir(t), 'annals.db'),
        seedWhenEmpty: options.seed === false ? undefined : (db: Db) => void loadSeed(db),
      };
  const app = await buildApp({
    ...backend,
    corsOrigins: options.corsOrigins ?? '*',
    apiKeys: options.apiKeys,
    checkResponses: true,
    rateLimits: options.rateLimits,
    pressure: options.pressure,
    trustProxy: options.trustProxy,
    reads: {
      workers: options.readWorkers ?? 0,
      timeoutMs: options.readTimeoutMs,
      taskModules: options.readTaskModules,
      cacheMB: options.cacheMB,
      // The workers map part of the file, as the server's do (READ_MMAP_MB).
      mmapMB: 8,
    },
    exports: options.exports,
  });
  t.teardown(() => app.close());
  return app;
}

/**
 * A fresh PostgreSQL database for buildTestApp, seeded unless `seed: false`. Options that mean a
 * SQLite file throw, so that the test is marked sqliteOnly rather than passing without its point;
 * `readWorkers` is left aside (reads on PostgreSQL run on the pool, never in workers).
 */
async function postgresFor(t: Teardown, options: TestAppOptions): Promise<string> {
  for (const name of SQLITE_OPTIONS) {
    if (options[name] !== undefined) {
      throw new Error(`buildTestApp: ${name} is SQLite's; mark the test sqliteOnly('why')`);
    }
  }
  return options.databaseUrl ?? freshPostgresDatabase(t, options.seed !== false);
}

/** A migrated database without the HTTP layer, for repository and bundle tests. */
export function openTestDb(t: Teardown): Db {
  const db = openDatabase(join(tempDir(t), 'annals.db'));
  migrateDatabase(db);
  t.teardown(() => db.$client.close());
  return db;
}

/** GET a path and parse its JSON. */
export async function getJson<T = any>(app: App, url: string) {
  const res = await app.inject({ method: 'GET', url });
  return { status: res.statusCode, headers: res.headers, body: res.json() as T };
}

/** Follows next_cursor from the first page to the last, returning every item's id in order. */
export async function walkList(app: App, url: string): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let pages = 0;
  let cursor: string | null = null;
  do {
    const sep = url.includes('?') ? '&' : '?';
    const page: { status: number; body: { data: { id: string }[]; next_cursor: string | null } } =
      await getJson(app, cursor ? `${url}${sep}cursor=${encodeURIComponent(cursor)}` : url);
    if (page.status !== 200) throw new Error(`${url} answered ${page.status}`);
    pages += 1;
    for (const item of page.body.data) ids.push(item.id);
    cursor = page.body.next_cursor;
  } while (cursor !== null && pages < 1000);
  return { ids, pages };
}

/**
 * Asks `url` until it answers 200: the read workers load while the app already answers (a 503
 * meanwhile on a busy machine). Throws if they never do.
 */
export async function untilReadsAnswer(app: App, url = '/v1/events/korean-war'): Promise<void> {
  for (let i = 0; i < 100; i += 1) {
    if ((await app.inject(url)).statusCode === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the read workers never answered');
}
