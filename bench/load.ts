/**
 * Import speed (issue 12), each path in its own process:
 *   (c) raw: SQLite's own limit, plain prepared INSERTs of the same rows in one transaction into
 *        tables with our columns and only their primary keys (bench/load/raw-insert.ts);
 *   (a) cli: the import command (`npm run import FILE`: dist/src/cli/import.js) into a fresh migrated database, or
 *       where there is none, runImport over the file in a child process (bench/load/cli-import.ts);
 *   (d) incremental: 10,000 new or changed records imported by the command into a copy of the
 *       database (a) loaded (bench/load/incremental.ts);
 *   (b) http: POST /v1/imports with the file streamed as NDJSON to the built server (`npm start`'s command),
 *       while a few clients ask for event items (bench/load/http-import.ts).
 * Each reports records/s and peak RSS; the database (a) wrote is kept for the HTTP bench.
 *
 *   tsx bench/load.ts --events 100000   (after bench/generate.ts and npm run build)
 */
import { constants, copyFileSync, existsSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import Sqlite from 'better-sqlite3';
import { migrateDatabase, openDatabase } from '../src/db/database.js';
import { dataFiles } from './generate.js';
import type { ReadFigures } from './lib/item-readers.js';
import { ROOT, runJsonChild } from './lib/processes.js';
import { importSection } from './lib/report-import.js';
import type { Sidecar } from './lib/sidecar.js';
import { commandImport, IMPORT_COMMAND, type Phase } from './load/command.js';
import { freshDatabase } from './load/common.js';
import { httpImport } from './load/http-import.js';
import { type IncrementalPlan, writeIncremental } from './load/incremental.js';

export interface ImportFigures {
  /** Wall clock: spawn to exit for a child, the request for HTTP. */
  seconds: number;
  /** The import's own time (the command's start-up left out); records/s is over this. */
  importSeconds: number;
  cpuSeconds: number;
  records: number;
  recordsPerSecond: number;
  peakRssMb: number;
  phases?: Phase[];
  [detail: string]: unknown;
}

export interface LoadResult {
  records: number;
  /** Rows the raw path wrote (records, their lists, their citations). */
  rows: number;
  raw: ImportFigures;
  cli: ImportFigures;
  http?: ImportFigures;
  incremental?: ImportFigures & { plan: IncrementalPlan; problems: string[] };
  /** Event items read while (b) ran. */
  reads?: ReadFigures;
  /** (a)/raw: the CLI import's rate over the raw insert rate, own time and CPU time. */
  cliToRaw: number;
  cliToRawCpu: number;
  /** (b) ÷ (a): the HTTP import's time over the CLI import's own time. */
  httpToCli?: number;
  /** Rows per table of the CLI database, for the tables the raw path wrote. */
  tables: Record<string, number>;
  mismatches: string[];
  database: string;
}

const TSX = ['--import', 'tsx'];

export const databaseFor = (dir: string, events: number) => join(dir, `annals-${events}.db`);

function figures(raw: Record<string, unknown>, records: number): ImportFigures {
  const seconds = Number(raw.seconds);
  const importSeconds = Number(raw.importSeconds ?? raw.seconds);
  return {
    ...raw,
    seconds,
    importSeconds,
    cpuSeconds: Number(raw.cpuSeconds),
    records,
    recordsPerSecond: records / importSeconds,
    peakRssMb: Number(raw.peakRssMb),
  };
}

function countRows(path: string): Record<string, number> {
  const db = new Sqlite(path, { readonly: true });
  const tables = db
    .prepare(
      "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'search_fts%' and name not like '__drizzle%' and name <> 'imports' order by name",
    )
    .pluck()
    .all() as string[];
  const counts = Object.fromEntries(
    tables.map((t) => [t, db.prepare(`select count(*) from "${t}"`).pluck().get() as number]),
  );
  db.close();
  return counts;
}

/** Checkpoints a database's write-ahead log into its file, so that the file can be copied. */
function checkpoint(path: string): void {
  const db = new Sqlite(path);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

/** Renames a database file, its write-ahead log checkpointed into it first. */
function moveDatabase(from: string, to: string): void {
  checkpoint(from);
  freshDatabase(to);
  renameSync(from, to);
  freshDatabase(from);
}

/** A fresh file with the migrations applied, as `npm run migrate` leaves it. */
function migratedDatabase(path: string): void {
  freshDatabase(path);
  const db = openDatabase(path);
  migrateDatabase(db);
  db.$client.close();
}

/** (a) by calling runImport as the command does, with the time to stage and to write apart. */
async function inProcessImport(file: string, database: string, dataDir: string) {
  const child = await runJsonChild<Record<string, unknown>>(
    [...TSX, 'bench/load/cli-import.ts', file, database],
    join(dataDir, 'cli-import.log'),
  );
  if (child.status !== 'imported') {
    throw new Error(`the import was ${child.status}: ${JSON.stringify(child.rejections)}`);
  }
  return { ...child, via: 'runImport in a child process' };
}

/** (d): the incremental records into a copy of the loaded database, by the import command. */
async function incrementalImport(options: {
  events: number;
  dataDir: string;
  database: string;
  size: number;
}): Promise<NonNullable<LoadResult['incremental']>> {
  const { events, dataDir } = options;
  const plan = writeIncremental(
    events,
    join(dataDir, `annals-${events}-incremental.ndjson`),
    dataFiles(dataDir, events).ndjson,
    options.size,
  );
  const copy = join(dataDir, `annals-${events}-incremental.db`);
  freshDatabase(copy);
  checkpoint(options.database);
  copyFileSync(options.database, copy, constants.COPYFILE_FICLONE);
  try {
    const run = await commandImport(plan.file, copy, {
      logFile: join(dataDir, 'incremental-import.log'),
      usageFile: join(dataDir, 'incremental-usage.json'),
    });
    const problems: string[] = [];
    if (run.status !== 'imported') problems.push(`the import was ${run.status}`);
    for (const key of ['created', 'updated'] as const) {
      if (run.totals[key] !== plan.expected[key]) {
        problems.push(`${key} ${run.totals[key]}, expected ${plan.expected[key]}`);
      }
    }
    return { ...figures({ ...run }, plan.records), plan, problems };
  } finally {
    freshDatabase(copy);
  }
}

export async function runLoad(options: {
  events: number;
  dataDir: string;
  records: number;
  http: boolean;
  /** How many clients read event items while (b) runs (0: none). */
  readers: number;
  /** What each reader waits between an answer and its next request, ms. */
  readPauseMs: number;
  /** Records in (d), the incremental import (0: skip it). */
  incremental: number;
  /** How to run (a): the import command when it exists (auto), or runImport in a child. */
  via: 'auto' | 'command' | 'runimport';
  log: (line: string) => void;
}): Promise<LoadResult> {
  const { events, dataDir, records, log } = options;
  const { ndjson, sidecar } = dataFiles(dataDir, events);
  const database = databaseFor(dataDir, events);
  const rawDb = join(dataDir, `annals-${events}-raw.db`);
  const cliDb = join(dataDir, `annals-${events}-cli.db`);
  const rate = (f: ImportFigures) =>
    `${f.recordsPerSecond.toFixed(0)} records/s, ${f.importSeconds.toFixed(1)} s (wall ${f.seconds.toFixed(1)} s), peak RSS ${f.peakRssMb} MB`;

  log(`(c) raw: prepared INSERTs of ${records.toLocaleString('en-US')} records, one transaction…`);
  const rawChild = await runJsonChild<Record<string, unknown>>(
    [...TSX, 'bench/load/raw-insert.ts', ndjson, rawDb],
    join(dataDir, 'raw-insert.log'),
  );
  const raw = figures(rawChild, records);
  const rows = Number(rawChild.rows);
  log(`    ${rate(raw)}, ${(rows / raw.importSeconds).toFixed(0)} rows/s`);

  const viaCommand =
    options.via === 'command' || (options.via === 'auto' && existsSync(IMPORT_COMMAND));
  log(
    viaCommand
      ? `(a) the import command (${IMPORT_COMMAND.slice(ROOT.length + 1)} FILE) into a fresh migrated database…`
      : '(a) the project import (runImport over the NDJSON file stream) into a fresh database…',
  );
  migratedDatabase(cliDb);
  const cli = figures(
    viaCommand
      ? {
          ...(await commandImport(ndjson, cliDb, {
            logFile: join(dataDir, 'cli-import.log'),
            usageFile: join(dataDir, 'import-usage.json'),
          })),
        }
      : await inProcessImport(ndjson, cliDb, dataDir),
    records,
  );
  log(`    ${rate(cli)}`);

  const rawTables = countRows(rawDb);
  const cliTables = countRows(cliDb);
  const tables = Object.fromEntries(Object.keys(rawTables).map((t) => [t, cliTables[t] ?? 0]));
  const mismatches = Object.keys(rawTables)
    .filter((t) => rawTables[t] !== tables[t])
    .map((t) => `${t}: raw ${rawTables[t]}, import ${tables[t]}`);
  freshDatabase(rawDb);
  moveDatabase(cliDb, database);

  let incremental: LoadResult['incremental'];
  if (options.incremental > 0) {
    log(
      `(d) ${options.incremental.toLocaleString('en-US')} new or changed records by the import command into a copy of (a)'s database…`,
    );
    incremental = await incrementalImport({
      events,
      dataDir,
      database,
      size: options.incremental,
    });
    log(
      `    ${rate(incremental)}${incremental.problems.length > 0 ? `; ${incremental.problems.join('; ')}` : ''}`,
    );
  }

  let http: ImportFigures | undefined;
  let reads: ReadFigures | undefined;
  if (options.http) {
    const reading =
      options.readers > 0
        ? `, ${options.readers} clients reading event items (${options.readPauseMs} ms between an answer and the next request)`
        : '';
    log(`(b) POST /v1/imports, the file streamed as NDJSON to the built server${reading}…`);
    const side = JSON.parse(readFileSync(sidecar, 'utf8')) as Sidecar;
    const answer = await httpImport({
      file: ndjson,
      database: join(dataDir, `annals-${events}-http.db`),
      logDir: dataDir,
      readIds: side.eventIds,
      readers: options.readers,
      readPauseMs: options.readPauseMs,
    });
    reads = answer.reads;
    const { reads: _, ...rest } = answer;
    http = figures({ ...rest }, records);
    log(`    ${rate(http)} (the server's VmHWM)`);
    if (reads) {
      log(
        `    item reads: p50 ${reads.p50Ms.toFixed(1)} ms, p99 ${reads.p99Ms.toFixed(1)} ms, max ${reads.maxMs.toFixed(1)} ms over ${reads.requests} requests`,
      );
    }
  }

  return {
    records,
    rows,
    raw,
    cli,
    ...(http ? { http, httpToCli: http.importSeconds / cli.importSeconds } : {}),
    ...(incremental ? { incremental } : {}),
    ...(reads ? { reads } : {}),
    cliToRaw: cli.recordsPerSecond / raw.recordsPerSecond,
    cliToRawCpu: raw.cpuSeconds / cli.cpuSeconds,
    tables,
    mismatches,
    database,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({
    options: {
      events: { type: 'string', default: '100000' },
      data: { type: 'string', default: join(ROOT, 'bench', 'data') },
      'skip-http': { type: 'boolean', default: false },
      'skip-incremental': { type: 'boolean', default: false },
      incremental: { type: 'string', default: '10000' },
      'import-readers': { type: 'string', default: '4' },
      'import-read-pause': { type: 'string', default: '20' },
      via: { type: 'string', default: 'auto' },
    },
  });
  const events = Number(values.events);
  const { sidecar } = dataFiles(values.data, events);
  const records = (JSON.parse(readFileSync(sidecar, 'utf8')) as { lines: number }).lines;
  const result = await runLoad({
    events,
    dataDir: values.data,
    records,
    http: !values['skip-http'],
    readers: Number(values['import-readers']),
    readPauseMs: Number(values['import-read-pause']),
    incremental: values['skip-incremental'] ? 0 : Number(values.incremental),
    via: values.via as 'auto' | 'command' | 'runimport',
    log: (line) => console.log(line),
  });
  console.log(JSON.stringify(result, null, 2));
  console.log(`\n${importSection(result, events).join('\n')}`);
}
