/**
 * The export's read on PostgreSQL: GET /v1/export asks app.reads for one slice at a time (the task
 * bundle.exportSlice, export-task.ts), which on PostgreSQL reads it with exportSliceOn in the read
 * transaction PostgresServers.read opens (a replica's, when there are replicas), and renders it as
 * on SQLite: the same bytes (test/postgres/export.test.ts compares the whole export).
 */
import { drizzle } from 'drizzle-orm/node-postgres';
import { postgresRead } from '../../http/reads/postgres-read.js';
import { exportSliceTask } from '../export-task.js';
import { exportSliceOn } from './export.js';

export const bundleReadsPostgres = [
  postgresRead(exportSliceTask, (client, { options, position }) =>
    exportSliceOn(drizzle({ client }), options, position),
  ),
];
