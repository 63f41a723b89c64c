/**
 * What each plugin costs a request: the built server started with every plugin on (as
 * `npm start` runs it, rate limits and load shedding included), as `npm run bench` runs it (no
 * rate limits, no load shedding), then with each one off in turn (PLUGINS_OFF), with all off,
 * and with all on at LOG_LEVEL=info. Each is driven by wrk on /health and on event items, in
 * rounds that alternate with the bare Fastify route (the ceiling) in the same run; CPU ms a
 * request is read from /proc, which a loaded machine disturbs least.
 *
 *   npm run build && npx tsx bench/plugins.ts [--database file] [--duration 5] [--warmup 2]
 *                                             [--rounds 3] [--connections 50] [--only all,cors]
 *
 * Without --database, the server seeds a fresh database in a temp folder; a database given is
 * opened as the server opens it (migrated at start): pass a copy.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { OPTIONAL_PLUGINS } from '../src/config.js';
import {
  API_ENV,
  cpuSecondsOf,
  get,
  SERVER_ARGS,
  type Server,
  startServer,
} from './lib/processes.js';
import { ensureWrk, runWrk } from './lib/wrk.js';

const { values } = parseArgs({
  options: {
    database: { type: 'string' },
    duration: { type: 'string', default: '5' },
    warmup: { type: 'string', default: '2' },
    rounds: { type: 'string', default: '3' },
    connections: { type: 'string', default: '50' },
    only: { type: 'string' },
  },
});
const seconds = Number(values.duration);
const warmup = Number(values.warmup);
const rounds = Number(values.rounds);
const connections = Number(values.connections);
const dir = mkdtempSync(join(tmpdir(), 'annals-bench-plugins-'));
const log = (line: string) => process.stdout.write(`${line}\n`);

/**
 * Production settings but for the limits, set so high that wrk (one address) never meets them
 * while the plugin still counts every request; load shedding at its default.
 */
const ALL_ON: Record<string, string> = {
  ...API_ENV,
  RATE_LIMIT_READS: '1000000',
  RATE_LIMIT_WRITES: '1000000',
  RATE_LIMIT_NOT_FOUND: '1000000',
  MAX_EVENT_LOOP_DELAY_MS: '1000',
  PLUGINS_OFF: '',
};

interface Config {
  name: string;
  env: Record<string, string>;
}

const CONFIGS: Config[] = [
  { name: 'all', env: ALL_ON },
  // As `npm run bench` runs the API (lib/processes.ts): every plugin registered, but neither rate
  // limits nor load shedding, the setting issue 11's `/health` target is measured in.
  {
    name: 'bench',
    env: {
      ...ALL_ON,
      RATE_LIMIT_READS: '0',
      RATE_LIMIT_WRITES: '0',
      RATE_LIMIT_NOT_FOUND: '0',
      MAX_EVENT_LOOP_DELAY_MS: '0',
    },
  },
  ...OPTIONAL_PLUGINS.map((plugin) => ({
    name: `-${plugin}`,
    env: { ...ALL_ON, PLUGINS_OFF: plugin },
  })),
  { name: 'none', env: { ...ALL_ON, PLUGINS_OFF: OPTIONAL_PLUGINS.join(',') } },
  { name: 'LOG_LEVEL=info', env: { ...ALL_ON, LOG_LEVEL: 'info' } },
];

interface Figures {
  requestsPerSecond: number;
  cpuMsPerRequest: number;
  p99Ms: number;
  non2xx: number;
}

const median = (xs: number[]) =>
  [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] ?? 0;

/** Waits until the process uses less than a tenth of a core, so a run never pays for the last. */
async function untilIdle(pid: number): Promise<void> {
  let last = cpuSecondsOf(pid);
  for (let i = 0; i < 120; i++) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const now = cpuSecondsOf(pid);
    if (now - last < 0.025) return;
    last = now;
  }
}

function pathsFile(name: string, paths: string[]): string {
  const file = join(dir, `${name}.txt`);
  writeFileSync(file, `${paths.join('\n')}\n`);
  return file;
}

async function run(server: Server, paths: string, duration = seconds): Promise<Figures> {
  await untilIdle(server.pid);
  const before = cpuSecondsOf(server.pid);
  const r = await runWrk({
    url: server.url,
    pathsFile: paths,
    seconds: duration,
    connections,
    offset: 0,
  });
  const cpu = cpuSecondsOf(server.pid) - before;
  return {
    requestsPerSecond: r.requestsPerSecond,
    cpuMsPerRequest: r.requests > 0 ? (cpu * 1000) / r.requests : 0,
    p99Ms: r.p99Ms,
    non2xx: r.non2xx + r.errors,
  };
}

const summary = (runs: Figures[]): Figures => ({
  requestsPerSecond: median(runs.map((r) => r.requestsPerSecond)),
  cpuMsPerRequest: median(runs.map((r) => r.cpuMsPerRequest)),
  p99Ms: median(runs.map((r) => r.p99Ms)),
  non2xx: runs.reduce((sum, r) => sum + r.non2xx, 0),
});

interface Result {
  name: string;
  bare: Figures;
  health: Figures;
  item: Figures;
  /** Medians over the rounds of req/s over the bare route's run just before. */
  healthRatio: number;
  itemRatio: number;
}

