/**
 * Where the built server's memory goes as the bench's scenarios run: one server on a loaded
 * database, each HTTP scenario by wrk in turn, then items beside a slow export and four
 * `count=true` loops (lib/isolation.ts); after each, the process's RSS and its high water mark
 * (every thread) and, from GET /metrics, the main thread's V8 heap, its external memory and the
 * render cache's bytes. Settings to compare go after the options (`READ_WORKERS=1`).
 *
 *   npm run build && npx tsx bench/memory.ts --events 1000000 --seconds 6 [KEY=value ...]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { dataFiles } from './generate.js';
import { parseEnv } from './http.js';
import { measureIsolation } from './lib/isolation.js';
import { counter } from './lib/metrics.js';
import { API_ENV, get, memoryOf, ROOT, SERVER_ARGS, startServer } from './lib/processes.js';
import { scenariosFor } from './lib/scenarios.js';
import type { Sidecar } from './lib/sidecar.js';
import { ensureWrk, runWrk, type WrkRun } from './lib/wrk.js';
import { databaseFor } from './load.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    events: { type: 'string', default: '100000' },
    seconds: { type: 'string', default: '6' },
    data: { type: 'string', default: join(ROOT, 'bench', 'data') },
  },
});
const events = Number(values.events);
const seconds = Number(values.seconds);
const dataDir = values.data;
ensureWrk(console.log);
const side = JSON.parse(readFileSync(dataFiles(dataDir, events).sidecar, 'utf8')) as Sidecar;
const scenarios = scenariosFor(side);
const api = await startServer({
  args: SERVER_ARGS,
  env: { ...API_ENV, DATABASE_PATH: databaseFor(dataDir, events), ...parseEnv(positionals) },
  logFile: join(dataDir, 'api-server-memory.log'),
});

async function report(label: string, run: WrkRun): Promise<void> {
  const metrics = (await get(`${api.url}/metrics`)).body;
  const mb = (name: string) => ((counter(metrics, name) ?? Number.NaN) / 2 ** 20).toFixed(0);
  const { rssMb, peakMb } = memoryOf(api.pid);
  console.log(
    `${label.padEnd(18)} RSS ${rssMb} (peak ${peakMb}) MB; main heap ${mb('nodejs_heap_size_used_bytes')} of ${mb('nodejs_heap_size_total_bytes')}, external ${mb('nodejs_external_memory_bytes')}, render cache ${mb('annals_render_cache_bytes')} MB; ${run.okPerSecond.toFixed(0)} req/s, p99 ${run.p99Ms.toFixed(1)} ms`,
  );
}

try {
  const pathsFile = join(dataDir, 'wrk-paths-memory.txt');
  for (const scenario of scenarios) {
    writeFileSync(pathsFile, `${scenario.paths.join('\n')}\n`);
    const run = await runWrk({ url: api.url, pathsFile, seconds, connections: 50, offset: 0 });
    await report(scenario.key, run);
  }
  const isolation = await measureIsolation({
    api,
    itemPaths: scenarios.find((s) => s.key === 'event-uniform')?.paths ?? [],
    popularPerson: side.popularPeople[0] as string,
    reading: 'slowly',
    dataDir,
    seconds,
    connections: 50,
    log: console.log,
  });
  await report('items, export, counts', isolation.item);
} finally {
  await api.stop();
}
