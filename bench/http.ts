/**
 * Serves the loaded database with the built server (`npm start`'s `node dist/server/server.js`), beside a bare
 * Fastify server (the ceiling) and a naive Fastify + better-sqlite3 server (the floor), and
 * drives them from wrk on loopback, alternately within each scenario (lib/measure.ts). Then:
 * item latency while an export and count=true lists run (lib/isolation.ts), and a few scenarios
 * again under other settings (READ_WORKERS, CACHE_MB), each on a freshly started server.
 *
 *   tsx bench/http.ts --events 100000   (after bench/load.ts and npm run build)
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { migrateDatabase, openDatabase } from '../src/db/database.js';
import { dataFiles } from './generate.js';
import { type IsolationResult, measureIsolation } from './lib/isolation.js';
import {
  type MeasureOptions,
  measureScenario,
  type ScenarioResult,
  type Servers,
} from './lib/measure.js';
import { probe, type Sample } from './lib/probe.js';
import { API_ENV, memoryOf, ROOT, SERVER_ARGS, type Server, startServer } from './lib/processes.js';
import { SCALING_KEYS, type Scenario, scenariosFor } from './lib/scenarios.js';
import { loggedProblems } from './lib/server-log.js';
import type { Sidecar } from './lib/sidecar.js';
import { ensureWrk } from './lib/wrk.js';
import { databaseFor } from './load.js';

export type { ScenarioResult } from './lib/measure.js';

/** One setting of the API measured on its own server: what it costs to start and to hold. */
export interface ConfigResult {
  /** `default` for the main run, else the settings added, as `KEY=value KEY=value`. */
  label: string;
  env: Record<string, string>;
  /** Spawn → first 200 from /health. */
  startupMs: number;
  /** VmHWM when the server stopped (worker threads share the process, so they are in it). */
  peakRssMb: number;
  scenarios: ScenarioResult[];
  /** Failed requests the server logged (status and detail → count). */
  problems: Record<string, number>;
}

export interface HttpResult {
  startup: {
    apiMs: number;
    /** Spawn to the first event item answered 200 (the read workers loaded). */
    firstReadMs: number | null;
    bareMs: number;
    naiveMs: number;
    databaseMb: number;
  };
  /** Settings the main run added to the API's environment (--env). */
  apiEnv: Record<string, string>;
  scenarios: ScenarioResult[];
  /** Failed requests the main API logged (status and detail → count). */
  problems: Record<string, number>;
  serverPeakRssMb: number;
  /** Of the main API's RSS when its runs ended, the mapped file pages (memoryOf). */
  serverRssFileMb: number;
  heavy: Sample[];
  isolation: IsolationResult[];
  scaling: ConfigResult[];
}

export interface HttpOptions extends MeasureOptions {
  events: number;
  /** Added to the API's environment for the main run (and under each scaling setting). */
  apiEnv?: Record<string, string>;
  isolation?: boolean;
  /** Settings to measure the scaling scenarios under, each added to apiEnv. */
  scaling?: Record<string, string>[];
  /**
   * Where the API reads: the SQLite file (none given), or `{ DATABASE_URL }` for PostgreSQL
   * (--backend postgres). Apart from apiEnv, so that the report does not print its password.
   */
  backendEnv?: Record<string, string>;
}

/** The settings the pool-scaling section tries by default. */
export const DEFAULT_SCALING = 'READ_WORKERS=0;READ_WORKERS=1;READ_WORKERS=2;CACHE_MB=0';

/** `A=1 B=2;C=3` → [{A:'1',B:'2'},{C:'3'}]. */
export function parseSettings(text: string): Record<string, string>[] {
  return text
    .split(';')
    .map((group) => group.trim())
    .filter((group) => group.length > 0)
    .map((group) => parseEnv(group.split(/\s+/)));
}

