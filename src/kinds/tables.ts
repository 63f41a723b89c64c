/** Every table of the kinds, for code that reads across kinds (exports, deletes, views). */
export * from '../db/tables/imports.js';
export * from '../db/tables/search.js';
export * from '../records/basis-table.js';
export * from './delegations/table.js';
export * from './events/table.js';
export * from './figures/table.js';
export * from './organizations/table.js';
export * from './participations/table.js';
export * from './people/table.js';
export * from './places/table.js';
export * from './positions/table.js';
export * from './relations/table.js';
export * from './sources/citations-table.js';
export * from './sources/table.js';
export * from './statements/table.js';
