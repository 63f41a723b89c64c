/**
 * Serves the loaded database with the built server (`node dist/src/server.js`) and a bare
 * Fastify server (the ceiling), and drives each from wrk on loopback: per scenario a sequential
 * probe (statuses, sizes, the slowest targets), a warm-up, then `runs` runs whose medians count.
 *
 *   tsx bench/http.ts --events 100000   (after bench/load.ts and npm run build)
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { migrateDatabase, openDatabase } from '../src/db/database.js';
import { dataFiles } from './generate.js';
import { type Probe, probe } from './lib/probe.js';
import {
  API_ENV,
  cpuSecondsOf,
  memoryOf,
  ROOT,
  SERVER_ARGS,
  type Server,
  startServer,
} from './lib/processes.js';
import type { Sidecar } from './lib/sidecar.js';
import { ensureWrk, runWrk, type WrkRun } from './lib/wrk.js';
import { databaseFor } from './load.js';

export interface Scenario {
  name: string;
  server: 'bare' | 'api';
  /** Request targets, taken in turn. */
  paths: string[];
  /** A category per path, for the probe's breakdown (search). */
  categories?: string[];
}

export interface ScenarioResult {
  name: string;
  example: string;
  distinctTargets: number;
  runs: WrkRun[];
  median: Pick<WrkRun, 'requestsPerSecond' | 'p50Ms' | 'p99Ms' | 'bytesPerRequest'>;
  errors: number;
  non2xx: number;
  serverRssMb: number;
  /** CPU time the server spent per request over the measured runs: robust to a busy machine. */
  serverCpuMsPerRequest: number;
  probe: Probe;
}

export interface HttpResult {
  startup: { apiMs: number; bareMs: number; databaseMb: number };
  scenarios: ScenarioResult[];
  serverPeakRssMb: number;
  heavy: { path: string; status: number; ms: number; bytes: number }[];
}

export interface HttpOptions {
  events: number;
  dataDir: string;
  seconds: number;
  warmup: number;
  runs: number;
  connections: number;
  log: (line: string) => void;
}

export function scenariosFor(side: Sidecar): Scenario[] {
  const q = (value: string) => encodeURIComponent(value);
  return [
    { name: 'bare Fastify route (ceiling)', server: 'bare', paths: ['/bare'] },
    { name: 'GET /health (API stack, one trivial query)', server: 'api', paths: ['/health'] },
    {
      name: 'GET /v1/events/{id}',
      server: 'api',
      paths: side.eventIds.map((id) => `/v1/events/${id}`),
    },
    {
      name: 'events in a year, limit=50',
      server: 'api',
      paths: side.years.map((y) => `/v1/events?from=${y}&to=${y}&limit=50`),
    },
    {
      name: 'events filtered, include=place,participants',
      server: 'api',
      paths: side.filters.map((f) => `/v1/events?${f}&include=place,participants&limit=20`),
    },
    {
      name: 'GET /v1/search (mixed queries)',
      server: 'api',
      paths: side.queries.map((query) => `/v1/search?q=${q(query.q)}`),
      categories: side.queries.map((query) => query.category),
    },
    {
      name: 'timeline of a month',
      server: 'api',
      paths: side.months.map((m) => `/v1/timeline?from=${m}&to=${m}`),
    },
    {
      name: 'GET /v1/people/{id}',
      server: 'api',
      paths: side.personIds.map((id) => `/v1/people/${id}`),
    },
    {
      name: 'GET /v1/people/{id}/events',
      server: 'api',
      paths: side.personIds.map((id) => `/v1/people/${id}/events`),
    },
    { name: 'bare Fastify route (again, drift check)', server: 'bare', paths: ['/bare'] },
  ];
}

/**
 * Applies the migrations a database loaded by older code lacks (after --skip-load), so that the
 * start-up time measured is the server's, not a migration's. Returns how many were applied.
 */
function bringUpToDate(path: string): number {
  const db = openDatabase(path);
  const count = () =>
    db.$client.prepare('select count(*) from __drizzle_migrations').pluck().get() as number;
  const before = count();
  migrateDatabase(db);
  const applied = count() - before;
  db.$client.close();
  return applied;
}

/** Waits until the process uses less than a tenth of a core (or two minutes have passed). */
async function untilIdle(pid: number): Promise<void> {
  const deadline = performance.now() + 120_000;
  let last = cpuSecondsOf(pid);
  while (performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const now = cpuSecondsOf(pid);
    if (now - last < 0.025) return;
    last = now;
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] as number;
};

