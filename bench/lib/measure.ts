/**
 * One scenario measured alternately on each server that can answer it: bare Fastify (the
 * ceiling), the naive peer (when it serves the same question) and Annals, round after round
 * (bare, naive, Annals, bare, …), so that a machine that gets busier or quieter during the run
 * skews all three alike. Ratios to bare are taken per round, then their median.
 */
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { type CacheCounters, cacheCounters, hitRatio } from './metrics.js';
import { type Probe, probe } from './probe.js';
import { cpuSecondsOf, memoryOf, type Server } from './processes.js';
import type { Scenario, Target } from './scenarios.js';
import { runWrk, type WrkRun } from './wrk.js';

export type Role = 'bare' | 'naive' | 'api';

export interface MeasureOptions {
  dataDir: string;
  seconds: number;
  warmup: number;
  runs: number;
  connections: number;
  log: (line: string) => void;
}

export interface SideResult {
  runs: WrkRun[];
  median: Pick<WrkRun, 'requestsPerSecond' | 'okPerSecond' | 'p50Ms' | 'p99Ms' | 'bytesPerRequest'>;
  errors: number;
  non2xx: number;
  /** CPU time the server spent per request over the measured runs: robust to a busy machine. */
  cpuMsPerRequest: number;
  /** The largest VmRSS seen while the runs were under way (worker threads included). */
  rssUnderLoadMb: number;
}

export interface ScenarioResult {
  key: string;
  name: string;
  example: string;
  distinctTargets: number;
  target: Target;
  bare: SideResult;
  naive?: SideResult;
  api: SideResult;
  /** Median over the rounds of Annals' req/s over bare's in the same round (answers < 400). */
  ratio: number;
  naiveRatio?: number;
  /** Render-cache hits over lookups during Annals' measured runs; null when not reported. */
  hitRatio: number | null;
  probe?: Probe;
  /** The machine's 1-minute load average when the scenario's measured runs ended. */
  loadAverage: number;
}

export interface Servers {
  bare: Server;
  naive: Server;
  api: Server;
}

export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? 0;
};

/** CPU seconds so far, or Infinity once the process has gone (its exit is reported elsewhere). */
const cpuOrGone = (pid: number) => {
  try {
    return cpuSecondsOf(pid);
  } catch {
    return Number.POSITIVE_INFINITY;
  }
};

/**
 * Waits until each process uses less than a tenth of a core (or two minutes have passed, or one
 * of them has gone).
 */
export async function untilIdle(pids: number[]): Promise<void> {
  const deadline = performance.now() + 120_000;
  let last = pids.map(cpuOrGone);
  while (performance.now() < deadline && last.every(Number.isFinite)) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const now = pids.map(cpuOrGone);
    if (now.every((cpu, i) => cpu - (last[i] as number) < 0.025)) return;
    last = now;
  }
}

/** Samples a process's VmRSS every 200 ms until stopped; returns the largest, in MB. */
export function sampleRss(pid: number): () => number {
  let peak = memoryOf(pid).rssMb;
  const timer = setInterval(() => {
    try {
      peak = Math.max(peak, memoryOf(pid).rssMb);
    } catch {
      // The process has gone: keep what was seen.
    }
  }, 200);
  return () => {
    clearInterval(timer);
    return peak;
  };
}

function summarise(runs: WrkRun[], cpuSeconds: number, rssUnderLoadMb: number): SideResult {
  const requests = runs.reduce((sum, r) => sum + r.requests, 0);
  return {
    runs,
    median: {
      requestsPerSecond: median(runs.map((r) => r.requestsPerSecond)),
      okPerSecond: median(runs.map((r) => r.okPerSecond)),
      p50Ms: median(runs.map((r) => r.p50Ms)),
      p99Ms: median(runs.map((r) => r.p99Ms)),
      bytesPerRequest: median(runs.map((r) => r.bytesPerRequest)),
    },
    errors: runs.reduce((sum, r) => sum + r.errors, 0),
    non2xx: runs.reduce((sum, r) => sum + r.non2xx, 0),
    cpuMsPerRequest: requests > 0 ? (cpuSeconds * 1000) / requests : 0,
    rssUnderLoadMb,
  };
}

/** Throws, naming the server and how it ended, when one of them is no longer running. */
export function assertRunning(servers: { role: string; server: Server }[], during: string): void {
  for (const { role, server } of servers) {
    const ending = server.exit();
    if (ending !== null) {
      throw new Error(
        `the ${role} server (pid ${server.pid}) ended (${ending}) during ${during}; see ${server.logFile}`,
      );
    }
  }
}

