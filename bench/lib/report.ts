/** The bench's results as markdown: the tables a person reads after `npm run bench`. */
import type { HttpResult, ScenarioResult } from '../http.js';
import type { ImportFigures, LoadResult } from '../load.js';

export interface BenchResult {
  startedAt: string;
  finishedAt: string;
  events: number;
  machine: {
    node: string;
    cpus: number;
    cpuModel: string;
    memoryGb: number;
    loadAverageStart: number[];
    loadAverageEnd: number[];
  };
  options: { seconds: number; warmup: number; runs: number; connections: number };
  /** The code measured: see fingerprint.ts. */
  code: { hash: string; newestChange: string };
  data: { records: number; counts: Record<string, number>; fileMb: number; generatedIn?: number };
  load?: LoadResult;
  http?: HttpResult;
}

const n0 = (x: number) => Math.round(x).toLocaleString('en-US');
const n2 = (x: number) => x.toFixed(2);

function importRow(label: string, f: ImportFigures, raw: ImportFigures): string {
  return `| ${label} | ${n0(f.recordsPerSecond)} | ${f.seconds.toFixed(1)} | ${f.cpuSeconds.toFixed(1)} | ${f.peakRssMb} | ${n2(f.recordsPerSecond / raw.recordsPerSecond)} |`;
}

function importSection(load: LoadResult): string[] {
  const lines = [
    '## Import',
    '',
    `${n0(load.records)} records, each path on a fresh database file with the migrations applied.`,
    '',
    '| path | records/s | wall s | CPU s | peak RSS MB | × raw |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    importRow('(c) raw prepared INSERTs, one transaction (baseline)', load.raw, load.raw),
    importRow(`(a) CLI import (${String(load.cli.via ?? 'runImport')})`, load.cli, load.raw),
  ];
  if (load.http) lines.push(importRow('(b) HTTP NDJSON, POST /v1/imports', load.http, load.raw));
  lines.push(
    '',
    `(a)/(c): **${n2(load.cliToRaw)}** of the raw rate by wall clock, ${n2(load.cliToRawCpu)} by CPU time.`,
  );
  if (typeof load.cli.stageSeconds === 'number') {
    lines.push(
      `The import staged (read, validated) in ${Number(load.cli.stageSeconds).toFixed(1)} s and resolved and wrote in ${Number(load.cli.finishSeconds).toFixed(1)} s.`,
    );
  }
  if (typeof load.raw.parseSeconds === 'number') {
    lines.push(
      `Reading and parsing the file alone: ${Number(load.raw.parseSeconds).toFixed(1)} s.`,
    );
  }
  lines.push(
    load.mismatches.length === 0
      ? 'The raw and the imported databases hold the same number of rows in every table.'
      : `Row counts differ: ${load.mismatches.join('; ')}.`,
    '',
  );
  return lines;
}

function scenarioRow(s: ScenarioResult, bare: number): string {
  const m = s.median;
  const errors = s.errors + s.non2xx > 0 ? `**${s.errors} (${s.non2xx})**` : '0 (0)';
  return `| ${s.name} | ${n0(m.requestsPerSecond)} | ${n2(m.p50Ms)} | ${n2(m.p99Ms)} | ${errors} | ${n2(m.requestsPerSecond / bare)} | ${s.serverCpuMsPerRequest.toFixed(3)} | ${n0(m.bytesPerRequest)} | ${s.serverRssMb} |`;
}

function httpSection(http: HttpResult, options: BenchResult['options']): string[] {
  const bare = http.scenarios[0]?.median.requestsPerSecond ?? 1;
  const lines = [
    '## HTTP',
    '',
    `wrk on loopback, 1 thread, ${options.connections} connections; a ${options.warmup} s warm-up, then ${options.runs} runs of ${options.seconds} s: medians. The ratio is to the bare Fastify route (first row). Errors are socket errors and timeouts, (non-2xx) answers of 400 or more. CPU ms/req is the server's CPU time over the runs divided by their requests.`,
    '',
    '| scenario | req/s | p50 ms | p99 ms | errors (non-2xx) | × bare | CPU ms/req | bytes/req | server RSS MB |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...http.scenarios.map((s) => scenarioRow(s, bare)),
    '',
    `Start-up on the ${n0(http.startup.databaseMb)} MB database (spawn → first 200 from /health): **${n0(http.startup.apiMs)} ms** (the bare server: ${n0(http.startup.bareMs)} ms). Server peak RSS: **${http.serverPeakRssMb} MB**.`,
    '',
    '### One request at a time (probe before the load)',
    '',
    '| scenario | targets | median ms | mean ms | max ms | mean bytes | statuses | slowest target |',
    '| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |',
    ...http.scenarios.map((s) => {
      const p = s.probe;
      const statuses = Object.entries(p.statuses)
        .map(([status, count]) => `${status}×${count}`)
        .join(' ');
      const slow = p.slowest[0];
      return `| ${s.name} | ${p.count} | ${n2(p.medianMs)} | ${n2(p.meanMs)} | ${n2(p.maxMs)} | ${n0(p.meanBytes)} | ${statuses} | ${slow ? `\`${slow.path}\` ${n2(slow.ms)} ms` : ''} |`;
    }),
    '',
  ];
  const search = http.scenarios.find((s) => s.probe.byCategory);
  if (search?.probe.byCategory) {
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
  const failures = http.scenarios.flatMap((s) =>
    s.probe.failures.map((f) => ({ ...f, scenario: s.name })),
  );
  if (failures.length > 0) {
    lines.push('### Failures seen by the probe', '');
    for (const f of failures)
      lines.push(`- ${f.scenario}: \`${f.path}\` → ${f.status}: \`${f.body.slice(0, 300)}\``);
    lines.push('');
  }
  return lines;
}

export function toMarkdown(result: BenchResult): string {
  const { machine, data } = result;
  const lines = [
    `# Annals bench: ${n0(result.events)} events`,
    '',
    `${result.startedAt} → ${result.finishedAt}. Node ${machine.node}, ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGb} GB. Load average at start ${machine.loadAverageStart.map(n2).join(' ')}, at end ${machine.loadAverageEnd.map(n2).join(' ')} (other work on the machine skews absolute figures: compare ratios within this run). Code: src/ and migrations/ hash \`${result.code.hash}\`, last changed ${result.code.newestChange}.`,
    '',
    `Data: ${n0(data.records)} records (${Object.entries(data.counts)
      .map(([kind, count]) => `${n0(count)} ${kind}`)
      .join(', ')}); the NDJSON file is ${n0(data.fileMb)} MB.`,
    '',
  ];
  if (result.load) lines.push(...importSection(result.load));
  if (result.http) lines.push(...httpSection(result.http, result.options));
  return `${lines.join('\n')}\n`;
}
