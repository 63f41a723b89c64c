/**
 * Rows into a PostgreSQL table by one statement per few thousand rows, whatever their number:
 * each column's values bound as one array and the arrays zipped back into rows by unnest. The
 * statement's text depends on the table alone, not on how many rows it carries.
 *
 * Why not drizzle's multi-row insert: it builds a placeholder per value, and building is what
 * costs, not writing (2,000 statements' rows: 466 ms to build, measured; the server then takes a
 * fraction of that).
 */
import { getTableColumns, getTableName, type SQL, sql } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';

/** A PostgreSQL connection or transaction, as drizzle's node-postgres driver gives them. */
export type PgDb = Pick<NodePgDatabase, 'insert' | 'delete' | 'update' | 'select' | 'execute'>;

type Row = Record<string, unknown>;

/** Rows a statement: their arrays stay a few megabytes. */
const ROWS_PER_STATEMENT = 5000;

export interface InsertOptions {
  /** Columns (by name) the statement leaves to the database: the triggers keep them. */
  left?: ReadonlySet<string>;
  /** Upsert on this key: a row whose key exists sets every other column written. */
  upsertOn?: PgColumn;
}

/**
 * Inserts (or upserts) rows with every column of the table but those `left`, by key as drizzle
 * names them; a column a row lacks is null, as the SQLite writer binds it.
 */
export async function insertRows(
  db: PgDb,
  table: PgTable,
  rows: Row[],
  options: InsertOptions = {},
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.entries(getTableColumns(table)).filter(
    ([, c]) => !options.left?.has(c.name),
  );
  const names = sql.join(
    columns.map(([, c]) => sql.identifier(c.name)),
    sql`, `,
  );
  const upsertOn = options.upsertOn;
  const conflict = upsertOn
    ? sql` on conflict (${sql.identifier(upsertOn.name)}) do update set ${sql.join(
        columns
          .filter(([, c]) => c !== upsertOn)
          .map(([, c]) => sql`${sql.identifier(c.name)} = excluded.${sql.identifier(c.name)}`),
        sql`, `,
      )}`
    : sql``;
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    const chunk = rows.slice(start, start + ROWS_PER_STATEMENT);
    const arrays: SQL[] = columns.map(([key, c]) => {
      const values = chunk.map((row) => {
        const value = row[key];
        return value === undefined || value === null ? null : c.mapToDriverValue(value);
      });
      return sql`${sql.param(values)}::${sql.raw(c.getSQLType())}[]`;
    });
    await db.execute(
      sql`insert into ${sql.identifier(getTableName(table))} (${names}) select * from unnest(${sql.join(arrays, sql`, `)})${conflict}`,
    );
  }
}
