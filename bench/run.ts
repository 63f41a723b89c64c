/**
 * npm run bench -- [--events 100000] [--duration 10] [--warmup 5] [--runs 3] [--connections 50]
 *                  [--skip-load] [--skip-http-import] [--skip-incremental] [--incremental 10000]
 *                  [--import-readers 4] [--import-read-pause 20] [--skip-http] [--regenerate]
 *                  [--via auto|command|runimport] [--env KEY=value]…
 *                  [--scaling 'READ_WORKERS=0;READ_WORKERS=1;…'] [--skip-isolation]
 *                  [--backend sqlite|postgres]
 *
 * Builds the server, generates the data (reused when the same --events was generated before),
 * loads it (raw INSERTs into primary keys only, the import command, an incremental import into
 * the loaded database, HTTP NDJSON with item reads meanwhile) beside issue 12's targets, serves
 * it and drives it with wrk beside bare Fastify and a naive peer, then writes
 * bench/results/<timestamp>-<events>.md and .json. With `--backend postgres` the HTTP part serves
 * the same data from PostgreSQL (a server of its own, loaded by the import command first:
 * load/postgres.ts); the load part is SQLite's either way.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { dataFiles, generate } from './generate.js';
import { DEFAULT_SCALING, parseEnv, parseSettings, runHttp } from './http.js';
import { fingerprint } from './lib/fingerprint.js';
import { ROOT } from './lib/processes.js';
import { type BenchResult, toMarkdown } from './lib/report.js';
import type { Sidecar } from './lib/sidecar.js';
import { ensureWrk } from './lib/wrk.js';
import { loadPostgres } from './load/postgres.js';
import { databaseFor, runLoad } from './load.js';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '100000' },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '5' },
    runs: { type: 'string', default: '3' },
    connections: { type: 'string', default: '50' },
    'skip-load': { type: 'boolean', default: false },
    'skip-http-import': { type: 'boolean', default: false },
    'skip-incremental': { type: 'boolean', default: false },
    incremental: { type: 'string', default: '10000' },
    'import-readers': { type: 'string', default: '4' },
    'import-read-pause': { type: 'string', default: '20' },
    'skip-http': { type: 'boolean', default: false },
    regenerate: { type: 'boolean', default: false },
    via: { type: 'string', default: 'auto' },
    env: { type: 'string', multiple: true, default: [] },
    scaling: { type: 'string', default: DEFAULT_SCALING },
    'skip-isolation': { type: 'boolean', default: false },
    backend: { type: 'string', default: 'sqlite' },
    data: { type: 'string', default: join(ROOT, 'bench', 'data') },
  },
});

const events = Number(values.events);
if (!Number.isInteger(events) || events < 100)
  throw new Error('--events takes a whole number ≥ 100');
const options = {
  seconds: Number(values.duration),
  warmup: Number(values.warmup),
  runs: Number(values.runs),
  connections: Number(values.connections),
};
const dataDir = values.data;
const backend = values.backend;
if (backend !== 'sqlite' && backend !== 'postgres') {
  throw new Error('--backend takes sqlite or postgres');
}
const began = performance.now();
const log = (line: string) => {
  const s = Math.round((performance.now() - began) / 1000);
  console.log(
    `[${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}] ${line}`,
  );
};

const result: BenchResult = {
  startedAt: new Date().toISOString(),
  finishedAt: '',
  events,
  backend,
  machine: {
    node: process.version,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round(totalmem() / 2 ** 30),
    loadAverageStart: loadavg(),
    loadAverageEnd: [],
  },
  options,
  code: fingerprint(ROOT),
  data: { records: 0, counts: {}, fileMb: 0 },
};

if (!values['skip-http']) ensureWrk(log);
log('building the server (npm run build)…');
try {
  execFileSync('npm', ['run', '-s', 'build'], { cwd: ROOT, stdio: 'inherit' });
} catch {
  console.error('the build failed (above): the bench serves the built server, so it stops here');
  process.exit(1);
}

log(`generating ${events.toLocaleString('en-US')} events…`);
const generated = await generate(events, dataDir, { force: values.regenerate, log: (l) => log(l) });
const side = JSON.parse(readFileSync(generated.sidecar, 'utf8')) as Sidecar;
result.data = {
  records: side.lines,
  counts: side.counts,
  fileMb: Math.round(statSync(dataFiles(dataDir, events).ndjson).size / 2 ** 20),
};

mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
const stamp = result.startedAt.replace(/[:.]/g, '-').replace(/-\d{3}Z$/, 'Z');
const base = join(ROOT, 'bench', 'results', `${stamp}-${events}`);
const save = () => {
  result.finishedAt = new Date().toISOString();
  result.machine.loadAverageEnd = loadavg();
  writeFileSync(`${base}.json`, `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(`${base}.md`, toMarkdown(result));
};

if (values['skip-load']) {
  if (!existsSync(databaseFor(dataDir, events))) {
    throw new Error(
      `no loaded database at ${databaseFor(dataDir, events)}: run without --skip-load once`,
    );
  }
  log('reusing the loaded database (--skip-load)');
} else {
  log('loading (this is the long part)…');
  result.load = await runLoad({
    events,
    dataDir,
    records: side.lines,
    http: !values['skip-http-import'],
    readers: Number(values['import-readers']),
    readPauseMs: Number(values['import-read-pause']),
    incremental: values['skip-incremental'] ? 0 : Number(values.incremental),
    via: values.via as 'auto' | 'command' | 'runimport',
    log,
  });
  save();
}

if (!values['skip-http']) {
  const postgres =
    backend === 'postgres'
      ? await loadPostgres({
          file: dataFiles(dataDir, events).ndjson,
          records: side.lines,
          dataDir,
          log,
        })
      : undefined;
  if (postgres) {
    result.postgresLoad = postgres.load;
    save();
  }
  try {
    log(`serving from ${backend} and measuring over HTTP…`);
    result.http = await runHttp({
      events,
      dataDir,
      ...options,
      apiEnv: parseEnv(values.env),
      backendEnv: postgres ? { DATABASE_URL: postgres.server.url } : undefined,
      isolation: !values['skip-isolation'],
      scaling: parseSettings(values.scaling),
      log,
    });
  } finally {
    await postgres?.server.stop();
  }
}
save();
log(`done: ${base}.md`);
console.log(`\n${toMarkdown(result)}`);
