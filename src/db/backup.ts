/**
 * Copies and checks database files for `npm run backup` and `npm run restore`. A copy goes
 * through SQLite's backup API, never through the file system: the file alone misses what its
 * write-ahead log holds, and a file copied while a server writes may be torn.
 */
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { MIGRATIONS_FOLDER } from '../paths.js';

/** Pages copied per step (4 MiB of 4 KiB pages): a step is a few milliseconds of reading. */
const STEP_PAGES = 1024;
/**
 * A commit by another connection between two steps restarts the copy from the first page. After
 * this many restarts the rest is copied in one step: one read transaction, which in WAL mode
 * holds no writer back.
 */
const MAX_RESTARTS = 2;

export interface CopyProgress {
  totalPages: number;
  remainingPages: number;
  pageSize: number;
}

export interface CopyResult {
  pages: number;
  pageSize: number;
  /** How often a commit by a server made the copy start again. */
  restarts: number;
}

/** The files SQLite keeps beside a database in WAL mode. */
export function sidecarsOf(path: string): string[] {
  return [`${path}-wal`, `${path}-shm`];
}

/** Removes a database file with its write-ahead log and shared-memory index. */
export function removeDatabase(path: string): void {
  for (const file of [path, ...sidecarsOf(path)]) rmSync(file, { force: true });
}

/** Flushes a file, and the folder that lists it, to the disk. */
export function syncToDisk(path: string): void {
  for (const target of [path, dirname(path)]) {
    const fd = openSync(target, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }
}

/**
 * Copies the database at `from` (which a server may be reading and writing) to `to`, a file that
 * must not exist: the copy is one consistent state of `from`, as of the end of the copy, in one
 * file (in rollback-journal mode: the server turns WAL back on when it opens it).
 */
export async function copyDatabase(
  from: string,
  to: string,
  onProgress?: (progress: CopyProgress) => void,
): Promise<CopyResult> {
  // Read-write, though it writes nothing: a read-only connection cannot remove the -wal and
  // -shm files it creates, and the last connection to close does (SQLite falls back to reading
  // only when the file is write-protected).
  const source = new Sqlite(from, { fileMustExist: true });
  try {
    source.pragma('busy_timeout = 5000');
    const pageSize = source.pragma('page_size', { simple: true }) as number;
    let restarts = 0;
    let lastRemaining = Number.POSITIVE_INFINITY;
    const { totalPages } = await source.backup(to, {
      progress: (progress) => {
        // The remaining pages go down with every step, unless the copy has started over.
        if (progress.remainingPages >= lastRemaining) restarts += 1;
        lastRemaining = progress.remainingPages;
        onProgress?.({ ...progress, pageSize });
        return restarts >= MAX_RESTARTS ? 0x7fffffff : STEP_PAGES;
      },
    });
    onProgress?.({ totalPages, remainingPages: 0, pageSize });
    const copy = new Sqlite(to, { fileMustExist: true });
    try {
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    return { pages: totalPages, pageSize, restarts };
  } finally {
    source.close();
  }
}

export interface BackupCheck {
  /** The migrations the backup has had, oldest first (their `created_at`). */
  migrations: number;
  /** What is wrong with it; empty when it is a sound Annals database. */
  problems: string[];
}

/** When the newest migration this code knows was generated: a backup newer than it is refused. */
function newestKnownMigration(): number {
  const journal = JSON.parse(
    readFileSync(join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8'),
  );
  return Math.max(...(journal.entries as { when: number }[]).map((entry) => entry.when));
}

/**
 * Checks a database file before it replaces the live one: SQLite's own integrity check, no
 * dangling foreign key, and migrations of this version of Annals (a newer one would not run).
 */
export function checkBackup(path: string): BackupCheck {
  if (!existsSync(path)) return { migrations: 0, problems: [`${path} does not exist`] };
  let db: Sqlite.Database | undefined;
  try {
    db = new Sqlite(path, { readonly: true, fileMustExist: true });
    const problems: string[] = [];
    const integrity = db.pragma('integrity_check(20)') as {
      integrity_check: string;
    }[];
    const messages = integrity.map((row) => row.integrity_check).filter((m) => m !== 'ok');
    problems.push(...messages.map((m) => `integrity check: ${m}`));
    const dangling = db.pragma('foreign_key_check') as { table: string; parent: string }[];
    if (dangling.length > 0) {
      const first = dangling[0] as { table: string; parent: string };
      problems.push(
        `${dangling.length} row(s) refer to rows that do not exist (first: ${first.table} -> ${first.parent})`,
      );
    }
    const table = db
      .prepare("select 1 from sqlite_master where type = 'table' and name = '__drizzle_migrations'")
      .get();
    if (!table) {
      problems.push('no migrations table (__drizzle_migrations): not an Annals database');
      return { migrations: 0, problems };
    }
    const { n, newest } = db
      .prepare('select count(*) n, max(created_at) newest from __drizzle_migrations')
      .get() as { n: number; newest: number | null };
    if (n === 0) problems.push('its migrations table is empty: not an Annals database');
    if (newest !== null && Number(newest) > newestKnownMigration()) {
      problems.push(
        'it has migrations this version of Annals does not know: restore it with the version that made it',
      );
    }
    return { migrations: n, problems };
  } catch (error) {
    return { migrations: 0, problems: [(error as Error).message] };
  } finally {
    db?.close();
  }
}

/**
 * Whether a connection other than ours has the database open (a server, say), found by trying to
 * leave WAL mode, which SQLite allows only to the last connection. On success the file is left
 * in rollback-journal mode with its log checkpointed into it (the server turns WAL back on).
 * False too when the file is missing or not a database: nothing can be using it as one.
 */
export function databaseInUse(path: string): boolean {
  if (!existsSync(path)) return false;
  let db: Sqlite.Database | undefined;
  try {
    db = new Sqlite(path, { fileMustExist: true });
    db.pragma('busy_timeout = 0');
    db.pragma('journal_mode = DELETE');
    return false;
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED';
  } finally {
    db?.close();
  }
}
