/**
 * Isolation (issue 11, item 2): item latency while heavy reads run. An export (`GET /v1/export`,
 * read fully or slowly) and four `count=true` lists are started and kept going, each restarted
 * as soon as it ends; once they have started, wrk asks for event items at uniform ids and its
 * p50/p99 are what count. The heavy requests' own statuses and times are reported beside.
 */
import { writeFileSync } from 'node:fs';
import { type ClientRequest, request } from 'node:http';
import { join } from 'node:path';
import { EVENT_TYPES } from './lexicon.js';
import { assertRunning, median, sampleRss, untilIdle } from './measure.js';
import type { Server } from './processes.js';
import { runWrk, type WrkRun } from './wrk.js';

export type ExportReading = 'fully' | 'slowly';

export interface HeavyLoop {
  /** Requests that ended (any status), and those cut when the measurement stopped. */
  finished: number;
  cut: number;
  statuses: Record<string, number>;
  medianMs: number;
  maxMs: number;
  bytes: number;
}

export interface IsolationResult {
  reading: ExportReading;
  item: WrkRun;
  rssUnderLoadMb: number;
  exports: HeavyLoop;
  counts: HeavyLoop;
}

/** How fast the slow reader reads: one socket chunk (≤ 64 KiB), then a pause. */
const SLOW_PAUSE_MS = 20;

/** Asks for `next()` again and again until stopped; one request in flight at a time. */
function keepAsking(baseUrl: string, next: () => string, slow: boolean) {
  const loop: HeavyLoop = { finished: 0, cut: 0, statuses: {}, medianMs: 0, maxMs: 0, bytes: 0 };
  const times: number[] = [];
  let stopped = false;
  let current: ClientRequest | null = null;
  let active = false;
  let resolveStarted: () => void = () => {};
  const started = new Promise<void>((resolve) => {
    resolveStarted = resolve;
  });
  const once = () =>
    new Promise<void>((resolve) => {
      const began = performance.now();
      active = true;
      const settle = () => {
        active = false;
        resolve();
      };
      current = request(`${baseUrl}${next()}`, { agent: false }, (res) => {
        res.on('data', (chunk: Buffer) => {
          loop.bytes += chunk.byteLength;
          if (slow) {
            res.pause();
            setTimeout(() => res.resume(), SLOW_PAUSE_MS);
          }
        });
        res.on('end', () => {
          const status = String(res.statusCode ?? 0);
          loop.statuses[status] = (loop.statuses[status] ?? 0) + 1;
          loop.finished += 1;
          times.push(performance.now() - began);
          settle();
        });
        res.on('error', settle);
        // A response cut by stop() ends with 'close' and no 'end'.
        res.on('close', settle);
      });
      current.on('error', settle);
      current.end();
      resolveStarted();
    });
  const done = (async () => {
    while (!stopped) await once();
  })();
  return {
    started,
    async stop(): Promise<HeavyLoop> {
      stopped = true;
      if (active) {
        loop.cut += 1;
        (current as ClientRequest | null)?.destroy();
      }
      await done;
      loop.medianMs = median(times);
      loop.maxMs = times.length > 0 ? Math.max(...times) : 0;
      return loop;
    },
  };
}

function mergeLoops(loops: HeavyLoop[]): HeavyLoop {
  const statuses: Record<string, number> = {};
  for (const l of loops) {
    for (const [status, n] of Object.entries(l.statuses))
      statuses[status] = (statuses[status] ?? 0) + n;
  }
  return {
    finished: loops.reduce((sum, l) => sum + l.finished, 0),
    cut: loops.reduce((sum, l) => sum + l.cut, 0),
    statuses,
    medianMs: median(loops.map((l) => l.medianMs)),
    maxMs: Math.max(0, ...loops.map((l) => l.maxMs)),
    bytes: loops.reduce((sum, l) => sum + l.bytes, 0),
  };
}

/** Four count=true lists of different shapes; `limit` varies so no answer comes from a cache. */
function countPaths(popularPerson: string): ((n: number) => string)[] {
  return [
    (n) => `/v1/events?count=true&limit=${n}`,
    (n) => `/v1/events?type=${EVENT_TYPES[0]}&count=true&limit=${n}`,
    (n) => `/v1/events?from=1500&count=true&limit=${n}`,
    (n) => `/v1/events?participant=${popularPerson}&count=true&limit=${n}`,
  ];
}

export async function measureIsolation(options: {
  api: Server;
  itemPaths: string[];
  popularPerson: string;
  reading: ExportReading;
  dataDir: string;
  seconds: number;
  connections: number;
  log: (line: string) => void;
}): Promise<IsolationResult> {
  const { api } = options;
  const pathsFile = join(options.dataDir, 'wrk-paths-isolation.txt');
  writeFileSync(pathsFile, `${options.itemPaths.join('\n')}\n`);
  await untilIdle([api.pid]);
  options.log(
    `  event items while an export (read ${options.reading}) and 4 count=true lists run, ${options.seconds} s…`,
  );
  const exporter = keepAsking(api.url, () => '/v1/export', options.reading === 'slowly');
  let n = 0;
  const counters = countPaths(options.popularPerson).map((path) =>
    keepAsking(api.url, () => path((n++ % 100) + 1), false),
  );
  await Promise.all([exporter.started, ...counters.map((c) => c.started)]);
  // Let the heavy requests reach the server before the items do.
  await new Promise((resolve) => setTimeout(resolve, 100));
  const stopSampling = sampleRss(api.pid);
  const item = await runWrk({
    url: api.url,
    pathsFile,
    seconds: options.seconds,
    connections: options.connections,
    offset: Math.floor(options.itemPaths.length / 2),
  });
  const rssUnderLoadMb = stopSampling();
  const exports = await exporter.stop();
  const counts = mergeLoops(await Promise.all(counters.map((c) => c.stop())));
  assertRunning(
    [{ role: 'api', server: api }],
    `the isolation run (export read ${options.reading})`,
  );
  const result = { reading: options.reading, item, rssUnderLoadMb, exports, counts };
  options.log(
    `    items p50 ${item.p50Ms.toFixed(2)} ms, p99 ${item.p99Ms.toFixed(2)} ms, ${item.okPerSecond.toFixed(0)} req/s, ${item.errors} errors, ${item.non2xx} non-2xx; exports ${JSON.stringify(exports.statuses)} (+${exports.cut} cut), counts ${JSON.stringify(counts.statuses)} median ${counts.medianMs.toFixed(0)} ms`,
  );
  return result;
}
