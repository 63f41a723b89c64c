/** The import part of the results as markdown: each path's figures, then issue 12's targets. */
import type { ImportFigures, LoadResult } from '../load.js';
import { IMPORT_TARGETS as T } from './import-targets.js';

const n0 = (x: number) => Math.round(x).toLocaleString('en-US');
const n1 = (x: number) => x.toFixed(1);
const n2 = (x: number) => x.toFixed(2);

const verdict = (met: boolean, figure: string) => (met ? 'met' : `**missed** (${figure})`);

function pathRow(label: string, f: ImportFigures, load: LoadResult, rows?: number): string {
  const rowsPerSecond = rows === undefined ? '' : n0(rows / f.importSeconds);
  return `| ${label} | ${n0(f.records)} | ${n2(f.importSeconds)} | ${n2(f.seconds)} | ${n0(f.recordsPerSecond)} | ${rowsPerSecond} | ${n2(f.recordsPerSecond / load.raw.recordsPerSecond)} | ${n1(f.cpuSeconds)} | ${f.peakRssMb} |`;
}

function phases(label: string, f: ImportFigures | undefined): string[] {
  if (!f?.phases?.length) return [];
  const parts = f.phases.map((p) => `${p.name} ${n2(p.seconds)} s`).join(', ');
  const startup =
    typeof f.startupSeconds === 'number' ? `; start-up before it ${n2(f.startupSeconds)} s` : '';
  return [`- ${label}: ${parts}${startup}.`];
}

function targetRows(load: LoadResult, events: number): string[] {
  const rows: string[] = [];
  const row = (figure: string, value: string, target: string, met: string) =>
    rows.push(`| ${figure} | ${value} | ${target} | ${met} |`);
  const { cli, http, incremental, reads } = load;
  row(
    '(a) into an empty database, records/s',
    n0(cli.recordsPerSecond),
    `≥ ${n0(T.cliRecordsPerSecond)}`,
    verdict(cli.recordsPerSecond >= T.cliRecordsPerSecond, n0(cli.recordsPerSecond)),
  );
  if (events >= T.millionEvents) {
    row(
      `(a) the ${n0(T.millionEvents)}-event bundle, s`,
      n1(cli.importSeconds),
      `≤ ${T.millionSeconds}`,
      verdict(cli.importSeconds <= T.millionSeconds, `${n1(cli.importSeconds)} s`),
    );
  } else {
    row(
      `(a) the ${n0(T.millionEvents)}-event bundle, s`,
      '',
      `≤ ${T.millionSeconds}`,
      'not measured at this size',
    );
  }
  if (load.httpToCli !== undefined) {
    row(
      '(b) HTTP ÷ (a) CLI, time',
      `${n2(load.httpToCli)}×`,
      `≤ ${T.httpToCli}×`,
      verdict(load.httpToCli <= T.httpToCli, `${n2(load.httpToCli)}×`),
    );
  }
  if (incremental) {
    row(
      `(d) ${n0(incremental.records)} records into the loaded database, records/s`,
      n0(incremental.recordsPerSecond),
      `≥ ${n0(T.incrementalRecordsPerSecond)}`,
      verdict(
        incremental.recordsPerSecond >= T.incrementalRecordsPerSecond &&
          incremental.problems.length === 0,
        incremental.problems.length > 0
          ? incremental.problems.join('; ')
          : n0(incremental.recordsPerSecond),
      ),
    );
  }
  const rss: [string, ImportFigures | undefined][] = [
    ['(a) CLI', cli],
    ['(b) HTTP, the server', http],
    ['(d) incremental', incremental],
  ];
  for (const [label, f] of rss) {
    if (!f) continue;
    row(
      `peak RSS, ${label}, MB`,
      String(f.peakRssMb),
      `≤ ${T.peakRssMb}`,
      verdict(f.peakRssMb <= T.peakRssMb, `${f.peakRssMb} MB`),
    );
  }
  if (reads) {
    row(
      'event items during (b), p99 ms',
      n1(reads.p99Ms),
      `≤ ${T.readP99Ms}`,
      verdict(reads.p99Ms <= T.readP99Ms, `${n1(reads.p99Ms)} ms`),
    );
  }
  return rows;
}

export function importSection(load: LoadResult, events: number): string[] {
  const { raw, cli, http, incremental, reads } = load;
  const lines = [
    '## Import',
    '',
    `${n0(load.records)} records (${n0(load.rows)} rows). **(c) raw** is SQLite's own limit: plain prepared INSERTs of the same rows in one transaction into tables with our columns and only their primary keys (no other index, no trigger, no full-text index). **(a)** the import command into a fresh migrated database; **(b)** \`POST /v1/imports\`, the file streamed as NDJSON to the built server, on a fresh database; **(d)** new or changed records by the import command into a copy of the database (a) loaded. "Own s" is the import's own time (for the command, from the start the import logs to the process's exit: start-up left out); records/s and rows/s are over it. Peak RSS is the process's (the server's VmHWM for (b), its workers included).`,
    '',
    '| path | records | own s | wall s | records/s | rows/s | × (c) | CPU s | peak RSS MB |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    pathRow('(c) raw prepared INSERTs, primary keys only', raw, load, load.rows),
    pathRow(`(a) CLI import (${String(cli.via ?? 'command')})`, cli, load, load.rows),
  ];
  if (http) lines.push(pathRow('(b) HTTP NDJSON, POST /v1/imports', http, load, load.rows));
  if (incremental)
    lines.push(pathRow('(d) incremental, into the loaded database', incremental, load));
  lines.push('', ...phases('(a) phases', cli), ...phases('(d) phases', incremental));
  if (typeof raw.parseSeconds === 'number') {
    lines.push(`- Reading and parsing the file alone: ${n2(Number(raw.parseSeconds))} s.`);
  }
  if (incremental) {
    const p = incremental.plan;
    lines.push(
      `- (d) is ${n0(p.changedEvents)} changed events, ${n0(p.changedPeople)} changed people, ${n0(p.newEvents)} new events and ${n0(p.newParticipations)} new participations (\`bench/load/incremental.ts\`); the report counted ${JSON.stringify(incremental.totals)}${incremental.problems.length > 0 ? `: **${incremental.problems.join('; ')}**` : ', as expected'}.`,
    );
  }
  if (reads) {
    const statuses = Object.entries(reads.statuses)
      .map(([status, count]) => `${status}×${n0(count)}`)
      .join(' ');
    lines.push(
      `- During (b), ${reads.clients} clients asked for event items at random ids, ${reads.pauseMs} ms between an answer and the next request: ${n0(reads.requests)} requests (${n0(reads.perSecond)}/s), p50 ${n1(reads.p50Ms)} ms, p99 ${n1(reads.p99Ms)} ms, max ${n1(reads.maxMs)} ms; statuses ${statuses} (the database is empty until the import commits, so most are 404s). The slowest, by when they were sent after the import began: ${reads.slowest.map((r) => `${n0(r.ms)} ms at ${n1(r.atSeconds)} s`).join(', ')} (the import took ${n1(http?.seconds ?? Number.NaN)} s).`,
    );
  }
  lines.push(
    load.mismatches.length === 0
      ? '- (c) and (a) hold the same number of rows in every table (c) wrote.'
      : `- Row counts differ: ${load.mismatches.join('; ')}.`,
    '',
    "Issue 12's targets (stated for the 100k and 1M bundles; a smoke run shows that the bench works, not whether they are met):",
    '',
    '| figure | this run | target | met? |',
    '| --- | ---: | --- | --- |',
    ...targetRows(load, events),
    '',
  );
  return lines;
}
