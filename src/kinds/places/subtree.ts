import { type SQL, type SQLWrapper, sql } from 'drizzle-orm';

/**
 * The ids of a place and every place inside it, as a subquery for `IN (...)`; the place is an id
 * or a placeholder, for a query prepared once.
 */
export function placeAndDescendants(placeId: string | SQLWrapper): SQL {
  return sql`(with recursive subtree(id) as (
      select ${placeId}
      union
      select places.id from places join subtree on places.parent_id = subtree.id
    ) select id from subtree)`;
}
