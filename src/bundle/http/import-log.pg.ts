/** A line of the import log on PostgreSQL (import-log.ts reads it on SQLite), by id. */
import { eq } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { imports } from '../../db/tables/imports.pg.js';
import { postgresRead } from '../../http/reads/postgres-read.js';
import type { ItemParams } from '../../http/reads/task.js';
import { importReads, toRecord } from './import-log.js';

export const importReadsPostgres = [
  postgresRead(importReads.get, async (client, { id }: ItemParams) => {
    // Drizzle reads the twin table as it reads SQLite's: `dry_run` a boolean, `report` parsed.
    const [row] = await drizzle({ client }).select().from(imports).where(eq(imports.id, id));
    return row ? toRecord(row) : null;
  }),
];
