/**
 * A database of generated data (the bench's deterministic world, bench/generate.ts) for the
 * tests that need more than the seed: written in the test's temp folder, nothing kept after it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from '../bench/generate.js';
import { Bundle } from '../src/bundle/schema.js';
import { loadBundle } from '../src/bundle/writer.js';
import { migrateDatabase, openDatabase } from '../src/db/database.js';
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
