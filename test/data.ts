/**
 * A test's own rows, written and read on whichever backend the app runs on (backend.ts): setup
 * that the HTTP checks then read. SQLite's helpers are the app's own (loadBundle, readRecord); on
 * PostgreSQL their twins from src/bundle/postgres.
 */
import { drizzle } from 'drizzle-orm/node-postgres';
import type { App } from '../src/app.js';
import { readRecordsPostgres } from '../src/bundle/postgres/records.js';
import { copyStaged, withStaging } from '../src/bundle/postgres/staged.js';
import { deferKeys } from '../src/bundle/postgres/writer.js';
import { readRecord } from '../src/bundle/records.js';
import type { Bundle } from '../src/bundle/schema.js';
import { loadBundle } from '../src/bundle/writer.js';
import type { KindName, RecordOf } from '../src/kinds/index.js';

/**
 * Writes a parsed bundle into the app's database in one transaction, as loadBundle does on
 * SQLite. On PostgreSQL through a SQLite staging database, as imports reach it: the bundle is
 * staged with the staging database's keys off (its references may point to records only the
 * app's database holds), then its records are copied, those that differ from what is stored;
 * PostgreSQL checks the references at the commit.
 */
export async function loadTestBundle(app: App, bundle: Bundle): Promise<void> {
  if (app.backend === 'sqlite') return loadBundle(app.db, bundle);
  await withStaging(async (staging) => {
    staging.$client.pragma('foreign_keys = OFF');
    loadBundle(staging, bundle);
    await drizzle({ client: app.postgres.primary }).transaction(async (tx) => {
      await deferKeys(tx);
      await copyStaged(tx, staging, (name, ids) => readRecordsPostgres(tx, name, ids));
    });
  });
}

/** A stored record in the bundle's shape, or null: readRecord on either backend. */
export async function storedRecord<N extends KindName>(
  app: App,
  name: N,
  id: string,
): Promise<RecordOf<N> | null> {
  if (app.backend === 'sqlite') return readRecord(app.db, name, id);
  const found = await readRecordsPostgres(drizzle({ client: app.postgres.primary }), name, [id]);
  return found.get(id) ?? null;
}

/**
 * Runs one statement written with `?` placeholders (plain SQL both backends read alike: inserts,
 * updates, counts) and returns its rows. On PostgreSQL each `?` becomes `$1`, `$2`...: the text
 * must hold no other question mark.
 */
export async function runSql<T = Record<string, unknown>>(
  app: App,
  text: string,
  ...params: unknown[]
): Promise<T[]> {
  if (app.backend === 'sqlite') {
    const statement = app.db.$client.prepare(text);
    if (statement.reader) return statement.all(...params) as T[];
    statement.run(...params);
    return [];
  }
  let n = 0;
  const numbered = text.replace(/\?/g, () => `$${++n}`);
  return (await app.postgres.primary.query(numbered, params)).rows as T[];
}
