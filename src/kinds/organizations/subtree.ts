import { type SQL, sql } from 'drizzle-orm';
import { organizations } from '../tables.js';

/** The ids of an organization and every body inside it, as a subquery for `IN (...)`. */
export function organizationAndDescendants(organizationId: string): SQL {
  // `union` (not `union all`) drops repeats, so a cycle in parent_id cannot loop forever.
  return sql`(with recursive subtree(id) as (
      select ${organizationId}
      union
      select ${organizations.id} from ${organizations}
        join subtree on ${organizations.parentId} = subtree.id
    ) select id from subtree)`;
}
