/** The HTTP part of the results as markdown: Annals beside its peers, isolation, settings. */
import type { ConfigResult, HttpResult } from '../http.js';
import type { IsolationResult } from './isolation.js';
import type { ScenarioResult, SideResult } from './measure.js';
import type { Target } from './scenarios.js';
import { describeProblems } from './server-log.js';

interface Options {
  seconds: number;
  warmup: number;
  runs: number;
  connections: number;
}

const n0 = (x: number) => Math.round(x).toLocaleString('en-US');
const n2 = (x: number) => x.toFixed(2);
const ratio = (x: number | undefined) =>
  x === undefined || !Number.isFinite(x) ? '' : x.toFixed(3);
const percent = (x: number | null) => (x === null ? 'n/a' : `${(x * 100).toFixed(0)}%`);
const errorsOf = (s: SideResult) =>
  s.errors + s.non2xx > 0 ? `**${s.errors} (${s.non2xx})**` : '0 (0)';

/** Issue 11: RSS ≤ 400 MB under load, pool included (stated for 1M events); listening ≤ 1 s. */
const RSS_TARGET_MB = 400;
const STARTUP_TARGET_MS = 1000;

export function targetText(t: Target): string {
  return [t.ratio === undefined ? '' : `≥ ${t.ratio}× bare`, `p99 ≤ ${t.p99Ms} ms`]
    .filter(Boolean)
    .join(', ');
}

/** "met", or "**missed**" with the figures that missed. */
export function verdict(t: Target, achievedRatio: number, p99Ms: number, failed = false): string {
  const misses: string[] = [];
  if (t.ratio !== undefined && !(achievedRatio >= t.ratio)) misses.push(`${ratio(achievedRatio)}×`);
  if (!(p99Ms <= t.p99Ms)) misses.push(`p99 ${n0(p99Ms)} ms`);
  if (failed) misses.push('errors');
  return misses.length === 0 ? 'met' : `**missed** (${misses.join(', ')})`;
}

function scenarioRow(s: ScenarioResult): string {
  const m = s.api.median;
  const failed = s.api.errors + s.api.non2xx > 0;
  return `| ${s.name} | ${n0(m.okPerSecond)} | **${ratio(s.ratio)}** | ${ratio(s.naiveRatio)} | ${n2(m.p50Ms)} | ${n2(m.p99Ms)} | ${s.api.cpuMsPerRequest.toFixed(3)} | ${percent(s.hitRatio)} | ${errorsOf(s.api)} | ${targetText(s.target)} | ${verdict(s.target, s.ratio, m.p99Ms, failed)} |`;
}

function peersRows(s: ScenarioResult): string {
  const b = s.bare.median;
  const naive = s.naive;
  const naiveCells = naive
    ? `${n0(naive.median.okPerSecond)} | ${ratio(s.naiveRatio)} | ${n2(naive.median.p50Ms)} | ${n2(naive.median.p99Ms)} | ${naive.cpuMsPerRequest.toFixed(3)} | ${errorsOf(naive)}`
    : ' |  |  |  |  | ';
  return `| ${s.name} | ${n0(b.okPerSecond)} | ${n2(b.p99Ms)} | ${naiveCells} |`;
}

function isolationSection(isolation: IsolationResult[], http: HttpResult): string[] {
  if (isolation.length === 0) return [];
  const quiet = http.scenarios.find((s) => s.key === 'event-uniform')?.api.median;
  const target: Target = { p99Ms: 100 };
  const statuses = (r: Record<string, number>) =>
    Object.entries(r)
      .map(([status, count]) => `${status}×${count}`)
      .join(' ') || 'none';
  return [
    '### Isolation: event items while an export and four count=true lists run',
    '',
    'An export (`GET /v1/export`, read as fast as it comes or one chunk every 20 ms) and four `count=true` lists (unfiltered, `type=`, `from=1500`, `participant=` the busiest person; `limit` varied so no answer is cached) are started and restarted as each ends; once they have started, wrk asks for event items at uniform ids for one run. Exports and counts still running at the end are cut.',
    quiet
      ? `Without them (the table above): p50 ${n2(quiet.p50Ms)} ms, p99 ${n2(quiet.p99Ms)} ms, ${n0(quiet.okPerSecond)} req/s.`
      : '',
    '',
    '| export read | item req/s | item p50 ms | item p99 ms | item errors (non-2xx) | exports finished (statuses) | cut | counts finished (statuses) | count median / max ms | RSS under load MB | target | met? |',
    '| --- | ---: | ---: | ---: | ---: | --- | ---: | --- | ---: | ---: | --- | --- |',
    ...isolation.map((r) => {
      const failed = r.item.errors + r.item.non2xx > 0;
      const errors = failed ? `**${r.item.errors} (${r.item.non2xx})**` : '0 (0)';
      return `| ${r.reading} | ${n0(r.item.okPerSecond)} | ${n2(r.item.p50Ms)} | ${n2(r.item.p99Ms)} | ${errors} | ${r.exports.finished} (${statuses(r.exports.statuses)}) | ${r.exports.cut} | ${r.counts.finished} (${statuses(r.counts.statuses)}) | ${n0(r.counts.medianMs)} / ${n0(r.counts.maxMs)} | ${r.rssUnderLoadMb} | ${targetText(target)} | ${verdict(target, 0, r.item.p99Ms, failed)} |`;
    }),
    '',
  ];
}

