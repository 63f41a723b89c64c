/**
 * Import speed, three ways in one run, each in its own process on a fresh database file:
 *   (c) raw: plain prepared INSERTs of the same rows in one transaction (the baseline);
 *   (a) cli: the import command (`src/cli/import.ts FILE`, what `npm run import` runs), or where
 *       there is none, runImport over the file in a child process (bench/load/cli-import.ts);
 *   (b) http: POST /v1/imports with the file streamed as NDJSON to `node dist/src/server.js`.
 * Each reports records/s and peak RSS; the database (a) wrote is kept for the HTTP bench.
 *
 *   tsx bench/load.ts --events 100000   (after bench/generate.ts and npm run build)
 */
import { createReadStream, existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import Sqlite from 'better-sqlite3';
import { dataFiles } from './generate.js';
import {
  API_ENV,
  cpuSecondsOf,
  memoryOf,
  ROOT,
  runChild,
  runJsonChild,
  SERVER_ARGS,
  startServer,
} from './lib/processes.js';
import { freshDatabase } from './load/common.js';

export interface ImportFigures {
  seconds: number;
  cpuSeconds: number;
  records: number;
  recordsPerSecond: number;
  peakRssMb: number;
  [detail: string]: unknown;
}

export interface LoadResult {
  records: number;
  raw: ImportFigures;
  cli: ImportFigures;
  http?: ImportFigures;
  /** (a)/(c): the CLI import's rate over the raw insert rate, wall clock and CPU time. */
  cliToRaw: number;
  cliToRawCpu: number;
  /** Rows per table, the same in the raw and the CLI databases (or what differs). */
  tables: Record<string, number>;
  mismatches: string[];
  database: string;
}

const TSX = ['--import', 'tsx'];
const SECRET = 'bench-secret-0123456789abcdef';

export const databaseFor = (dir: string, events: number) => join(dir, `annals-${events}.db`);

function figures(raw: Record<string, unknown>, records: number): ImportFigures {
  const seconds = Number(raw.seconds);
  return {
    ...raw,
    seconds,
    cpuSeconds: Number(raw.cpuSeconds),
    records,
    recordsPerSecond: records / seconds,
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

/** Renames a database file, its write-ahead log checkpointed into it first. */
function moveDatabase(from: string, to: string): void {
  const db = new Sqlite(from);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  freshDatabase(to);
  renameSync(from, to);
  freshDatabase(from);
}

/** POSTs the file as NDJSON; resolves with the status and the parsed answer. */
function postNdjson(url: string, file: string): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${url}/v1/imports`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${SECRET}` },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          body += chunk;
        });
        res.on('end', () => {
          let parsed: unknown = body;
          try {
            parsed = JSON.parse(body);
          } catch {}
          resolve({ status: res.statusCode ?? 0, body: parsed });
        });
      },
    );
    req.on('error', reject);
    createReadStream(file, { highWaterMark: 1 << 20 }).pipe(req);
  });
}

async function httpImport(file: string, database: string, records: number, logDir: string) {
  freshDatabase(database);
  const server = await startServer({
    args: SERVER_ARGS,
    env: {
      ...API_ENV,
      DATABASE_PATH: database,
      API_KEYS: `bench:${SECRET}`,
    },
    logFile: join(logDir, 'http-import-server.log'),
  });
  try {
    const cpuBefore = cpuSecondsOf(server.pid);
    const started = performance.now();
    const answer = await postNdjson(server.url, file);
    const seconds = (performance.now() - started) / 1000;
    const cpu = cpuSecondsOf(server.pid) - cpuBefore;
    const memory = memoryOf(server.pid);
    const report = (answer.body as { report?: { totals?: unknown } }).report;
    if (answer.status !== 201) {
      throw new Error(
        `HTTP import answered ${answer.status}: ${JSON.stringify(answer.body).slice(0, 500)}`,
      );
    }
    return figures(
      {
        seconds,
        cpuSeconds: cpu,
        peakRssMb: memory.peakMb,
        status: answer.status,
        totals: report?.totals,
      },
      records,
    );
  } finally {
    await server.stop();
    freshDatabase(database);
  }
}

