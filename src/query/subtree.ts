import { type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import type { AnySQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';

/** A table whose rows form a tree through `parentId`: places, organizations, events. */
export type Tree = SQLiteTable & { id: AnySQLiteColumn; parentId: AnySQLiteColumn };

/**
 * The ids of a row and every row under it (at any depth), as a subquery for `IN (...)`; the root
 * is an id or a placeholder, for a query prepared once.
 */
export function subtreeOf(tree: Tree, root: string | SQLWrapper): SQL {
  // `union` (not `union all`) drops repeats, so a cycle in parent_id cannot loop forever.
  return sql`(with recursive subtree(id) as (
      select ${root}
      union
      select ${tree.id} from ${tree} join subtree on ${tree.parentId} = subtree.id
    ) select id from subtree)`;
}
