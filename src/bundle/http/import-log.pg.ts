/**
 * The import log's reads on PostgreSQL (GET /v1/imports, GET /v1/imports/{id}): the queries of
 * import-log.ts on the PostgreSQL twin of its table, with the same keyset (the same sort name, so
 * a cursor made by either backend pages on the other) and the same mapping, so the same bytes.
 */
import { eq } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import { imports } from '../../db/tables/imports.pg.js';
import { postgresRead } from '../../http/reads/postgres-read.js';
import type { ItemParams } from '../../http/reads/task.js';
import { decodeCursor } from '../../query/list/cursor.js';
import { afterSortKey, orderBy, type Sort, withNextCursor } from '../../query/list/keyset.js';
import type { Page } from '../../query/shapes.js';
import type { ImportRecord } from '../report.js';
import { importReads, NEWEST, toRecord } from './import-log.js';

/** NEWEST over the PostgreSQL table's column. */
const NEWEST_PG: Sort = { ...NEWEST, column: imports.startedAt };

async function listImports(
  client: pg.PoolClient,
  query: { limit: number; cursor?: string },
): Promise<Page<ImportRecord>> {
  const after = query.cursor
    ? decodeCursor(query.cursor, NEWEST_PG.name, [['string', 'number'], 'string'])
    : undefined;
  const rows = await drizzle({ client })
    .select()
    .from(imports)
    .where(afterSortKey(NEWEST_PG, imports.id, after))
    .orderBy(...orderBy(NEWEST_PG, imports.id))
    .limit(query.limit + 1);
  const page = withNextCursor(rows, query.limit, NEWEST_PG.name, (row) => [row.startedAt, row.id]);
  return { data: page.rows.map(toRecord), next_cursor: page.nextCursor };
}

async function getImport(client: pg.PoolClient, { id }: ItemParams): Promise<ImportRecord | null> {
  const [row] = await drizzle({ client }).select().from(imports).where(eq(imports.id, id));
  return row ? toRecord(row) : null;
}

export const importReadsPostgres = [
  postgresRead(importReads.list, listImports),
  postgresRead(importReads.get, getImport),
];
