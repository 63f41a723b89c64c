/**
 * Writes the knowledge base (or a subset) as a bundle, a batch at a time: JSON (the bundle
 * object, one record a line inside each array) or NDJSON (`{"kind": ..., "record": ...}` a line).
 * Records come in kind order, then id order, in their canonical shape (records.ts), so the same
 * data always gives the same bytes.
 */
import type { Db } from '../db/database.js';
import type { ExportFormat } from '../domain/bundle-formats.js';
import { KINDS, type KindName } from '../kinds/index.js';
import { iterateRecords } from './records.js';

export interface ExportOptions {
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

/** Records per chunk handed to the stream: large enough to be cheap, small enough to interleave. */
const CHUNK_RECORDS = 200;

/** The export as text chunks, produced lazily as the stream is read. */
export function* exportChunks(db: Db, options: ExportOptions): Generator<string> {
  const kinds = KINDS.filter((k) => !options.kinds || options.kinds.includes(k.name));
  const { from, to } = options;
  const json = options.format === 'json';
  if (json) yield '{"format":"annals-bundle","version":1';
  for (const { name: kind, inPeriod } of kinds) {
    if (json) yield `,\n${JSON.stringify(kind)}:[`;
    const period = from || to ? inPeriod?.(from, to) : undefined;
    let chunk: string[] = [];
    let first = true;
    for (const record of iterateRecords(db, kind, period)) {
      const text = JSON.stringify(record);
      chunk.push(
        json
          ? `${first ? '' : ','}\n${text}`
          : `{"kind":${JSON.stringify(kind)},"record":${text}}\n`,
      );
      first = false;
      if (chunk.length >= CHUNK_RECORDS) {
        yield chunk.join('');
        chunk = [];
      }
    }
    if (chunk.length > 0) yield chunk.join('');
    if (json) yield first ? ']' : '\n]';
  }
  if (json) yield '}\n';
}
