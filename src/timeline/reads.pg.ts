/** The timeline's read task on PostgreSQL: the same pages as reads.ts's on SQLite. */
import { postgresRead } from '../http/reads/postgres-read.js';
import { readFeedsPostgres } from './feed-repository.pg.js';
import { timelineReads } from './reads.js';
import { timelinePage, timelineRead } from './repository.js';

export const timelineReadsPostgres = [
  postgresRead(timelineReads.list, async (client, query) => {
    const { cursor, kinds } = timelineRead(query);
    return timelinePage(query, await readFeedsPostgres(client, kinds, query, cursor));
  }),
];
