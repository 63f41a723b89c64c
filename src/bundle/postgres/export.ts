/**
 * The export from PostgreSQL: the export's one loop (../export.ts sliceSteps) fed by the
 * PostgreSQL reader (records.ts), so that the same data gives the same bytes as SQLite's export,
 * in every format. Every batch of a slice is read in one read-only transaction (REPEATABLE READ),
 * so that a record and its lists, citations and basis are read as of one moment, as SQLite's
 * read transaction gives them.
 */
import { drizzle } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import {
  EXPORT_START,
  type ExportOptions,
  type ExportPosition,
  type ExportSlice,
  SLICE_BUDGET,
  type SliceBudget,
  sliceSteps,
} from '../export.js';
import type { PgDb } from './insert.js';
import { recordBatchPostgres } from './records.js';

/** One slice of the export from PostgreSQL, as exportSlice makes one from SQLite. */
export async function exportSlicePostgres(
  pool: pg.Pool,
  options: ExportOptions,
  position: ExportPosition = EXPORT_START,
  budget: SliceBudget = SLICE_BUDGET,
): Promise<ExportSlice> {
  return drizzle({ client: pool }).transaction(
    (tx) => exportSliceOn(tx, options, position, budget),
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}

/**
 * One slice read on `db`, inside a read-only transaction its caller opened: the export route's
 * (app.reads: the read task bundle.exportSlice, reads.ts) or exportSlicePostgres's.
 */
export async function exportSliceOn(
  db: PgDb,
  options: ExportOptions,
  position: ExportPosition = EXPORT_START,
  budget: SliceBudget = SLICE_BUDGET,
): Promise<ExportSlice> {
  const steps = sliceSteps(options, position, budget);
  let step = steps.next();
  while (!step.done) {
    const { name, where, after, limit } = step.value;
    step = steps.next(await recordBatchPostgres(db, name, where, after, limit));
  }
  return step.value;
}

/** The export from PostgreSQL as text chunks, a slice at a time, as exportChunks gives SQLite's. */
export async function* exportChunksPostgres(
  pool: pg.Pool,
  options: ExportOptions,
  budget: SliceBudget = SLICE_BUDGET,
): AsyncGenerator<string> {
  for (let position: ExportPosition | null = EXPORT_START; position !== null; ) {
    const slice = await exportSlicePostgres(pool, options, position, budget);
    if (slice.text !== '') yield slice.text;
    position = slice.next;
  }
}
