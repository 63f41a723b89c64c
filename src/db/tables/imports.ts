import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { IMPORT_FORMATS, IMPORT_MODES, IMPORT_STATUSES } from '../../domain/bundle-formats.js';

/** Every import, as it ended: who ran it, what it counted, and what it rejected and why. */
export const imports = sqliteTable(
  'imports',
  {
    id: text('id').primaryKey(),
    startedAt: text('started_at').notNull(),
    finishedAt: text('finished_at').notNull(),
    /** The name of the API key used; `local` for the command line and the seed. */
    keyName: text('key_name').notNull(),
    format: text('format', { enum: IMPORT_FORMATS }).notNull(),
    mode: text('mode', { enum: IMPORT_MODES }).notNull(),
    dryRun: integer('dry_run', { mode: 'boolean' }).notNull(),
    /** imported, rejected (nothing written) or validated (a dry run). */
    status: text('status', { enum: IMPORT_STATUSES }).notNull(),
    /** The report: counts per kind and the rejections (JSON). */
    report: text('report', { mode: 'json' }).notNull(),
  },
  (t) => [index('imports_started_idx').on(t.startedAt, t.id)],
);
