import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Sqlite from 'better-sqlite3';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { MIGRATIONS_FOLDER } from '../paths.js';
import * as schema from './schema/index.js';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Sqlite.Database };

/** Opens (creating its folder if need be) the SQLite file, with the pragmas every query relies on. */
export function openDatabase(path: string): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Sqlite(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  // WAL makes NORMAL durable across application crashes; only power loss can drop the last commit.
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  // After a large import the WAL file shrinks back to this at its next checkpoint.
  sqlite.pragma('journal_size_limit = 67108864');
  return drizzle(sqlite, { schema, casing: 'snake_case' });
}

export function migrateDatabase(db: Db): void {
  migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
}

/** True when no source has been loaded yet: a fresh database that wants the seed. */
export function isEmpty(db: Db): boolean {
  return db.$client.prepare('select 1 from sources limit 1').get() === undefined;
}
