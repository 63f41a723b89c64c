import type { AnyColumn, SQL, SQLWrapper, Table } from 'drizzle-orm';
import { sql } from 'drizzle-orm';

/**
 * A table whose rows form a tree through `parentId`: places, organizations, events; SQLite's or
 * its PostgreSQL twin (the SQL below is the same on both).
 */
export type Tree = Table & { id: AnyColumn; parentId: AnyColumn };

/**
 * The ids of a row and every row under it (at any depth), as a subquery for `IN (...)`; the root
 * is an id, a few ids (the rows under any of them), or a placeholder, for a query prepared once.
 */
export function subtreeOf(tree: Tree, root: string | readonly string[] | SQLWrapper): SQL {
  const roots =
    typeof root === 'string' || !Array.isArray(root)
      ? sql`select ${root}`
      : sql.join(
          (root as readonly string[]).map((id) => sql`select ${id}`),
          sql` union `,
        );
  // `union` (not `union all`) drops repeats, so a cycle in parent_id cannot loop forever. The
  // roots are read from the table, not selected as given: on PostgreSQL the recursive term's ids
  // are COLLATE "C" and a bare parameter's are not, which a recursive query refuses. A root that
  // is no row has nothing under it, and a column that refers to the tree cannot hold it.
  return sql`(with recursive subtree(id) as (
      select ${tree.id} from ${tree} where ${tree.id} in (${roots})
      union
      select ${tree.id} from ${tree} join subtree on ${tree.parentId} = subtree.id
    ) select id from subtree)`;
}
