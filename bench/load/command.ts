/**
 * The import command (what `npm run import` runs: `dist/src/cli/import.js FILE`, built by
 * `npm run build`) as a child process on a database file, timed two ways: wall (spawn to exit,
 * module start-up included) and the import's own time (from the `started_at` the import logs in
 * the database to the process's exit: reading, checking, writing, indexing, committing and
 * closing the file). Its phases are timed by the progress lines it writes to stderr, which a
 * preload (usage-on-exit.mjs) stamps.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { nodeScriptArgs, ROOT, runChild } from '../lib/processes.js';

/** `npm run import`'s arguments to node, read from package.json so that the two cannot differ. */
const IMPORT_ARGS = nodeScriptArgs('import');
export const IMPORT_COMMAND = join(ROOT, IMPORT_ARGS.at(-1) as string);

export interface Phase {
  name: string;
  seconds: number;
}

export interface CommandFigures {
  /** Spawn to exit. */
  seconds: number;
  /** The import's own time: its logged start to the process's exit. */
  importSeconds: number;
  /** Spawn to the import's logged start: node, tsx, the modules, opening and migrating. */
  startupSeconds: number;
  cpuSeconds: number;
  peakRssMb: number;
  phases: Phase[];
  status: string;
  totals: Record<string, number>;
  via: string;
}

interface Usage {
  peakRssMb: number;
  cpuSeconds: number;
  preloadAt: number;
  exitAt: number;
  stderr: { at: number; text: string }[];
}

/** The newest import the database logged: when it started and ended, and its report. */
function lastImport(database: string) {
  const db = new Sqlite(database, { readonly: true });
  try {
    const row = db
      .prepare(
        'select started_at, finished_at, status, report from imports order by started_at desc limit 1',
      )
      .get() as { started_at: string; finished_at: string; status: string; report: string };
    return {
      startedAt: Date.parse(row.started_at),
      finishedAt: Date.parse(row.finished_at),
      status: row.status,
      totals: (JSON.parse(row.report) as { totals: Record<string, number> }).totals,
    };
  } finally {
    db.close();
  }
}

/**
 * Reading runs from the start to the first phase the progress names; each named phase to the
 * next; the last to the logged finish (inside the transaction); then committing and closing.
 */
function phasesOf(usage: Usage, startedAt: number, finishedAt: number): Phase[] {
  const marks = [{ name: 'reading', at: startedAt }];
  for (const { at, text } of usage.stderr) {
    const name = text.replace(/…$/, '');
    if (/records read/.test(text) || marks.some((m) => m.name === name)) continue;
    if (at >= startedAt && at <= finishedAt) marks.push({ name, at });
  }
  marks.push({ name: 'committing and closing', at: finishedAt });
  return marks.map((mark, i) => ({
    name: mark.name,
    seconds: ((marks[i + 1]?.at ?? usage.exitAt) - mark.at) / 1000,
  }));
}

/** The newest import a backend logged, as lastImport reads SQLite's. */
export type LoggedImport = ReturnType<typeof lastImport>;

export function commandImport(
  file: string,
  database: string,
  options: { logFile: string; usageFile: string },
): Promise<CommandFigures> {
  return runImportCommand(
    file,
    { DATABASE_PATH: database },
    async () => lastImport(database),
    options,
  );
}

/**
 * The import command on `file` with `env` choosing the backend (DATABASE_PATH or DATABASE_URL),
 * timed, its phases from its progress; `logged` reads the backend's import log after it exits.
 */
export async function runImportCommand(
  file: string,
  env: Record<string, string>,
  logged: () => Promise<LoggedImport>,
  options: { logFile: string; usageFile: string },
): Promise<CommandFigures> {
  rmSync(options.usageFile, { force: true });
  const spawnedAt = Date.now();
  const run = await runChild(
    // The preload is plain JavaScript: tsx loaded beside the command would add its own memory
    // (~40 MB) and start-up to what is measured.
    ['--import', './bench/load/usage-on-exit.mjs', ...IMPORT_ARGS, file],
    {
      env: { ...env, BENCH_USAGE_FILE: options.usageFile, LOG_LEVEL: 'warn' },
      logFile: options.logFile,
    },
  );
  if (run.code !== 0) {
    throw new Error(`the import command exited with ${run.code}; see ${options.logFile}`);
  }
  const usage = JSON.parse(readFileSync(options.usageFile, 'utf8')) as Usage;
  const last = await logged();
  return {
    seconds: run.seconds,
    importSeconds: (usage.exitAt - last.startedAt) / 1000,
    startupSeconds: (last.startedAt - spawnedAt) / 1000,
    cpuSeconds: usage.cpuSeconds,
    peakRssMb: usage.peakRssMb,
    phases: phasesOf(usage, last.startedAt, last.finishedAt),
    status: last.status,
    totals: last.totals,
    via: 'command',
  };
}
