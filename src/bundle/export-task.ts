/**
 * An export slice as a read task (src/reads/registry.ts), run by the export route in the read
 * pool's bulk lane. Its text is the slice itself after one line saying where the next slice
 * starts: a slice is up to 256 KiB of JSON already, which the JSON of a string would escape in
 * the worker and parse back on the main thread (about 5 ms a slice, measured).
 */
import { z } from 'zod';
import { readTask } from '../http/reads/task.js';
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
