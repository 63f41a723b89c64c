/**
 * An export slice as a read task (src/reads/registry.ts), run by the export route in the read
 * pool's bulk lane. Its text is the slice itself after one line saying where the next slice
 * starts: a slice is up to 256 KiB of JSON already, which the JSON of a string would escape in
 * the worker and parse back on the main thread (about 5 ms a slice, measured).
 */
import { z } from 'zod';
import { readTask } from '../http/reads/task.js';
import type { KindName } from '../kinds/index.js';
import { csvPage } from './csv.js';
import {
  type ExportOptions,
  type ExportPosition,
  type ExportSlice,
  exportSlice,
} from './export.js';

export interface SliceParams {
  options: ExportOptions;
  position: ExportPosition;
}

const Position = z.object({ kind: z.number(), after: z.string().nullable(), opened: z.boolean() });

export const exportSliceTask = readTask(
  'bundle.exportSlice',
  z.object({ text: z.string(), next: Position.nullable() }),
  (db, { options, position }: SliceParams): ExportSlice => exportSlice(db, options, position),
  (slice) => `${JSON.stringify(slice.next)}\n${slice.text}`,
);

/** The slice back from its task's text. */
export function sliceOf(body: string): ExportSlice {
  const end = body.indexOf('\n');
  return {
    next: JSON.parse(body.slice(0, end)) as ExportPosition | null,
    text: body.slice(end + 1),
  };
}

/**
 * A list's page as CSV (`GET /v1/{kind}?format=csv`): the records of the page's ids, in its
 * order, read in one transaction. Its text is the CSV itself.
 */
export const csvPageTask = readTask(
  'bundle.csvPage',
  z.string(),
  (db, { kind, ids }: { kind: KindName; ids: string[] }) => csvPage(db, kind, ids),
  (text) => text,
);
