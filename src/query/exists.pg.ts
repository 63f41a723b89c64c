/** Whether a row is there, on PostgreSQL: exists.ts's existsIn, for the views' 404. */
import { eq } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type pg from 'pg';

export async function existsInPostgres(
  client: pg.PoolClient,
  table: PgTable & { id: PgColumn },
  id: string,
): Promise<boolean> {
  const rows = await drizzle({ client })
    .select({ id: table.id })
    .from(table)
    .where(eq(table.id, id))
    .limit(1);
  return rows.length > 0;
}
