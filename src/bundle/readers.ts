/**
 * Feeds an import session from each input format: a whole JSON bundle; NDJSON read line by line
 * from a stream (one `{"kind": ..., "record": {...}}` a line); CSV, one kind per file. Streams
 * are never held whole in memory.
 */

import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { Piscina } from 'piscina';
import type { z } from 'zod';
import { KIND_NAMES, KINDS, type KindName, kindOf } from '../kinds/index.js';
import { piscinaWorker } from '../reads/worker-url.js';
import { type CheckedBatch, checkLines, type LineBlock, MAX_LINE_BYTES } from './check.js';
import type { ImportSession } from './import.js';

export { MAX_LINE_BYTES };

const BUNDLE_HEADER = { format: 'annals-bundle', version: 1 } as const;

/** Feeds every record of a parsed JSON bundle; a malformed envelope is rejected as a whole. */
export function addBundle(session: ImportSession, bundle: unknown): void {
  if (typeof bundle !== 'object' || bundle === null || Array.isArray(bundle)) {
    session.reject({ kind: null, id: null, pointer: '', reason: 'a bundle is a JSON object' });
    return;
  }
  const fields = bundle as Record<string, unknown>;
  for (const [key, expected] of Object.entries(BUNDLE_HEADER)) {
    if (fields[key] !== expected) {
      session.reject({
        kind: null,
        id: null,
        pointer: `/${key}`,
        reason: `expected ${JSON.stringify(expected)}, got ${JSON.stringify(fields[key] ?? null)}`,
      });
    }
  }
  for (const key of Object.keys(fields)) {
    if (Object.hasOwn(BUNDLE_HEADER, key)) continue;
    if (!(KIND_NAMES as string[]).includes(key)) {
      session.reject({
        kind: null,
        id: null,
        pointer: `/${key}`,
        reason: `unknown key: a bundle holds ${KIND_NAMES.join(', ')}`,
      });
      continue;
    }
    const records = fields[key];
    if (!Array.isArray(records)) {
      session.reject({
        kind: null,
        id: null,
        pointer: `/${key}`,
        reason: 'expected an array of records',
      });
      continue;
    }
    records.forEach((record, index) => {
      session.add(key, record, { index, pointer: `/${key}/${index}` });
    });
  }
}

/**
 * A block of lines is cut when it holds this much: one task for a checking thread. Small, so that
 * a block's records are garbage before the young generation is next swept: the bench's 100k file
 * read and staged in 11.6-13.2 s here with 64 KiB, 13.2-14.4 s with 1 MiB (alternating runs).
 */
const BLOCK_BYTES = 64 * 1024;

/**
 * Cuts a byte stream into blocks of whole lines of about BLOCK_BYTES, never holding more than a
 * block and one line. A line is cut short when more than `maxBytes` of it would have to wait for
 * its end (only its end is kept then, and the block says so).
 */
export async function* blocksOf(
  stream: AsyncIterable<Buffer | string>,
  maxBytes = MAX_LINE_BYTES,
): AsyncGenerator<LineBlock> {
  /** Whole lines, not yet sent. */
  let lines: Buffer[] = [];
  let lineBytes = 0;
  let overlongFirst = false;
  /** The start of a line whose end has not come yet. */
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let overflow = false;
  const block = (): LineBlock => {
    const cut = { overlongFirst, bytes: Buffer.concat(lines) };
    lines = [];
    lineBytes = 0;
    overlongFirst = false;
    return cut;
  };
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    const last = buffer.lastIndexOf(10);
    let rest = buffer;
    if (last !== -1) {
      if (overflow) {
        // The overlong line ends in this chunk: it starts a block of its own, its bytes dropped.
        if (lines.length > 0 || overlongFirst) yield block();
        overlongFirst = true;
        const end = buffer.indexOf(10);
        lines.push(buffer.subarray(end + 1, last + 1));
        lineBytes += last - end;
      } else {
        lines.push(...pending, buffer.subarray(0, last + 1));
        lineBytes += pendingBytes + last + 1;
      }
      pending = [];
      pendingBytes = 0;
      overflow = false;
      rest = buffer.subarray(last + 1);
      if (lineBytes >= BLOCK_BYTES) yield block();
    }
    if (!overflow) {
      pendingBytes += rest.length;
      if (pendingBytes > maxBytes) {
        overflow = true;
        pending = [];
      } else if (rest.length > 0) pending.push(rest);
    }
  }
  if (overflow) {
    if (lines.length > 0 || overlongFirst) yield block();
    overlongFirst = true;
  } else lines.push(...pending);
  if (lines.length > 0 || overlongFirst) yield block();
}

