/**
 * npm run backup -- FILE: a consistent copy of the database at DATABASE_PATH, taken with SQLite's
 * backup API while a server may be reading and writing it. The copy is written beside FILE and
 * renamed into place once complete, so FILE is a whole backup or is not there.
 */
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { loadConfig } from '../config.js';
import {
  type CopyProgress,
  copyDatabase,
  removeDatabase,
  sidecarsOf,
  syncToDisk,
} from '../db/backup.js';
import { Failure, parseCommand, runCommand } from './command.js';
import { formatBytes } from './progress.js';

const USAGE = `Usage: npm run backup -- FILE [options]

Copies the database at DATABASE_PATH to FILE with SQLite's backup API: a consistent copy, taken
while the server runs and writes (a write that commits during the copy makes it start again, so
the copy is the state after it). npm run restore -- FILE puts it back.

Options:
  --force     replace FILE if it exists
  -h, --help  show this help

Exit status: 0 backed up; 2 nothing was written (bad usage, no database, FILE exists, a failure).
`;

/** Progress on stderr: a line redrawn on a terminal, else a line a second for a long copy. */
function progressLine(stream: NodeJS.WriteStream) {
  let last = performance.now();
  let drawn = false;
  return {
    update({ totalPages, remainingPages, pageSize }: CopyProgress) {
      const now = performance.now();
      if (now - last < (stream.isTTY ? 100 : 1000)) return;
      last = now;
      const done = totalPages - remainingPages;
      const percent = totalPages > 0 ? Math.floor((done / totalPages) * 100) : 100;
      const text = `${formatBytes(done * pageSize)} of ${formatBytes(totalPages * pageSize)} copied (${percent}%)`;
      stream.write(stream.isTTY ? `\r\x1b[2K${text}` : `${text}\n`);
      drawn = true;
    },
    done() {
      if (drawn && stream.isTTY) stream.write('\r\x1b[2K');
    },
  };
}

await runCommand('backup', async () => {
  const { values, positionals } = parseCommand(process.argv.slice(2), {
    force: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const [file, ...extra] = positionals;
  if (file === undefined) throw new Failure('where to? npm run backup -- FILE', true);
  if (extra.length > 0) throw new Failure(`one file: '${extra[0]}' is one too many`, true);

  let source: string;
  try {
    source = loadConfig().DATABASE_PATH;
  } catch (error) {
    throw new Failure((error as Error).message);
  }
  if (source === ':memory:' || !existsSync(source)) {
    throw new Failure(`no database at ${source}: set DATABASE_PATH`);
  }
  if (resolve(file) === resolve(source)) {
    throw new Failure(`${file} is the database itself: back it up to another file`, true);
  }
  if (existsSync(file) && !values.force) {
    throw new Failure(`${file} exists: pass --force to replace it`);
  }

  mkdirSync(dirname(resolve(file)), { recursive: true });
  const partial = `${file}.partial`;
  removeDatabase(partial);
  const started = performance.now();
  const progress = progressLine(process.stderr);
  let result: Awaited<ReturnType<typeof copyDatabase>>;
  try {
    result = await copyDatabase(source, partial, (p) => progress.update(p));
    syncToDisk(partial);
    // An older database at FILE may have left its log beside it: it must not meet the new file.
    for (const sidecar of sidecarsOf(file)) rmSync(sidecar, { force: true });
    renameSync(partial, file);
    syncToDisk(file);
  } catch (error) {
    removeDatabase(partial);
    throw new Failure(`${file} was not written: ${(error as Error).message}`);
  } finally {
    progress.done();
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const restarted =
    result.restarts > 0 ? `; restarted ${result.restarts} time(s) by writes during the copy` : '';
  process.stdout.write(
    `backed up ${source} to ${file}: ${formatBytes(statSync(file).size)} (${result.pages} pages) in ${seconds} s${restarted}\n`,
  );
  return 0;
});