export function parseEnv(pairs: string[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at < 1) throw new Error(`a setting is KEY=value, not '${pair}'`);
    env[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return env;
}

const labelOf = (env: Record<string, string>) =>
  Object.entries(env)
    .map(([key, value]) => `${key}=${value}`)
    .join(' ') || 'default';

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

/** The read timed after start-up: an event item (every generated database has this event). */
const FIRST_READ = '/v1/events/event-1';

const apiLog = (dataDir: string, name: string) => join(dataDir, `api-server${name}.log`);

function startApi(
  database: string,
  env: Record<string, string>,
  options: Pick<HttpOptions, 'dataDir' | 'backendEnv'>,
  name: string,
) {
  const { dataDir } = options;
  return startServer({
    args: SERVER_ARGS,
    env: { ...API_ENV, ...env, DATABASE_PATH: database, ...options.backendEnv },
    logFile: apiLog(dataDir, name),
    firstReadPath: FIRST_READ,
  });
}

/** The scaling scenarios under each setting, each on a server of its own. */
async function measureScaling(
  scenarios: Scenario[],
  servers: Omit<Servers, 'api'>,
  database: string,
  options: HttpOptions,
): Promise<ConfigResult[]> {
  const results: ConfigResult[] = [];
  for (const [i, setting] of (options.scaling ?? []).entries()) {
    const env = { ...options.apiEnv, ...setting };
    const label = labelOf(setting);
    options.log(`the API with ${label}…`);
    const api = await startApi(database, env, options, `-${i}`);
    options.log(
      `  listening after ${api.startupMs.toFixed(0)} ms, first event item after ${api.firstReadMs?.toFixed(0)} ms`,
    );
    try {
      const measured: ScenarioResult[] = [];
      for (const scenario of scenarios.filter((s) => SCALING_KEYS.includes(s.key))) {
        measured.push(
          await measureScenario(scenario, { ...servers, api }, { ...options, probe: false }),
        );
      }
      results.push({
        label,
        env: setting,
        startupMs: api.startupMs,
        peakRssMb: memoryOf(api.pid).peakMb,
        scenarios: measured,
        problems: {},
      });
    } finally {
      await api.stop();
    }
    const last = results.at(-1);
    if (last?.label === label) last.problems = loggedProblems(apiLog(options.dataDir, `-${i}`));
  }
  return results;
}

export async function runHttp(options: HttpOptions): Promise<HttpResult> {
  const { log } = options;
  const apiEnv = options.apiEnv ?? {};
  ensureWrk(log);
  const side = JSON.parse(
    readFileSync(dataFiles(options.dataDir, options.events).sidecar, 'utf8'),
  ) as Sidecar;
  const database = databaseFor(options.dataDir, options.events);
  const applied = bringUpToDate(database);
  if (applied > 0) log(`applied ${applied} migration(s) newer than the loaded database first`);
  const databaseMb = Math.round(statSync(database).size / 2 ** 20);
  const scenarios = scenariosFor(side);

  log('starting the bare Fastify server…');
  const bare = await startServer({
    args: ['--import', 'tsx', 'bench/bare-server.ts'],
    env: {},
    logFile: join(options.dataDir, 'bare-server.log'),
  });
  // The API first: it opens the database in WAL mode, which the read-only naive peer needs.
  log(`starting the API on ${database} (${databaseMb} MB) with ${labelOf(apiEnv)}…`);
  let api: Server | null = await startApi(database, apiEnv, options, '');
  log('starting the naive peer…');
  const naive = await startServer({
    args: ['--import', 'tsx', 'bench/naive-server.ts'],
    env: { DATABASE_PATH: database },
    logFile: join(options.dataDir, 'naive-server.log'),
  });
  log(
    `  listening after ${api.startupMs.toFixed(0)} ms (bare: ${bare.startupMs.toFixed(0)} ms, naive: ${naive.startupMs.toFixed(0)} ms), first event item after ${api.firstReadMs?.toFixed(0)} ms`,
  );
  try {
    const results: ScenarioResult[] = [];
    for (const scenario of scenarios) {
      results.push(
        await measureScenario(scenario, { bare, naive, api }, { ...options, probe: true }),
      );
    }
    // The people in the most events: the heaviest answers a person can give.
    const heavyPaths = side.popularPeople
      .slice(0, 2)
      .flatMap((id) => [`/v1/people/${id}`, `/v1/people/${id}/events`]);
    log('  the most active people, one request each…');
    const heavy = (await probe(api.url, heavyPaths)).samples;
    const isolation: IsolationResult[] = [];
    if (options.isolation !== false) {
      const items = scenarios.find((s) => s.key === 'event-uniform')?.paths ?? [];
      for (const reading of ['fully', 'slowly'] as const) {
        isolation.push(
          await measureIsolation({
            ...options,
            api,
            itemPaths: items,
            popularPerson: side.popularPeople[0] ?? 'person-0',
            reading,
          }),
        );
      }
    }
    const { peakMb: serverPeakRssMb, fileMb: serverRssFileMb } = memoryOf(api.pid);
    const startupMs = api.startupMs;
    const firstReadMs = api.firstReadMs;
    await api.stop();
    api = null;
    const problems = loggedProblems(apiLog(options.dataDir, ''));
    const scaling = await measureScaling(scenarios, { bare, naive }, database, options);
    return {
      startup: {
        apiMs: startupMs,
        firstReadMs: firstReadMs ?? null,
        bareMs: bare.startupMs,
        naiveMs: naive.startupMs,
        databaseMb,
      },
      apiEnv,
      scenarios: results,
      problems,
      serverPeakRssMb,
      serverRssFileMb,
      heavy,
      isolation,
      scaling,
    };
  } finally {
    await api?.stop();
    await naive.stop();
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
      env: { type: 'string', multiple: true, default: [] },
      scaling: { type: 'string', default: DEFAULT_SCALING },
      'skip-isolation': { type: 'boolean', default: false },
    },
  });
  const result = await runHttp({
    events: Number(values.events),
    dataDir: values.data,
    seconds: Number(values.duration),
    warmup: Number(values.warmup),
    runs: Number(values.runs),
    connections: Number(values.connections),
    apiEnv: parseEnv(values.env),
    isolation: !values['skip-isolation'],
    scaling: parseSettings(values.scaling),
    log: (line) => console.log(line),
  });
  console.log(JSON.stringify(result, null, 2));
}
