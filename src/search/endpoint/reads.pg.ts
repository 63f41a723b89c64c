/** /v1/search's read on PostgreSQL (repository.pg.ts): the same task as reads.ts runs on SQLite. */
import { postgresRead } from '../../http/reads/postgres-read.js';
import { searchReads } from './reads.js';
import { searchPostgres } from './repository.pg.js';

export const searchReadsPostgres = [
  postgresRead(searchReads.search, (client, query) => searchPostgres(client, query)),
];
