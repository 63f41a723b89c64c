/**
 * The import log on PostgreSQL (import-log.ts reads it on SQLite): its page, newest first with
 * the same cursors, and a line by id, the rows made records by the same toRecord.
 */
import { eq } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { imports } from '../../db/tables/imports.pg.js';
import { postgresRead } from '../../http/reads/postgres-read.js';
import type { ItemParams } from '../../http/reads/task.js';
import { decodeCursor } from '../../query/list/cursor.js';
import { afterSortKey, orderBy, withNextCursor } from '../../query/list/keyset.js';
import { importReads, NEWEST, toRecord } from './import-log.js';

export const importReadsPostgres = [
  postgresRead(importReads.list, async (client, query) => {
    const after = query.cursor
      ? decodeCursor(query.cursor, NEWEST.name, [['string', 'number'], 'string'])
      : undefined;
    const newest = { ...NEWEST, column: imports.startedAt };
    const rows = await drizzle({ client })
      .select()
      .from(imports)
      .where(afterSortKey(newest, imports.id, after))
      .orderBy(...orderBy(newest, imports.id))
      .limit(query.limit + 1);
    const page = withNextCursor(rows, query.limit, NEWEST.name, (row) => [row.startedAt, row.id]);
    return { data: page.rows.map(toRecord), next_cursor: page.nextCursor };
  }),
  postgresRead(importReads.get, async (client, { id }: ItemParams) => {
    // Drizzle reads the twin table as it reads SQLite's: `dry_run` a boolean, `report` parsed.
    const [row] = await drizzle({ client }).select().from(imports).where(eq(imports.id, id));
    return row ? toRecord(row) : null;
  }),
];
