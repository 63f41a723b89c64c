import { eq, sql } from 'drizzle-orm';
import type { AnySQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db/database.js';
import { perConnection } from '../db/prepared.js';

/**
 * Whether a row with this id is in `table`, through a query prepared once per connection: a view
 * of an item answers 404 when the item does not exist, an empty page when it has nothing.
 */
export function existsIn(table: SQLiteTable & { id: AnySQLiteColumn }) {
  const lookup = perConnection((db) =>
    db
      .select({ id: table.id })
      .from(table)
      .where(eq(table.id, sql.placeholder('id')))
      .prepare(),
  );
  return (db: Db, id: string): boolean => lookup(db).get({ id }) !== undefined;
}
