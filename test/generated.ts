/**
 * A database of generated data (the bench's deterministic world, bench/generate.ts) for the
 * tests that need more than the seed: written in the test's temp folder (on PostgreSQL, a
 * database of its own on the test process's server), nothing kept after it.
 */
import { createReadStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { generate } from '../bench/generate.js';
import { importIntoPostgres } from '../src/bundle/postgres/import.js';
import { Bundle } from '../src/bundle/schema.js';
import { loadBundle } from '../src/bundle/writer.js';
import { migrateDatabase, openDatabase } from '../src/db/database.js';
import { freshPostgresDatabase, ON_POSTGRES } from './backend.js';
import { tempDir } from './helper.js';

interface Teardown {
  teardown(fn: () => unknown): void;
}

/** An NDJSON import file's records as one bundle. */
export function bundleOf(ndjson: string): Bundle {
  const bundle: Record<string, unknown[]> = {};
  for (const line of readFileSync(ndjson, 'utf8').split('\n')) {
    if (line === '') continue;
    const { kind, record } = JSON.parse(line) as { kind: string; record: unknown };
    const list = bundle[kind];
    if (list) list.push(record);
    else bundle[kind] = [record];
  }
  return Bundle.parse({ format: 'annals-bundle', version: 1, ...bundle });
}

/** The path of a fresh database holding `events` generated events and what they refer to. */
export async function generatedDatabase(t: Teardown, events: number): Promise<string> {
  const dir = tempDir(t);
  const { ndjson } = await generate(events, dir, { force: true });
  const path = join(dir, 'generated.db');
  const db = openDatabase(path);
  try {
    migrateDatabase(db);
    loadBundle(db, bundleOf(ndjson));
  } finally {
    db.$client.close();
  }
  return path;
}

/**
 * The URL of a fresh PostgreSQL database (backend.ts) holding the same generated events, loaded
 * as a user would load them there: by PostgreSQL's import of the NDJSON file.
 */
export async function generatedPostgresDatabase(t: Teardown, events: number): Promise<string> {
  const { ndjson } = await generate(events, tempDir(t), { force: true });
  const url = await freshPostgresDatabase(t, false);
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  try {
    const imported = await importIntoPostgres(
      pool,
      { format: 'ndjson', stream: createReadStream(ndjson) as AsyncIterable<Buffer> },
      { mode: 'all', dryRun: false, keyName: 'test' },
    );
    if (imported.status !== 'imported') {
      throw new Error(`the generated data was not imported: ${JSON.stringify(imported.report)}`);
    }
  } finally {
    await pool.end();
  }
  return url;
}

/**
 * The generated events on the suite's backend, as buildTestApp's options name a database:
 * `databasePath` on SQLite, `databaseUrl` on PostgreSQL.
 */
export async function generatedBackend(
  t: Teardown,
  events: number,
): Promise<{ databasePath?: string; databaseUrl?: string }> {
  return ON_POSTGRES
    ? { databaseUrl: await generatedPostgresDatabase(t, events) }
    : { databasePath: await generatedDatabase(t, events) };
}
