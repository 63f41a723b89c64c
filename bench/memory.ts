/**
 * Where the built server's memory goes as the bench's scenarios run: one server on a loaded
 * database, each HTTP scenario by wrk in turn, then items beside a slow export and four
 * `count=true` loops (as lib/isolation.ts runs them); after each, the process's RSS and its high
 * water mark (every thread) and, from GET /metrics, the main thread's V8 heap, its external memory
 * and the render cache's bytes. Settings to compare go after the options (`READ_WORKERS=1`).
 *
 *   npm run build && npx tsx bench/memory.ts --events 1000000 --seconds 6 [KEY=value ...]
 */
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { dataFiles } from './generate.js';
import { parseEnv } from './http.js';
import { API_ENV, ROOT, SERVER_ARGS } from './lib/processes.js';
import { scenariosFor } from './lib/scenarios.js';
import type { Sidecar } from './lib/sidecar.js';
import { ensureWrk } from './lib/wrk.js';
import { databaseFor } from './load.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    events: { type: 'string', default: '100000' },
    seconds: { type: 'string', default: '6' },
    data: { type: 'string', default: join(ROOT, 'bench', 'data') },
    port: { type: 'string', default: '3989' },
  },
});
const events = Number(values.events);
const seconds = Number(values.seconds);
const base = `http://127.0.0.1:${values.port}`;
ensureWrk(console.log);
const side = JSON.parse(readFileSync(dataFiles(values.data, events).sidecar, 'utf8')) as Sidecar;
const scenarios = scenariosFor(side);

const server = spawn(process.execPath, SERVER_ARGS, {
  cwd: ROOT,
  env: {
    ...process.env,
    ...API_ENV,
    DATABASE_PATH: databaseFor(values.data, events),
    PORT: values.port,
    HOST: '127.0.0.1',
    ...parseEnv(positionals),
  },
  stdio: ['ignore', 'inherit', 'inherit'],
});
process.on('exit', () => server.kill('SIGTERM'));
for (;;) {
  try {
    if ((await fetch(`${base}/health`)).ok) break;
  } catch {}
  await new Promise((resolve) => setTimeout(resolve, 100));
}

const statusMb = (field: string) =>
  Number(
    new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${server.pid}/status`, 'utf8'))?.[1],
  ) / 1024;

async function report(label: string, load: string): Promise<void> {
  const metrics = await (await fetch(`${base}/metrics`)).text();
  const mb = (name: string) =>
    (Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(metrics)?.[1]) / 2 ** 20).toFixed(0);
  console.log(
    `${label.padEnd(18)} RSS ${statusMb('VmRSS').toFixed(0)} (peak ${statusMb('VmHWM').toFixed(0)}) MB; main heap ${mb('nodejs_heap_size_used_bytes')} of ${mb('nodejs_heap_size_total_bytes')}, external ${mb('nodejs_external_memory_bytes')}, render cache ${mb('annals_render_cache_bytes')} MB; ${load}`,
  );
}

/** wrk on `paths` for `duration` seconds at 50 connections: req/s and p99. */
function wrk(paths: string[], duration: number): string {
  const file = join(tmpdir(), `annals-memory-${process.pid}.txt`);
  writeFileSync(file, paths.join('\n'));
  const out = execFileSync(
    'wrk',
    ['-t1', '-c50', `-d${duration}s`, '-s', join(ROOT, 'bench', 'wrk.lua'), base],
    { env: { ...process.env, WRK_PATHS: file, WRK_OFFSET: '0' } },
  ).toString();
  const run = JSON.parse(/BENCH_JSON (.*)/.exec(out)?.[1] ?? '{}') as Record<string, number>;
  return `${((run.requests ?? 0) / ((run.duration_us ?? 1) / 1e6)).toFixed(0)} req/s, p99 ${((run.p99_us ?? 0) / 1000).toFixed(1)} ms`;
}

for (const scenario of scenarios) await report(scenario.key, wrk(scenario.paths, seconds));

// Items beside a slow export (a chunk every 20 ms) and four count=true loops.
const until = Date.now() + (seconds + 4) * 1000;
const slowExport = new Promise<void>((resolve) => {
  get(`${base}/v1/export`, (res) => {
    res.on('data', () => {
      res.pause();
      setTimeout(() => res.resume(), 20);
    });
    res.on('end', resolve);
    setTimeout(() => {
      res.destroy();
      resolve();
    }, until - Date.now());
  });
});
const countLoop = async (path: string) => {
  for (let limit = 1; Date.now() < until; limit += 1) {
    await (await fetch(`${base}${path}&limit=${limit}`)).arrayBuffer();
  }
};
const counts = [
  '/v1/events?count=true',
  '/v1/events?type=meeting&count=true',
  '/v1/events?from=1500&count=true',
  `/v1/events?participant=${side.popularPeople[0]}&count=true`,
].map(countLoop);
await new Promise((resolve) => setTimeout(resolve, 1000));
const uniform = scenarios.find((s) => s.key === 'event-uniform')?.paths ?? [];
const items = wrk(uniform.slice(Math.floor(uniform.length / 2)), seconds);
await Promise.all([...counts, slowExport]);
await report('items, export, counts', items);
process.exit(0);
