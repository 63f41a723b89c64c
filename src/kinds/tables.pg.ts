/**
 * Every PostgreSQL table, as src/kinds/tables.ts lists the SQLite ones: the same names. Two rules
 * drizzle cannot declare hold for all of them (migrations/postgres/0001): every text column
 * compares byte by byte (COLLATE "C", as SQLite's BINARY), every foreign key is deferrable.
 */
export * from '../db/tables/imports.pg.js';
export * from '../db/tables/search.pg.js';
export * from '../records/basis-table.pg.js';
export * from './delegations/table.pg.js';
export * from './events/table.pg.js';
export * from './figures/table.pg.js';
export * from './organizations/table.pg.js';
export * from './participations/table.pg.js';
export * from './people/table.pg.js';
export * from './places/table.pg.js';
export * from './positions/table.pg.js';
export * from './relations/table.pg.js';
export * from './sources/citations-table.pg.js';
export * from './sources/table.pg.js';
export * from './statements/table.pg.js';
