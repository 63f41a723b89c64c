/**
 * Feeds an import session from each input format: a whole JSON bundle; NDJSON read line by line
 * from a stream (one `{"kind": ..., "record": {...}}` a line); CSV, one kind per file. Streams
 * are never held whole in memory.
 */

import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import type { z } from 'zod';
import { KIND_NAMES, KINDS, type KindName, kindOf } from '../kinds/index.js';
import type { ImportSession } from './import.js';

/** A line longer than this is rejected rather than buffered: no single record needs more. */
export const MAX_LINE_BYTES = 2 * 1024 * 1024;

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

/** Splits a byte stream into lines without ever holding more than one line (and a chunk). */
export async function* linesOf(
  stream: AsyncIterable<Buffer | string>,
  maxBytes = MAX_LINE_BYTES,
): AsyncGenerator<{ line: number; text: string | null }> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let overflow = false;
  let line = 0;
  const finishLine = (tail: Buffer) => {
    line += 1;
    const text = overflow ? null : Buffer.concat([...pending, tail]).toString('utf8');
    pending = [];
    pendingBytes = 0;
    overflow = false;
    return { line, text };
  };
  for await (const chunk of stream) {
    let buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    for (let newline = buffer.indexOf(10); newline !== -1; newline = buffer.indexOf(10)) {
      yield finishLine(buffer.subarray(0, newline));
      buffer = buffer.subarray(newline + 1);
    }
    if (!overflow) {
      pendingBytes += buffer.length;
      if (pendingBytes > maxBytes) {
        overflow = true;
        pending = [];
      } else pending.push(buffer);
    }
  }
  if (pendingBytes > 0 || pending.length > 0) yield finishLine(Buffer.alloc(0));
}

/** Feeds every line of an NDJSON stream; a line that is not a tagged record is rejected. */
export async function addNdjson(
  session: ImportSession,
  stream: AsyncIterable<Buffer | string>,
  onLine?: (line: number) => void,
): Promise<void> {
  for await (const { line, text } of linesOf(stream)) {
    onLine?.(line);
    if (text === null) {
      session.reject({
        kind: null,
        id: null,
        line,
        pointer: '',
        reason: `line longer than ${MAX_LINE_BYTES} bytes`,
      });
      continue;
    }
    if (text.trim() === '') continue;
    let entry: unknown;
    try {
      entry = JSON.parse(text);
    } catch (error) {
      session.reject({
        kind: null,
        id: null,
        line,
        pointer: '',
        reason: `not valid JSON: ${(error as Error).message}`,
      });
      continue;
    }
    if (typeof entry !== 'object' || entry === null || !('record' in entry)) {
      session.reject({
        kind: null,
        id: null,
        line,
        pointer: '/record',
        reason: 'each line is {"kind": "<kind>", "record": {...}}',
      });
      continue;
    }
    const { kind, record } = entry as { kind: unknown; record: unknown };
    session.add(kind, record, { line, pointer: '/record' });
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
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: Record<string, string>;
      info: { lines: number };
    }>) {
      onLine?.(info.lines);
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