/**
 * An NDJSON input bigger than this has the rest of its lines checked by threads of its own; a
 * smaller one is checked here, sparing it the threads' start (each loads every kind's schemas).
 */
export const THREADED_AFTER_BYTES = 8 * 1024 * 1024;

/** The pool of checking threads of one import (check-worker.ts). */
function checkingPool(threads: number): Piscina {
  const pool = new Piscina({
    ...piscinaWorker(import.meta.url, 'check-worker', {}),
    // Never the parent's loaders (tap's): worker-url.ts picks a file Node can load as it is.
    execArgv: [],
    minThreads: threads,
    maxThreads: threads,
    concurrentTasksPerWorker: 1,
    // A thread's heap needs ~20 MB (its modules, a block's records); V8 lets garbage grow it to
    // ~150 MB first. 64 MB cost no time (the 100k file with 2 threads: 8.5-8.8 s, peak RSS 345-370
    // MB, against 8.3-8.7 s and 430-450 MB), and leaves room for a record of MAX_LINE_BYTES.
    resourceLimits: { maxOldGenerationSizeMb: 64 },
  });
  // An 'error' without a listener would end the process; a failed task fails its promise.
  pool.on('error', () => {});
  return pool;
}

/**
 * Blocks the command's own thread may check itself, beyond the two a checking thread has in
 * flight, when every thread is busy and nothing checked is waiting to be staged.
 */
const HELPED_BLOCKS = 4;

/** A block out for checking: its batch once checked, kept in the input's order. */
interface Pending {
  checked: Promise<CheckedBatch>;
  batch?: CheckedBatch;
}

/**
 * Feeds every line of an NDJSON stream; a line that is not a tagged record is rejected. Past
 * THREADED_AFTER_BYTES, with `threads` above 0, the lines are parsed and validated on that many
 * threads, a block at a time, while this one stages what they answer, in the input's order. When
 * the threads are all busy and nothing they checked is left to stage, this thread checks the next
 * block itself rather than wait: with one checking thread (the default on two cores), it would
 * otherwise idle for most of the reading, a thread's checking being 3-4 times the staging. The
 * bench's 100k file, alternating: reading 9.2-9.5 s against 11.4-11.5, peak RSS 283 MB against
 * 273-275 (HELPED_BLOCKS at 1: 10.4 s; at 16: 9.5 s).
 */
export async function addNdjson(
  session: ImportSession,
  stream: AsyncIterable<Buffer | string>,
  onLine?: (line: number) => void,
  threads = 0,
): Promise<void> {
  let pool: Piscina | undefined;
  let read = 0;
  /** The blocks being checked, oldest first. */
  const sent: Pending[] = [];
  const take = (batch: CheckedBatch) => {
    session.take(batch, read);
    read += batch.lines;
    onLine?.(read);
  };
  const takeOldest = async () => {
    const oldest = sent.shift();
    if (oldest) take(oldest.batch ?? (await oldest.checked));
  };
  let bytes = 0;
  try {
    for await (const block of blocksOf(stream)) {
      bytes += block.bytes.length;
      if (!pool && threads > 0 && bytes > THREADED_AFTER_BYTES) pool = checkingPool(threads);
      if (!pool) {
        take(checkLines(block));
        continue;
      }
      while (sent[0]?.batch) await takeOldest();
      // Two blocks a thread in flight: every thread busy, and memory bounded.
      if (sent.filter((pending) => !pending.batch).length >= threads * 2) {
        if (sent.length < threads * 2 + HELPED_BLOCKS) {
          const batch = checkLines(block);
          sent.push({ checked: Promise.resolve(batch), batch });
          continue;
        }
        await takeOldest();
      }
      // blocksOf's blocks are buffers of their own, but a small one may lie in Node's shared pool.
      const own = block.bytes.byteLength === block.bytes.buffer.byteLength;
      const pending: Pending = {
        checked: pool.run(block, { transferList: own ? [block.bytes.buffer as ArrayBuffer] : [] }),
      };
      // Handled now: should the input fail first, the blocks still out fail unread.
      pending.checked.then(
        (batch) => {
          pending.batch = batch;
        },
        () => {},
      );
      sent.push(pending);
    }
    while (sent.length > 0) await takeOldest();
  } finally {
    await pool?.destroy();
  }
}

