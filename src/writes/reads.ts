/**
 * The reads of the kinds without a resource of their own (positions, relations, participations):
 * the stored record itself, by id. app.reads runs them inline or in a read worker.
 */
import type { z } from 'zod';
import { readRecord } from '../bundle/records.js';
import { type ItemParams, type ReadTask, readTask } from '../http/reads/task.js';
import { KINDS } from '../kinds/index.js';

export const recordReads: Record<string, ReadTask<ItemParams>> = Object.fromEntries(
  KINDS.filter((kind) => !kind.resource).map((kind) => [
    kind.name,
    readTask(`${kind.name}.record`, kind.record as z.ZodType, (db, { id }: ItemParams) =>
      readRecord(db, kind.name, id),
    ),
  ]),
);