function scalingSection(scaling: ConfigResult[], http: HttpResult): string[] {
  if (scaling.length === 0) return [];
  const lines = [
    '### Settings: read workers and the render cache',
    '',
    `The scenarios again on a freshly started API per setting (added to ${
      Object.keys(http.apiEnv).length > 0
        ? `\`${Object.entries(http.apiEnv)
            .map(([k, v]) => `${k}=${v}`)
            .join(' ')}\``
        : 'the defaults'
    }), alternately with bare Fastify. wrk and every server share the machine's cores, so more workers help only while a core is idle: on 2 cores wrk and the main thread already take most of them. RSS is the process's (pool threads included): the largest VmRSS sampled during the runs, and VmHWM when the server stopped. Start-up is spawn → first 200 from /health.`,
    '',
    '| setting | scenario | req/s | × bare | p50 ms | p99 ms | CPU ms/req | cache hit ratio | errors (non-2xx) | RSS under load MB | peak RSS MB | start-up ms |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const config of scaling) {
    for (const s of config.scenarios) {
      const m = s.api.median;
      lines.push(
        `| ${config.label} | ${s.name} | ${n0(m.okPerSecond)} | ${ratio(s.ratio)} | ${n2(m.p50Ms)} | ${n2(m.p99Ms)} | ${s.api.cpuMsPerRequest.toFixed(3)} | ${percent(s.hitRatio)} | ${errorsOf(s.api)} | ${s.api.rssUnderLoadMb} | ${config.peakRssMb} | ${n0(config.startupMs)} |`,
      );
    }
  }
  lines.push(
    '',
    "Failed requests each setting's server logged (what its non-2xx were):",
    '',
    ...scaling.map((c) => `- ${c.label}: ${describeProblems(c.problems ?? {})}`),
  );
  const one = scaling.find((c) => c.label === 'READ_WORKERS=1');
  const two = scaling.find((c) => c.label === 'READ_WORKERS=2');
  if (one && two) {
    const gains = two.scenarios.map((s) => {
      const base = one.scenarios.find((o) => o.key === s.key);
      return base ? `${s.name} ${n2(s.api.median.okPerSecond / base.api.median.okPerSecond)}×` : '';
    });
    lines.push('', `2 workers against 1 (req/s): ${gains.filter(Boolean).join('; ')}.`);
  }
  const peak = Math.max(http.serverPeakRssMb, ...scaling.map((c) => c.peakRssMb));
  const slowest = Math.max(http.startup.apiMs, ...scaling.map((c) => c.startupMs));
  lines.push(
    '',
    `Peak RSS over every setting: **${peak} MB** (target ≤ ${RSS_TARGET_MB} MB at 1M events: ${peak <= RSS_TARGET_MB ? 'met' : '**missed**'} at this size); of the main run's RSS when it ended, ${http.serverRssFileMb ?? '?'} MB were pages of mapped files (the database the read workers map, READ_MMAP_MB: the OS page cache, counted in RSS). Slowest start-up: **${n0(slowest)} ms** (target ≤ ${n0(STARTUP_TARGET_MS)} ms: ${slowest <= STARTUP_TARGET_MS ? 'met' : '**missed**'}).`,
    '',
  );
  return lines;
}