ensureWrk(log);
const load = { start: loadavg() };
const database = values.database ?? join(dir, 'annals.db');
const seedEnv = { DATABASE_PATH: database, SEED_ON_START: values.database ? 'false' : 'true' };
log(
  `database ${database}; logs in ${dir}; load average ${load.start.map((x) => x.toFixed(2)).join(' ')}`,
);

const bare = await startServer({
  args: ['--import', 'tsx', 'bench/bare-server.ts'],
  env: {},
  logFile: join(dir, 'bare.log'),
});
const barePaths = pathsFile('bare', ['/bare']);
const healthPaths = pathsFile('health', ['/health']);
let itemPaths = '';

const results: Result[] = [];
const wanted = values.only?.split(',');
const selected = CONFIGS.filter((c) => !wanted || wanted.includes(c.name));
/**
 * Every server runs from the start, and each round measures them all in turn, each right after
 * a run of the bare route: the machine is shared and its load drifts within minutes, so servers
 * measured one after the other (the first version of this file) were compared across different
 * loads, more than across plugins.
 */
const apis: { config: Config; server: Server }[] = [];
try {
  // One after the other: the first seeds the database, the others find it seeded.
  for (const config of selected) {
    const server = await startServer({
      args: SERVER_ARGS,
      env: { ...config.env, ...seedEnv },
      logFile: join(dir, `api${config.name.replace(/[^a-z-]+/g, '_')}.log`),
    });
    apis.push({ config, server });
  }
  const first = apis[0]?.server;
  if (first) {
    const page = JSON.parse((await get(`${first.url}/v1/events?limit=50`)).body) as {
      data: { id: string }[];
    };
    itemPaths = pathsFile(
      'items',
      page.data.map((e) => `/v1/events/${e.id}`),
    );
  }
  for (const { server } of apis) {
    await run(server, healthPaths, warmup);
    await run(server, itemPaths, warmup);
  }
  const runs = new Map(
    apis.map((a) => [
      a.config.name,
      { bare: [] as Figures[], health: [] as Figures[], item: [] as Figures[] },
    ]),
  );
  for (let round = 0; round < rounds; round++) {
    for (const { config, server } of apis) {
      const mine = runs.get(config.name);
      mine?.bare.push(await run(bare, barePaths));
      mine?.health.push(await run(server, healthPaths));
      mine?.item.push(await run(server, itemPaths));
    }
    log(`round ${round + 1} of ${rounds} done`);
  }
  for (const { config } of apis) {
    const mine = runs.get(config.name);
    if (!mine) continue;
    const result = {
      name: config.name,
      bare: summary(mine.bare),
      health: summary(mine.health),
      item: summary(mine.item),
      healthRatio: median(
        mine.health.map((r, i) => r.requestsPerSecond / (mine.bare[i]?.requestsPerSecond ?? 0)),
      ),
      itemRatio: median(
        mine.item.map((r, i) => r.requestsPerSecond / (mine.bare[i]?.requestsPerSecond ?? 0)),
      ),
    };
    results.push(result);
    log(
      `${config.name}: bare ${result.bare.requestsPerSecond.toFixed(0)} req/s; /health ${result.health.requestsPerSecond.toFixed(0)} req/s ${result.health.cpuMsPerRequest.toFixed(4)} CPU ms; item ${result.item.requestsPerSecond.toFixed(0)} req/s ${result.item.cpuMsPerRequest.toFixed(4)} CPU ms`,
    );
  }
} finally {
  for (const { server } of apis) await server.stop();
  await bare.stop();
}

const loadEnd = loadavg();
const all = results.find((r) => r.name === 'all');
const f0 = (x: number) => x.toFixed(0);
const f2 = (x: number) => x.toFixed(2);
const f3 = (x: number) => x.toFixed(3);
/** A plugin's cost: what turning it off saved, as a share of /health with every plugin on. */
const share = (r: Result) =>
  all && r !== all
    ? `${f0((100 * (all.health.cpuMsPerRequest - r.health.cpuMsPerRequest)) / all.health.cpuMsPerRequest)}%`
    : '';
const lines = [
  `Load average ${load.start.map(f2).join(' ')} at the start, ${loadEnd.map(f2).join(' ')} at the end (2 cores shared); wrk -t1 -c${connections}, ${rounds} rounds of ${seconds} s, medians; every server runs throughout and each round measures them in turn; × bare is the median over rounds of req/s over the bare route's run just before.`,
  '',
  '| server | bare req/s | /health req/s | × bare | CPU ms/req | saved | item req/s | × bare | CPU ms/req | non-2xx |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...results.map((r) =>
    [
      '',
      r.name,
      f0(r.bare.requestsPerSecond),
      f0(r.health.requestsPerSecond),
      f2(r.healthRatio),
      f3(r.health.cpuMsPerRequest),
      share(r),
      f0(r.item.requestsPerSecond),
      f2(r.itemRatio),
      f3(r.item.cpuMsPerRequest),
      String(r.health.non2xx + r.item.non2xx),
      '',
    ]
      .join(' | ')
      .trim(),
  ),
  '',
  `The bare route costs ${f3(median(results.map((r) => r.bare.cpuMsPerRequest)))} CPU ms a request. "saved" is how much less CPU /health took with that plugin off, as a share of /health with all on.`,
];
log('');
log(lines.join('\n'));
writeFileSync(
  join(dir, 'plugins.json'),
  JSON.stringify({ load: { ...load, end: loadEnd }, results }, null, 2),
);
log(`\nfigures: ${join(dir, 'plugins.json')}`);