async function measure(
  scenario: Scenario,
  server: Server,
  options: HttpOptions,
): Promise<ScenarioResult> {
  const { log } = options;
  const pathsFile = join(options.dataDir, 'wrk-paths.txt');
  writeFileSync(pathsFile, `${scenario.paths.join('\n')}\n`);
  log(`  ${scenario.name}: probing ${Math.min(scenario.paths.length, 200)} targets one by one…`);
  const probed = await probe(server.url, scenario.paths, scenario.categories);
  log(
    `  ${scenario.name}: warm-up ${options.warmup} s, then ${options.runs} × ${options.seconds} s`,
  );
  await runWrk({
    url: server.url,
    pathsFile,
    seconds: options.warmup,
    connections: options.connections,
    offset: 0,
  });
  const runs: WrkRun[] = [];
  let cpu = 0;
  for (let i = 0; i < options.runs; i++) {
    // wrk leaves up to `connections` requests in flight: let the server finish them, so that a
    // run never pays for the one before it.
    await untilIdle(server.pid);
    const offset = Math.floor(((i + 1) * scenario.paths.length) / (options.runs + 1));
    const cpuBefore = cpuSecondsOf(server.pid);
    runs.push(
      await runWrk({
        url: server.url,
        pathsFile,
        seconds: options.seconds,
        connections: options.connections,
        offset,
      }),
    );
    cpu += cpuSecondsOf(server.pid) - cpuBefore;
  }
  await untilIdle(server.pid);
  const requests = runs.reduce((sum, r) => sum + r.requests, 0);
  const result: ScenarioResult = {
    name: scenario.name,
    example: scenario.paths[0] as string,
    distinctTargets: new Set(scenario.paths).size,
    runs,
    median: {
      requestsPerSecond: median(runs.map((r) => r.requestsPerSecond)),
      p50Ms: median(runs.map((r) => r.p50Ms)),
      p99Ms: median(runs.map((r) => r.p99Ms)),
      bytesPerRequest: median(runs.map((r) => r.bytesPerRequest)),
    },
    errors: runs.reduce((sum, r) => sum + r.errors, 0),
    non2xx: runs.reduce((sum, r) => sum + r.non2xx, 0),
    serverRssMb: memoryOf(server.pid).rssMb,
    serverCpuMsPerRequest: requests > 0 ? (cpu * 1000) / requests : 0,
    probe: probed,
  };
  const m = result.median;
  log(
    `    ${m.requestsPerSecond.toFixed(0)} req/s, p50 ${m.p50Ms.toFixed(2)} ms, p99 ${m.p99Ms.toFixed(2)} ms, ${result.errors} errors, ${result.non2xx} non-2xx, ${result.serverCpuMsPerRequest.toFixed(3)} CPU ms/req, RSS ${result.serverRssMb} MB`,
  );
  return result;
}

export async function runHttp(options: HttpOptions): Promise<HttpResult> {
  const { log } = options;
  ensureWrk(log);
  const side = JSON.parse(
    readFileSync(dataFiles(options.dataDir, options.events).sidecar, 'utf8'),
  ) as Sidecar;
  const database = databaseFor(options.dataDir, options.events);
  const applied = bringUpToDate(database);
  if (applied > 0) log(`applied ${applied} migration(s) newer than the loaded database first`);
  const databaseMb = Math.round(statSync(database).size / 2 ** 20);

  log('starting the bare Fastify server…');
  const bare = await startServer({
    args: ['--import', 'tsx', 'bench/bare-server.ts'],
    env: {},
    logFile: join(options.dataDir, 'bare-server.log'),
  });
  log(`starting the API on ${database} (${databaseMb} MB)…`);
  const api = await startServer({
    args: SERVER_ARGS,
    env: { ...API_ENV, DATABASE_PATH: database },
    logFile: join(options.dataDir, 'api-server.log'),
  });
  log(`  listening after ${api.startupMs.toFixed(0)} ms (bare: ${bare.startupMs.toFixed(0)} ms)`);
  try {
    const scenarios: ScenarioResult[] = [];
    for (const scenario of scenariosFor(side)) {
      scenarios.push(await measure(scenario, scenario.server === 'bare' ? bare : api, options));
    }
    // The people in the most events: the heaviest answers a person can give.
    const heavy = side.popularPeople
      .slice(0, 2)
      .flatMap((id) => [`/v1/people/${id}`, `/v1/people/${id}/events`]);
    log('  the most active people, one request each…');
    const heavyProbe = await probe(api.url, heavy);
    return {
      startup: { apiMs: api.startupMs, bareMs: bare.startupMs, databaseMb },
      scenarios,
      serverPeakRssMb: memoryOf(api.pid).peakMb,
      heavy: heavyProbe.samples,
    };
  } finally {
    await api.stop();
    await bare.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({
    options: {
      events: { type: 'string', default: '100000' },
      data: { type: 'string', default: join(ROOT, 'bench', 'data') },
      duration: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '5' },
      runs: { type: 'string', default: '3' },
      connections: { type: 'string', default: '50' },
    },
  });
  const result = await runHttp({
    events: Number(values.events),
    dataDir: values.data,
    seconds: Number(values.duration),
    warmup: Number(values.warmup),
    runs: Number(values.runs),
    connections: Number(values.connections),
    log: (line) => console.log(line),
  });
  console.log(JSON.stringify(result, null, 2));
}
