import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  // The kinds' tables and the shared ones (citations, the search index, the import log).
  schema: [
    './src/kinds/*/table.ts',
    './src/kinds/sources/citations-table.ts',
    './src/records/basis-table.ts',
    './src/db/tables/*.ts',
  ],
  out: './migrations',
  casing: 'snake_case',
});
