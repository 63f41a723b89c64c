/**
 * The search documents of a load into an empty database, numbered as SQLite's bulk load numbers
 * them (src/db/derived.ts, scope `all`): every document made again, kind by kind in the order of
 * their views' names, each kind's in id order (the order its records were written), numbered
 * from 1. A search ranks documents of equal scores by their number, and its cursors carry it: so
 * numbered, the same data answers the same hits in the same order, with the same cursors, on both
 * backends. The triggers made every document already, in the writer's order (sources first).
 */
import { sql } from 'drizzle-orm';
import type { PgDb } from './writer.js';

export async function renumberDocuments(db: PgDb): Promise<void> {
  await db.execute(sql`truncate search_docs restart identity`);
  await db.execute(sql`insert into search_docs (kind, entity_id, title, name, body)
    select kind, entity_id, title, name, body from (
      select 1 as view, * from search_doc_delegation
      union all select 2, * from search_doc_event
      union all select 3, * from search_doc_figure
      union all select 4, * from search_doc_organization
      union all select 5, * from search_doc_person
      union all select 6, * from search_doc_place
      union all select 7, * from search_doc_source
      union all select 8, * from search_doc_statement) v
    order by view, entity_id`);
}
