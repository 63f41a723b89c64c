/**
 * The search documents of a load into an empty database, numbered as SQLite numbers them: a
 * search ranks documents of equal scores by their number, and its cursors carry it, so the same
 * numbers give the same hits in the same order, with the same cursors, on both backends.
 *
 * PostgreSQL's triggers made every document as its record was written, numbered in the writer's
 * order; SQLite's import numbers them its own way (src/db/derived.ts: by kind, then in the order
 * each kind's rows were written). The load went through a SQLite staging database (staged.ts),
 * which numbered them so: its numbers are given to PostgreSQL's documents, and the sequence goes
 * on after the last.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/database.js';
import { searchDocs } from '../../db/tables/search.js';
import type { PgDb } from './insert.js';

const BATCH = 5000;

export async function numberDocumentsAs(db: PgDb, staging: Db): Promise<void> {
  const numbered = staging
    .select({ id: searchDocs.rowid, kind: searchDocs.kind, entityId: searchDocs.entityId })
    .from(searchDocs)
    .all();
  // Out of the way first: a document may take a number another one holds now.
  await db.execute(sql`update search_docs set id = -id`);
  for (let start = 0; start < numbered.length; start += BATCH) {
    const batch = numbered.slice(start, start + BATCH);
    await db.execute(sql`update search_docs d set id = v.id
      from unnest(${sql.param(batch.map((r) => r.kind))}::text[],
        ${sql.param(batch.map((r) => r.entityId))}::text[],
        ${sql.param(batch.map((r) => r.id))}::bigint[]) as v(kind, entity_id, id)
      where d.kind = v.kind and d.entity_id = v.entity_id`);
  }
  const { rows } = await db.execute<{ n: number }>(
    sql`select count(*)::int as n from search_docs where id < 0`,
  );
  if ((rows[0]?.n ?? 0) > 0) throw new Error('search documents the staging database lacks');
  await db.execute(
    sql`select setval(pg_get_serial_sequence('search_docs', 'id'), coalesce(max(id), 0) + 1, false) from search_docs`,
  );
}
