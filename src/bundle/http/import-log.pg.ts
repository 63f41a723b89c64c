/**
 * The import log's page on PostgreSQL (import-log.ts reads it on SQLite): newest first, the same
 * cursors, the rows made records by the same toRecord.
 */
import { drizzle } from 'drizzle-orm/node-postgres';
import { postgresRead } from '../../http/reads/postgres-read.js';
import { imports } from '../../kinds/tables.pg.js';
import { decodeCursor } from '../../query/list/cursor.js';
import { afterSortKey, orderBy, withNextCursor } from '../../query/list/keyset.js';
import { importReads, NEWEST, toRecord } from './import-log.js';

export const importListReadsPostgres = [
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
];
