import { eq } from 'drizzle-orm';
import type { Db } from '../../db/database.js';
import { perConnection } from '../../db/prepared.js';
import { type ItemParams, readTask } from '../../http/reads/task.js';
import { imports } from '../../kinds/tables.js';
import { decodeCursor } from '../../query/list/cursor.js';
import { afterSortKey, orderBy, type Sort, withNextCursor } from '../../query/list/keyset.js';
import type { Page } from '../../query/shapes.js';
import { ImportRecord } from '../report.js';
import { ImportPage } from './import-schemas.js';

/** Newest first. */
export const NEWEST: Sort = {
  name: 'imports:-started',
  column: imports.startedAt,
  direction: 'desc',
};

/** A line of the import log as the API shows it, from either backend's row (the same columns). */
export function toRecord(row: typeof imports.$inferSelect): ImportRecord {
  return {
    id: row.id,
    started_at: row.startedAt,
    finished_at: row.finishedAt,
    key_name: row.keyName,
    format: row.format,
    mode: row.mode,
    dry_run: row.dryRun,
    status: row.status,
    report: row.report as ImportRecord['report'],
  };
}

export function createImportsRepository(db: Db) {
  return {
    list(query: { limit: number; cursor?: string }): Page<ImportRecord> {
      const after = query.cursor
        ? decodeCursor(query.cursor, NEWEST.name, [['string', 'number'], 'string'])
        : undefined;
      const rows = db
        .select()
        .from(imports)
        .where(afterSortKey(NEWEST, imports.id, after))
        .orderBy(...orderBy(NEWEST, imports.id))
        .limit(query.limit + 1)
        .all();
      const page = withNextCursor(rows, query.limit, NEWEST.name, (row) => [row.startedAt, row.id]);
      return { data: page.rows.map(toRecord), next_cursor: page.nextCursor };
    },

    get(id: string): ImportRecord | null {
      const row = db.select().from(imports).where(eq(imports.id, id)).get();
      return row ? toRecord(row) : null;
    },
  };
}

const repository = perConnection(createImportsRepository);

/** The import log's read tasks: app.reads runs them inline or in a read worker. */
export const importReads = {
  list: readTask('imports.list', ImportPage, (db, query: { limit: number; cursor?: string }) =>
    repository(db).list(query),
  ),
  get: readTask('imports.get', ImportRecord, (db, { id }: ItemParams) => repository(db).get(id)),
};