function probeSection(http: HttpResult): string[] {
  const probed = http.scenarios.filter((s) => s.probe);
  const lines = [
    '### One request at a time (probe before the load)',
    '',
    '| scenario | targets | median ms | mean ms | max ms | mean bytes | statuses | slowest target |',
    '| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |',
    ...probed.map((s) => {
      const p = s.probe as NonNullable<ScenarioResult['probe']>;
      const statuses = Object.entries(p.statuses)
        .map(([status, count]) => `${status}×${count}`)
        .join(' ');
      const slow = p.slowest[0];
      return `| ${s.name} | ${p.count} | ${n2(p.medianMs)} | ${n2(p.meanMs)} | ${n2(p.maxMs)} | ${n0(p.meanBytes)} | ${statuses} | ${slow ? `\`${slow.path}\` ${n2(slow.ms)} ms` : ''} |`;
    }),
    '',
  ];
  const search = probed.find((s) => s.probe?.byCategory);
  if (search?.probe?.byCategory) {
    lines.push(
      '### Search by kind of query (probe)',
      '',
      '| query | count | median ms | max ms |',
      '| --- | ---: | ---: | ---: |',
      ...Object.entries(search.probe.byCategory).map(
        ([category, c]) => `| ${category} | ${c.count} | ${n2(c.medianMs)} | ${n2(c.maxMs)} |`,
      ),
      '',
    );
  }
  lines.push(
    '### The most active people (one request each)',
    '',
    '| target | status | ms | bytes |',
    '| --- | ---: | ---: | ---: |',
    ...http.heavy.map((h) => `| \`${h.path}\` | ${h.status} | ${n2(h.ms)} | ${n0(h.bytes)} |`),
    '',
  );
  const failures = probed.flatMap((s) =>
    (s.probe?.failures ?? []).map((f) => ({ ...f, scenario: s.name })),
  );
  if (failures.length > 0) {
    lines.push('### Failures seen by the probe', '');
    for (const f of failures)
      lines.push(`- ${f.scenario}: \`${f.path}\` → ${f.status}: \`${f.body.slice(0, 300)}\``);
    lines.push('');
  }
  return lines;
}

/** A warning when the machine had more runnable work than cores: then p99s measure the machine. */
function loadNote(http: HttpResult, cpus: number): string {
  const loads = [...http.scenarios, ...http.scaling.flatMap((c) => c.scenarios)].map(
    (s) => s.loadAverage ?? 0,
  );
  if (loads.length === 0) return '';
  const low = Math.min(...loads);
  const high = Math.max(...loads);
  const range = `${n2(low)}–${n2(high)} on ${cpus} cores`;
  return high > cpus
    ? `**The machine was busy**: 1-minute load average ${range} during the HTTP part. With more runnable work than cores every server waits for a core, so latencies (p99 above all) measure the machine; ratios to bare in the same round are the figures to read.`
    : `1-minute load average during the HTTP part: ${range}.`;
}

export function httpSection(http: HttpResult, options: Options, cpus: number): string[] {
  const settings = Object.entries(http.apiEnv)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
  return [
    '## HTTP',
    '',
    `wrk on loopback, 1 thread, ${options.connections} connections. Each scenario: a ${options.warmup} s warm-up per server, then ${options.runs} rounds of ${options.seconds} s runs taken in turn on bare Fastify, the naive peer (where it serves the same question) and Annals${settings ? ` (with \`${settings}\`)` : ''}; medians. req/s counts answers below 400 (a 503 is not throughput); × bare is the median over rounds of req/s over bare's req/s in the same round. CPU ms/req is the server's CPU time (every thread) over its runs divided by their requests. The cache hit ratio is from Annals' \`GET /metrics\` over its measured runs (n/a: not reported). Errors are socket errors and timeouts, (non-2xx) answers of 400 or more. Item ids are drawn from every record, uniformly (cache-hostile) or Zipf (s = 1.1).`,
    '',
    loadNote(http, cpus),
    '',
    '| scenario | req/s | × bare | naive × bare | p50 ms | p99 ms | CPU ms/req | cache hit ratio | errors (non-2xx) | target (issue 11) | met? |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |',
    ...http.scenarios.map(scenarioRow),
    '',
    `Start-up on the ${n0(http.startup.databaseMb)} MB database (spawn → first 200 from /health): **${n0(http.startup.apiMs)} ms** (bare: ${n0(http.startup.bareMs)} ms, naive: ${n0(http.startup.naiveMs)} ms); the first event item after ${http.startup.firstReadMs === null || http.startup.firstReadMs === undefined ? 'n/a' : `${n0(http.startup.firstReadMs)} ms`}. Annals' peak RSS (VmHWM, pool threads included) over these scenarios and the isolation runs: **${http.serverPeakRssMb} MB**. Failed requests it logged: ${describeProblems(http.problems ?? {})}.`,
    '',
    '### The peers in the same rounds',
    '',
    "Bare Fastify answers a constant object (its req/s across scenarios shows how the machine drifted). The naive peer (`bench/naive-server.ts`: no plugins, no schemas, hand-written SQL, JSON.stringify) serves an event with its participants' names and 50 events starting in a year (Annals lists the events overlapping the year, a harder question).",
    '',
    '| scenario | bare req/s | bare p99 ms | naive req/s | naive × bare | naive p50 ms | naive p99 ms | naive CPU ms/req | naive errors (non-2xx) |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...http.scenarios.map(peersRows),
    '',
    ...isolationSection(http.isolation, http),
    ...scalingSection(http.scaling, http),
    ...probeSection(http),
  ];
}