/** The kinds a CSV file can hold: one file per kind, a row per record, a column per field. */
export const CSV_KINDS = KINDS.filter((kind) => kind.csv).map((kind) => kind.name) as [
  KindName,
  ...KindName[],
];
export type CsvKind = KindName;

/** What a field's schema takes, once optional/nullable/default wrappers are looked through. */
function fieldType(schema: z.ZodType): string {
  let inner: z.ZodType = schema;
  for (;;) {
    const def = (inner as unknown as { def: { type: string; innerType?: z.ZodType } }).def;
    if (def.innerType && ['optional', 'nullable', 'default', 'prefault'].includes(def.type)) {
      inner = def.innerType;
    } else return def.type;
  }
}

/**
 * A CSV cell as the field's value: empty is absent; a list field takes JSON (`["a","b"]`) or
 * `|`-separated text; an object field (a speaker, a participant, a basis) takes JSON; a number field a
 * decimal. Anything else stays text, and the schema says what is wrong with it.
 */
function cellValue(type: string, cell: string): unknown {
  if (cell === '') return type === 'array' ? [] : undefined;
  if (type === 'array') {
    if (cell.startsWith('[')) return parseJsonCell(cell);
    return cell.split('|').map((part) => part.trim());
  }
  if (type === 'object' || type === 'union' || type === 'record') return parseJsonCell(cell);
  if (type === 'number' && /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(cell)) return Number(cell);
  return cell;
}

function parseJsonCell(cell: string): unknown {
  try {
    return JSON.parse(cell);
  } catch {
    return cell;
  }
}

/** Feeds every row of a CSV stream of one kind; the header row names the fields. */
export async function addCsv(
  session: ImportSession,
  kind: CsvKind,
  stream: AsyncIterable<Buffer | string>,
  onLine?: (line: number) => void,
): Promise<void> {
  const shape = kindOf(kind).shape.shape as Record<string, z.ZodType>;
  const types = Object.fromEntries(
    Object.entries(shape).map(([field, s]) => [field, fieldType(s)]),
  );
  const parser = parse({
    columns: (header: string[]) => header.map((h) => h.trim()),
    bom: true,
    info: true,
    skip_empty_lines: true,
    max_record_size: MAX_LINE_BYTES,
  });
  // pipe() keeps backpressure: the input is read only as fast as rows are staged.
  const input = Readable.from(stream);
  input.on('error', (error) => parser.destroy(error));
  input.pipe(parser);
  let read = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: Record<string, string>;
      info: { lines: number };
    }>) {
      onLine?.(++read);
      const fields = Object.fromEntries(
        Object.entries(record)
          .map(([field, cell]) => [field, cellValue(types[field] ?? 'string', cell)])
          .filter(([, value]) => value !== undefined),
      );
      session.add(kind, fields, { line: info.lines, pointer: '' });
    }
  } catch (error) {
    session.reject({
      kind,
      id: null,
      pointer: '',
      reason: `not valid CSV: ${(error as Error).message}`,
    });
  }
}
