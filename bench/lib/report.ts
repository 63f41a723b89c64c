/** The bench's results as markdown: the tables a person reads after `npm run bench`. */
import type { HttpResult } from '../http.js';
import type { ImportFigures, LoadResult } from '../load.js';
import { httpSection } from './report-http.js';

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
  if (result.http) lines.push(...httpSection(result.http, result.options, machine.cpus));
  return `${lines.join('\n')}\n`;
}
