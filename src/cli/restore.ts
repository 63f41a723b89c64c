/**
 * npm run restore -- FILE: replaces the database at DATABASE_PATH with a backup. The server must
 * be stopped: a database in use is refused. The backup is copied beside the database, checked
 * there, and renamed into place, so DATABASE_PATH is at every moment either the old database or
 * the whole new one; the old one is kept beside it, its write-ahead log with it.
 */
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { loadConfig } from '../config.js';
import {
  checkBackup,
  copyDatabase,
  databaseInUse,
  removeDatabase,
  sidecarsOf,
  syncToDisk,
} from '../db/backup.js';
import { Failure, parseCommand, runCommand } from './command.js';
import { formatBytes } from './progress.js';

const USAGE = `Usage: npm run restore -- FILE

Replaces the database at DATABASE_PATH with FILE, a backup made by npm run backup. Stop the
server first: a database in use is refused. FILE is checked (SQLite's integrity check, foreign
keys, migrations of this version) before anything changes; the database it replaces is kept
beside it as DATABASE_PATH.replaced-<time>. The server applies newer migrations at start.

Options:
  -h, --help  show this help

Exit status: 0 restored; 2 nothing was changed (bad usage, an unsound backup, the database in use).
`;

function refuseIfInUse(target: string): void {
  if (databaseInUse(target)) {
    throw new Failure(
      `${target} is in use (is a server running on it?): stop the server, then restore`,
    );
  }
}

await runCommand('restore', async () => {
  const { values, positionals } = parseCommand(process.argv.slice(2), {
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const [file, ...extra] = positionals;
  if (file === undefined) throw new Failure('which backup? npm run restore -- FILE', true);
  if (extra.length > 0) throw new Failure(`one file: '${extra[0]}' is one too many`, true);

  let target: string;
  try {
    target = loadConfig().DATABASE_PATH;
  } catch (error) {
    throw new Failure((error as Error).message);
  }
  if (target === ':memory:') throw new Failure('DATABASE_PATH is :memory:, not a file');
  if (!existsSync(file) || !statSync(file).isFile()) throw new Failure(`no backup at ${file}`);
  if (resolve(file) === resolve(target)) {
    throw new Failure(`${file} is DATABASE_PATH itself: nothing to restore`, true);
  }
  refuseIfInUse(target);

  // Beside the target, so that the last step is a rename within one file system. Through the
  // backup API rather than a file copy: FILE may have a log of its own, or be open elsewhere.
  mkdirSync(dirname(resolve(target)), { recursive: true });
  const staged = join(dirname(target), `.${basename(target)}.restoring-${process.pid}`);
  removeDatabase(staged);
  let kept: string | undefined;
  try {
    try {
      await copyDatabase(file, staged);
    } catch (error) {
      throw new Failure(`cannot read ${file}: ${(error as Error).message}`);
    }
    const check = checkBackup(staged);
    if (check.problems.length > 0) {
      throw new Failure(`${file} is not a sound backup: ${check.problems.join('; ')}`);
    }
    syncToDisk(staged);

    refuseIfInUse(target);
    if (existsSync(target)) {
      kept = `${target}.replaced-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      renameSync(target, kept);
      // A log left beside the old file belongs to it: replayed onto the backup, it would corrupt it.
      const [wal, shm] = sidecarsOf(target) as [string, string];
      if (existsSync(wal)) renameSync(wal, `${kept}-wal`);
      rmSync(shm, { force: true });
    }
    try {
      renameSync(staged, target);
    } catch (error) {
      if (kept) renameSync(kept, target);
      throw new Failure(`${target} was not replaced: ${(error as Error).message}`);
    }
    syncToDisk(target);
  } finally {
    removeDatabase(staged);
  }
  process.stdout.write(
    `restored ${file} to ${target} (${formatBytes(statSync(target).size)})${kept ? `; the database it replaced is kept as ${kept}` : ''}\n`,
  );
  return 0;
});