/** The import command, run as `npm run import -- FILE` runs it. */
const IMPORT_COMMAND = join(ROOT, 'src', 'cli', 'import.ts');

/** (a) through the import command, with its peak RSS and CPU time reported by a preload. */
async function commandImport(file: string, database: string, dataDir: string) {
  freshDatabase(database);
  const usageFile = join(dataDir, 'import-usage.json');
  rmSync(usageFile, { force: true });
  const run = await runChild(
    [...TSX, '--import', './bench/load/usage-on-exit.ts', IMPORT_COMMAND, file],
    {
      env: { DATABASE_PATH: database, BENCH_USAGE_FILE: usageFile, LOG_LEVEL: 'warn' },
      logFile: join(dataDir, 'cli-import.log'),
    },
  );
  if (run.code !== 0) {
    throw new Error(
      `the import command exited with ${run.code}; see ${join(dataDir, 'cli-import.log')}`,
    );
  }
  const usage = JSON.parse(readFileSync(usageFile, 'utf8')) as Record<string, number>;
  return { seconds: run.seconds, ...usage, via: 'command (includes start-up and migrations)' };
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

export async function runLoad(options: {
  events: number;
  dataDir: string;
  records: number;
  http: boolean;
  /** How to run (a): the import command when it exists (auto), or runImport in a child. */
  via: 'auto' | 'command' | 'runimport';
  log: (line: string) => void;
}): Promise<LoadResult> {
  const { events, dataDir, records, log } = options;
  const { ndjson } = dataFiles(dataDir, events);
  const database = databaseFor(dataDir, events);
  const rawDb = join(dataDir, `annals-${events}-raw.db`);
  const cliDb = join(dataDir, `annals-${events}-cli.db`);

  log(`(c) raw prepared INSERTs of ${records.toLocaleString('en-US')} records, one transaction…`);
  const rawChild = await runJsonChild<Record<string, unknown>>(
    [...TSX, 'bench/load/raw-insert.ts', ndjson, rawDb],
    join(dataDir, 'raw-insert.log'),
  );
  const raw = figures(rawChild, records);
  log(
    `    ${raw.recordsPerSecond.toFixed(0)} records/s, ${raw.seconds.toFixed(1)} s, peak RSS ${raw.peakRssMb} MB`,
  );

  const viaCommand =
    options.via === 'command' || (options.via === 'auto' && existsSync(IMPORT_COMMAND));
  log(
    viaCommand
      ? `(a) the import command (${IMPORT_COMMAND.slice(ROOT.length + 1)} FILE) into a fresh database…`
      : '(a) the project import (runImport over the NDJSON file stream) into a fresh database…',
  );
  const cli = figures(
    viaCommand
      ? await commandImport(ndjson, cliDb, dataDir)
      : await inProcessImport(ndjson, cliDb, dataDir),
    records,
  );
  log(
    `    ${cli.recordsPerSecond.toFixed(0)} records/s, ${cli.seconds.toFixed(1)} s, peak RSS ${cli.peakRssMb} MB`,
  );

  const rawTables = countRows(rawDb);
  const tables = countRows(cliDb);
  const mismatches = Object.keys({ ...rawTables, ...tables })
    .filter((t) => rawTables[t] !== tables[t])
    .map((t) => `${t}: raw ${rawTables[t]}, import ${tables[t]}`);
  freshDatabase(rawDb);
  moveDatabase(cliDb, database);

  let http: ImportFigures | undefined;
  if (options.http) {
    log('(b) POST /v1/imports, the file streamed as NDJSON to the built server…');
    http = await httpImport(ndjson, join(dataDir, `annals-${events}-http.db`), records, dataDir);
    log(
      `    ${http.recordsPerSecond.toFixed(0)} records/s, ${http.seconds.toFixed(1)} s, server peak RSS ${http.peakRssMb} MB`,
    );
  }

  return {
    records,
    raw,
    cli,
    ...(http ? { http } : {}),
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
    via: values.via as 'auto' | 'command' | 'runimport',
    log: (line) => console.log(line),
  });
  console.log(JSON.stringify(result, null, 2));
}
