/** The PostgreSQL twin of imports.ts (test/postgres/schema-parity.test.ts keeps them equal). */
import { boolean, index, pgTable, text } from 'drizzle-orm/pg-core';
import { IMPORT_FORMATS, IMPORT_MODES, IMPORT_STATUSES } from '../../domain/bundle-formats.js';
import { jsonText } from '../pg-columns.js';

export const imports = pgTable(
  'imports',
  {
    id: text('id').primaryKey(),
    // ISO timestamps as text, as SQLite has them: the import log answers them as written.
    startedAt: text('started_at').notNull(),
    finishedAt: text('finished_at').notNull(),
    keyName: text('key_name').notNull(),
    format: text('format', { enum: IMPORT_FORMATS }).notNull(),
    mode: text('mode', { enum: IMPORT_MODES }).notNull(),
    // boolean, where SQLite stores 0/1 in an integer: drizzle reads both as true/false, which is
    // what the import log answers (`dry_run: false`), and only drizzle reads the column.
    dryRun: boolean('dry_run').notNull(),
    status: text('status', { enum: IMPORT_STATUSES }).notNull(),
    report: jsonText<unknown>('report').notNull(),
  },
  (t) => [index('imports_started_idx').on(t.startedAt, t.id)],
);
