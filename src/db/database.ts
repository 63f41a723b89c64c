import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Sqlite from 'better-sqlite3';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { MIGRATIONS_FOLDER } from '../paths.js';

export type Db = BetterSQLite3Database & { $client: Sqlite.Database };

/** Opens (creating its folder if need be) the SQLite file, with the pragmas every query relies on. */
/**
 * The name that opens SQLite's anonymous temporary database: a file in TMPDIR that SQLite unlinks
 * once opened, so it is gone when the connection closes or the process ends, however.
 */
export const ANONYMOUS_TEMPORARY = '';

export function openDatabase(path: string): Db {
  if (path !== ':memory:' && path !== ANONYMOUS_TEMPORARY) {
    mkdirSync(dirname(path), { recursive: true });
  }
  const sqlite = new Sqlite(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  // WAL makes NORMAL durable across application crashes; only power loss can drop the last commit.
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  // After a large import the WAL file shrinks back to this at its next checkpoint.
  sqlite.pragma('journal_size_limit = 67108864');
  return drizzleOver(sqlite);
}

/**
 * Drizzle over a connection, its statements through the statement cache. Our own statements
 * (with their pluck/raw modes) use the plain connection as `$client`; only Drizzle's go through
 * the cache, where the same SQL always takes the same path.
 */
function drizzleOver(sqlite: Sqlite.Database): Db {
  const db = drizzle(withStatementCache(sqlite), { casing: 'snake_case' });
  (db as { $client: Sqlite.Database }).$client = sqlite;
  return db as Db;
}

/**
 * A read-only connection to a database another connection has created and migrated: what each
 * read worker opens (src/reads/worker.ts). `query_only` guards against `readonly` ever being
 * dropped; none of the writer's pragmas apply, and nothing is migrated.
 *
 * `mmapMB` maps that much of the file into memory (SQLite's mmap_size), so pages are read where
 * they lie in the OS page cache rather than copied out by a read() each: measured with
 * bench/micro/items.ts at 100k events (a 923 MB file), 1 GiB took event items from 80 to 63 CPU µs
 * and person items from 182 to 135. Mapped pages count in the process's RSS, although they are
 * the OS page cache, once per connection that touched them (READ_MMAP_MB in config.ts).
 *
 * Its page cache is 4 MiB: reads land at random in a file far larger than any cache, which the
 * OS page cache holds, and what SQLite's own cache keeps is the b-trees' upper levels. Against 16
 * MiB (two workers, alternating rounds): event items at uniform ids with the render cache off, 100k
 * events, 47.8-48.2k answers in 10 s against 45.7-45.9k, peak RSS 276-283 MB against 306-307; on
 * the 1M database, 10 s of items and then 20 s of a slow export, four count=true loops and items,
 * peak RSS 322-325 MB against 357-360, 175-179 counts answered against 155.
 */
export function openReadConnection(path: string, { mmapMB = 0 }: { mmapMB?: number } = {}): Db {
  const sqlite = new Sqlite(path, { readonly: true, fileMustExist: true });
  sqlite.pragma('query_only = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('cache_size = -4096');
  sqlite.pragma('temp_store = MEMORY');
  sqlite.pragma(`mmap_size = ${Math.floor(mmapMB * 2 ** 20)}`);
  return drizzleOver(sqlite);
}

/** Statements Drizzle prepared, by SQL text: bounded, oldest dropped first. */
const STATEMENT_CACHE_SIZE = 500;

/**
 * The connection as Drizzle sees it, with `prepare` answered from a cache: Drizzle prepares its
 * SQL anew on every query it builds, and the lists, counts and views built per request repeat the
 * same few texts. The SQL text of a query is the same for every value (values are bound), so
 * reuse is safe. Queries of a fixed shape skip the building too: see `perConnection` in
 * `prepared.ts`, which says what each layer saves.
 */
function withStatementCache(sqlite: Sqlite.Database): Sqlite.Database {
  const cache = new Map<string, Sqlite.Statement>();
  const prepare = (source: string) => {
    let statement = cache.get(source);
    if (statement) {
      cache.delete(source);
    } else {
      statement = sqlite.prepare(source);
      if (cache.size >= STATEMENT_CACHE_SIZE) {
        const oldest = cache.keys().next().value;
        if (oldest !== undefined) cache.delete(oldest);
      }
    }
    cache.set(source, statement);
    return statement;
  };
  return new Proxy(sqlite, {
    get(target, property) {
      if (property === 'prepare') return prepare;
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

export function migrateDatabase(db: Db): void {
  migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
}

/** True when no source has been loaded yet: a fresh database that wants the seed. */
export function isEmpty(db: Db): boolean {
  return db.$client.prepare('select 1 from sources limit 1').get() === undefined;
}
