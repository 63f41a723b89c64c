import { defineConfig } from 'drizzle-kit';

/**
 * The PostgreSQL twin of drizzle.config.ts: the `*.pg.ts` tables beside the SQLite ones, with
 * migrations of their own (the custom SQL, src/db/sql/postgres, rides in a custom migration).
 */
export default defineConfig({
  dialect: 'postgresql',
  schema: [
    './src/kinds/*/table.pg.ts',
    './src/kinds/sources/citations-table.pg.ts',
    './src/records/basis-table.pg.ts',
    './src/db/tables/*.pg.ts',
  ],
  out: './migrations/postgres',
  casing: 'snake_case',
});
