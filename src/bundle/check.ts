/**
 * What an import makes of one input record before it touches a database: the record validated
 * by its kind's schema, the JSON text to stage and the references it makes, or every reason it is
 * rejected. Pure and synchronous, so that the import session runs it in its own thread for small
 * inputs, and check-worker.ts runs it on other threads for a large NDJSON stream (readers.ts).
 */
import { KIND_NAMES, type KindName, kindNamed, kindOf, type RecordOf } from '../kinds/index.js';
import { referencesOf } from '../records/references.js';
import type { Rejection } from './report.js';

/** Where a record came from: its line (NDJSON, CSV) or index (JSON), and its JSON pointer. */
export interface Location {
  line?: number;
  index?: number;
  /** The pointer of the record itself in the input: `/events/3`, or `/record` on a line. */
  pointer: string;
}

/** A reference to stage: its pointer in the input, the kind and the id it names. */
export type StagedReference = [pointer: string, kind: KindName, id: string];

/**
 * Input records, checked: flat and plain, to cross between threads cheaply (a structured clone of
 * strings in one array costs a fraction of an object a record).
 */
export interface CheckedBatch {
  /** Lines read (NDJSON): the session numbers the next batch's lines after them. */
  lines: number;
  /**
   * The valid records, VALID_FIELDS values each: kind, line (or null), index (or null), the
   * record's pointer, its id, its JSON text as the schema gave it (defaults filled in), and its
   * references as the JSON text of a StagedReference[] (the session expands them in SQL).
   */
  valid: (string | number | null)[];
  /** Every reason a record or a line was rejected, in the input's order. */
  rejections: Rejection[];
  /** The kind of each rejected record that has one, once a record. */
  rejectedKinds: KindName[];
}

export const VALID_FIELDS = 7;

export const emptyBatch = (): CheckedBatch => ({
  lines: 0,
  valid: [],
  rejections: [],
  rejectedKinds: [],
});

/** Validates one record of `kindName` into `batch`; an invalid one is rejected with every reason. */
export function checkRecord(
  batch: CheckedBatch,
  kindName: unknown,
  input: unknown,
  at: Location,
): void {
  const kind = kindNamed(kindName)?.name;
  const id =
    typeof (input as { id?: unknown })?.id === 'string' ? (input as { id: string }).id : null;
  const where = {
    ...(at.line === undefined ? {} : { line: at.line }),
    ...(at.index === undefined ? {} : { index: at.index }),
  };
  if (!kind) {
    batch.rejections.push({
      kind: null,
      id,
      ...where,
      pointer: at.line === undefined ? at.pointer : '/kind',
      reason: `unknown kind ${JSON.stringify(kindName)}: expected one of ${KIND_NAMES.join(', ')}`,
    });
    return;
  }
  const parsed = kindOf(kind).record.safeParse(input);
  if (!parsed.success) {
    batch.rejectedKinds.push(kind);
    for (const issue of parsed.error.issues) {
      // An unknown field is named by its own pointer, one rejection per field.
      const fields = issue.code === 'unrecognized_keys' ? issue.keys : [undefined];
      for (const field of fields) {
        const path = field === undefined ? issue.path : [...issue.path, field];
        batch.rejections.push({
          kind,
          id,
          ...where,
          pointer: `${at.pointer}/${path.join('/')}`.replace(/\/$/, ''),
          reason: field === undefined ? issue.message : `unknown field '${field}'`,
        });
      }
    }
    return;
  }
  const record = parsed.data as RecordOf;
  const references = referencesOf(kindOf(kind), record).map(
    (ref): StagedReference => [`${at.pointer}${ref.pointer}`, ref.kind as KindName, ref.id],
  );
  batch.valid.push(
    kind,
    at.line ?? null,
    at.index ?? null,
    at.pointer,
    record.id,
    JSON.stringify(record),
    JSON.stringify(references),
  );
}

/** A line longer than this is rejected rather than buffered: no single record needs more. */
export const MAX_LINE_BYTES = 2 * 1024 * 1024;

/** NDJSON lines, whole: what readers.ts cuts a stream into. */
export interface LineBlock {
  /** The block's first line was longer than MAX_LINE_BYTES: only its end was kept, and dropped. */
  overlongFirst: boolean;
  /** UTF-8 text of whole lines (the last one's newline may be missing at the end of the input). */
  bytes: Uint8Array;
}

// A byte-order mark stays, as it always did: a line starting with one is not JSON.
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * Checks a block of NDJSON lines, numbered from 1: one `{"kind": ..., "record": {...}}` a line.
 * Blank lines give nothing.
 */
export function checkLines({ overlongFirst, bytes }: LineBlock): CheckedBatch {
  const batch = emptyBatch();
  const reject = (line: number, pointer: string, reason: string) =>
    batch.rejections.push({ kind: null, id: null, line, pointer, reason });
  if (overlongFirst) reject(1, '', `line longer than ${MAX_LINE_BYTES} bytes`);
  const texts = decoder.decode(bytes).split('\n');
  // The newline that ends the last line ends no line of its own.
  if (texts.at(-1) === '') texts.pop();
  const first = overlongFirst ? 2 : 1;
  texts.forEach((text, i) => {
    const line = first + i;
    if (text.trim() === '') return;
    let entry: unknown;
    try {
      entry = JSON.parse(text);
    } catch (error) {
      reject(line, '', `not valid JSON: ${(error as Error).message}`);
      return;
    }
    if (typeof entry !== 'object' || entry === null || !('record' in entry)) {
      reject(line, '/record', 'each line is {"kind": "<kind>", "record": {...}}');
      return;
    }
    const { kind, record } = entry as { kind: unknown; record: unknown };
    checkRecord(batch, kind, record, { line, pointer: '/record' });
  });
  batch.lines = first - 1 + texts.length;
  return batch;
}