export async function measureScenario(
  scenario: Scenario,
  servers: Servers,
  options: MeasureOptions & { probe: boolean },
): Promise<ScenarioResult> {
  const { log } = options;
  const contenders: { role: Role; server: Server; paths: string[] }[] = [
    { role: 'bare', server: servers.bare, paths: ['/bare'] },
    ...(scenario.naivePaths
      ? [{ role: 'naive' as const, server: servers.naive, paths: scenario.naivePaths }]
      : []),
    { role: 'api', server: servers.api, paths: scenario.paths },
  ];
  const files = new Map<Role, string>();
  for (const c of contenders) {
    const file = join(options.dataDir, `wrk-paths-${c.role}.txt`);
    writeFileSync(file, `${c.paths.join('\n')}\n`);
    files.set(c.role, file);
  }
  let probed: Probe | undefined;
  if (options.probe) {
    log(`  ${scenario.name}: probing ${Math.min(scenario.paths.length, 200)} targets one by one…`);
    probed = await probe(servers.api.url, scenario.paths, scenario.categories);
  }
  log(
    `  ${scenario.name}: warm-up ${options.warmup} s each, then ${options.runs} rounds of ${contenders.map((c) => c.role).join(', ')} × ${options.seconds} s`,
  );
  for (const c of contenders) {
    await runWrk({
      url: c.server.url,
      pathsFile: files.get(c.role) as string,
      seconds: options.warmup,
      connections: options.connections,
      offset: 0,
    });
  }
  const pids = contenders.map((c) => c.server.pid);
  const runs = new Map<Role, WrkRun[]>(contenders.map((c) => [c.role, []]));
  const cpu = new Map<Role, number>(contenders.map((c) => [c.role, 0]));
  const rss = new Map<Role, number>(contenders.map((c) => [c.role, 0]));
  await untilIdle(pids);
  const countersBefore: CacheCounters | null = await cacheCounters(servers.api.url);
  for (let round = 0; round < options.runs; round++) {
    const fraction = (round + 1) / (options.runs + 1);
    for (const c of contenders) {
      // wrk leaves up to `connections` requests in flight: let every server finish them, so
      // that a run never pays for the one before it.
      await untilIdle(pids);
      assertRunning(contenders, scenario.name);
      const cpuBefore = cpuSecondsOf(c.server.pid);
      const stopSampling = sampleRss(c.server.pid);
      const run = await runWrk({
        url: c.server.url,
        pathsFile: files.get(c.role) as string,
        seconds: options.seconds,
        connections: options.connections,
        offset: Math.floor(fraction * c.paths.length),
      });
      rss.set(c.role, Math.max(rss.get(c.role) as number, stopSampling()));
      cpu.set(c.role, (cpu.get(c.role) as number) + cpuSecondsOf(c.server.pid) - cpuBefore);
      runs.get(c.role)?.push(run);
    }
  }
  await untilIdle(pids);
  assertRunning(contenders, scenario.name);
  const countersAfter = await cacheCounters(servers.api.url);
  const side = (role: Role) =>
    summarise(runs.get(role) ?? [], cpu.get(role) ?? 0, rss.get(role) ?? 0);
  const perRound = (role: Role) =>
    median(
      (runs.get(role) ?? []).map(
        (r, i) => r.okPerSecond / (runs.get('bare')?.[i]?.okPerSecond ?? Number.NaN),
      ),
    );
  const result: ScenarioResult = {
    key: scenario.key,
    name: scenario.name,
    example: scenario.paths[0] as string,
    distinctTargets: new Set(scenario.paths).size,
    target: scenario.target,
    bare: side('bare'),
    ...(scenario.naivePaths ? { naive: side('naive'), naiveRatio: perRound('naive') } : {}),
    api: side('api'),
    ratio: perRound('api'),
    hitRatio: hitRatio(countersBefore, countersAfter),
    ...(probed ? { probe: probed } : {}),
    loadAverage: loadavg()[0] ?? 0,
  };
  const m = result.api.median;
  const hits = result.hitRatio === null ? 'n/a' : `${(result.hitRatio * 100).toFixed(0)}%`;
  log(
    `    Annals ${m.okPerSecond.toFixed(0)} req/s = ${result.ratio.toFixed(3)} × bare${result.naiveRatio === undefined ? '' : ` (naive ${result.naiveRatio.toFixed(3)} ×)`}, p50 ${m.p50Ms.toFixed(2)} ms, p99 ${m.p99Ms.toFixed(2)} ms, ${result.api.errors} errors, ${result.api.non2xx} non-2xx, ${result.api.cpuMsPerRequest.toFixed(3)} CPU ms/req, cache hits ${hits}, RSS ≤ ${result.api.rssUnderLoadMb} MB`,
  );
  return result;
}
