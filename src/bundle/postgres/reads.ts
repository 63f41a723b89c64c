/**
 * The bundle's reads on PostgreSQL. The export: GET /v1/export asks app.reads for one slice at a
 * time (the task bundle.exportSlice, export-task.ts), which on PostgreSQL reads it with
 * exportSliceOn in the read transaction PostgresServers.read opens (a replica's, when there are
 * replicas), and renders it as on SQLite: the same bytes (test/postgres/export.test.ts compares
 * the whole export). A list's page as CSV (bundle.csvPage): the page's records read by the
 * export's reader, written by the same csv.ts.
 */
import { drizzle } from 'drizzle-orm/node-postgres';
import { postgresRead } from '../../http/reads/postgres-read.js';
import { csvOfPage } from '../csv.js';
import { csvPageTask, exportSliceTask } from '../export-task.js';
import { exportSliceOn } from './export.js';
import { readRecordsPostgres } from './records.js';

export const bundleReadsPostgres = [
  postgresRead(exportSliceTask, (client, { options, position }) =>
    exportSliceOn(drizzle({ client }), options, position),
  ),
  postgresRead(csvPageTask, async (client, { kind, ids }) =>
    csvOfPage(kind, ids, await readRecordsPostgres(drizzle({ client }), kind, [...ids])),
  ),
];
