/**
 * The stored record of a kind without a resource of its own (positions, relations,
 * participations) on PostgreSQL: reads.ts's tasks, read by the bundle's PostgreSQL reader
 * (readRecordsPostgres), which makes records as SQLite's reader does.
 */
import { drizzle } from 'drizzle-orm/node-postgres';
import { readRecordsPostgres } from '../bundle/postgres/records.js';
import { postgresRead } from '../http/reads/postgres-read.js';
import type { ItemParams } from '../http/reads/task.js';
import { KINDS } from '../kinds/index.js';
import { recordReads } from './reads.js';

export const recordReadsPostgres = KINDS.filter((kind) => !kind.resource).map((kind) =>
  postgresRead(
    recordReads[kind.name] as (typeof recordReads)[string],
    async (client, { id }: ItemParams) => {
      const records = await readRecordsPostgres(drizzle({ client }), kind.name, [id]);
      return records.get(id) ?? null;
    },
  ),
);
