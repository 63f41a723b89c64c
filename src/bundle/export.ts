/**
 * Writes the knowledge base (or a subset) as a bundle: JSON (the bundle object, one record a line
 * inside each array) or NDJSON (`{"kind": ..., "record": ...}` a line); or one kind as CSV (its
 * header, then a row a record: csv.ts). Records come in kind
 * order, then id order, in their canonical shape (records.ts), so the same data always gives the
 * same bytes.
 *
 * An export is made of slices, each bounded by its size and its time (SLICE_BUDGET), and each
 * saying where the next one starts: the HTTP route renders one slice at a time as a read task
 * (the bulk lane of the read pool) and asks for the next only once the client has taken the
 * last, so a slow client holds no worker and no slice holds a thread for long. Slices end between
 * records, so joined they are the same bytes whatever the budget; `exportChunks` (the CLI) is
 * the same loop without the pool.
 */
import type { SQL } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import type { ExportFormat } from '../domain/bundle-formats.js';
import { KINDS, type KindName } from '../kinds/index.js';
import { csvOf } from './csv.js';
import { recordBatch } from './records.js';

export interface ExportOptions {
  /** A bundle (JSON, NDJSON), or CSV: the records of the one kind in `kinds` (csv.ts). */
  format: ExportFormat;
  /** Only these kinds; all when absent. */
  kinds?: KindName[];
  /**
   * Narrow the dated kinds to a period (partial dates; spans that overlap it): each kind says
   * what its date is (its definition's `inPeriod`); kinds that are not dated are kept whole.
   */
  from?: string;
  to?: string;
}

/** Where a slice starts. Plain data: it goes to a read worker and comes back. */
export interface ExportPosition {
  /** The kind being written: an index into the kinds exported, in the bundle's order. */
  kind: number;
  /** The last id of that kind written; null when none is (its JSON array not yet opened). */
  after: string | null;
  /** The bundle's opening (JSON) has been written. */
  opened: boolean;
}

export const EXPORT_START: ExportPosition = { kind: 0, after: null, opened: false };

export interface SliceBudget {
  /** A slice stops once its text is this long (in characters, near enough to bytes)... */
  bytes: number;
  /** ...or once it has taken this long... */
  ms: number;
  /** ...checked after each batch of this many records (of one kind) read together. */
  records: number;
}

/**
 * About 256 KiB or 25 ms a slice. Measured for issue 11 at 100k events: 200 records are about
 * 90 KB, and a batch of 500 took 5-97 ms (sources are the slowest), so batches of 100 keep a
 * slice near its time budget.
 */
export const SLICE_BUDGET: SliceBudget = { bytes: 256 * 1024, ms: 25, records: 100 };

export interface ExportSlice {
  text: string;
  /** Where the next slice starts; null when this one ends the export. */
  next: ExportPosition | null;
}

/** A batch of records a slice asks its backend for (recordBatch's arguments). */
export interface BatchRequest {
  name: KindName;
  where: SQL | undefined;
  after: string | null;
  limit: number;
}

/**
 * One slice of the export as a generator that yields each batch of records it needs and is given
 * them back: the one loop (openings, separators, closings, the budget) for every backend, whether
 * it reads synchronously (SQLite, exportSlice) or not (PostgreSQL, postgres/export.ts).
 */
export function* sliceSteps(
  options: ExportOptions,
  position: ExportPosition = EXPORT_START,
  budget: SliceBudget = SLICE_BUDGET,
): Generator<BatchRequest, ExportSlice, object[]> {
  const kinds = KINDS.filter((k) => !options.kinds || options.kinds.includes(k.name));
  if (options.format === 'csv' && kinds.length !== 1) {
    throw new Error('a CSV export holds one kind of record: name it in `kinds`');
  }
  const json = options.format === 'json';
  const csv = options.format === 'csv';
  const { from, to } = options;
  const started = performance.now();
  const parts: string[] = [];
  let length = 0;
  const add = (text: string) => {
    parts.push(text);
    length += text.length;
  };
  let { kind, after } = position;
  if (json && !position.opened) add('{"format":"annals-bundle","version":1');
  if (csv && !position.opened) add(csvOf((kinds[0] as (typeof kinds)[number]).name, [], true));
  while (kind < kinds.length) {
    const { name, inPeriod } = kinds[kind] as (typeof kinds)[number];
    if (json && after === null) add(`,\n${JSON.stringify(name)}:[`);
    const period = from || to ? inPeriod?.(from, to) : undefined;
    const records = yield { name, where: period, after, limit: budget.records };
    if (csv) {
      add(csvOf(name, records, false));
      after = (records[records.length - 1] as { id: string } | undefined)?.id ?? after;
    }
    for (const record of csv ? [] : records) {
      const text = JSON.stringify(record);
      add(
        json
          ? `${after === null ? '' : ','}\n${text}`
          : `{"kind":${JSON.stringify(name)},"record":${text}}\n`,
      );
      after = (record as { id: string }).id;
    }
    if (records.length < budget.records) {
      if (json) add(after === null ? ']' : '\n]');
      kind += 1;
      after = null;
    }
    if (length >= budget.bytes || performance.now() - started >= budget.ms) {
      return { text: parts.join(''), next: { kind, after, opened: true } };
    }
  }
  if (json) add('}\n');
  return { text: parts.join(''), next: null };
}

/** One slice of the export, from `position` until the budget is spent or the export ends. */
export function exportSlice(
  db: Db,
  options: ExportOptions,
  position: ExportPosition = EXPORT_START,
  budget: SliceBudget = SLICE_BUDGET,
): ExportSlice {
  const steps = sliceSteps(options, position, budget);
  let step = steps.next();
  while (!step.done) {
    const { name, where, after, limit } = step.value;
    step = steps.next(recordBatch(db, name, where, after, limit));
  }
  return step.value;
}

/** The export as text chunks, a slice at a time, produced lazily as the stream is read. */
export function* exportChunks(
  db: Db,
  options: ExportOptions,
  budget: SliceBudget = SLICE_BUDGET,
): Generator<string> {
  for (let position: ExportPosition | null = EXPORT_START; position !== null; ) {
    const slice = exportSlice(db, options, position, budget);
    if (slice.text !== '') yield slice.text;
    position = slice.next;
  }
}
