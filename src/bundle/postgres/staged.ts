/**
 * A SQLite staging database, and its records copied into PostgreSQL: how imports and the seed
 * reach PostgreSQL through the one import pipeline (import.ts says why). The staging database is
 * SQLite's anonymous temporary database, gone when closed or when the process ends.
 */
import { ANONYMOUS_TEMPORARY, type Db, migrateDatabase, openDatabase } from '../../db/database.js';
import { KIND_NAMES, KINDS, type KindName } from '../../kinds/index.js';
import { recordBatch } from '../records.js';
import type { KindCounts } from '../report.js';
import { type PgDb, writeRecords } from './writer.js';

/** Records read back from the staging database and written a batch at a time. */
const BATCH = 1000;

/**
 * Runs `use` on a migrated, empty SQLite database of its own: SQLite's anonymous temporary
 * database (opened with an empty name), a file in TMPDIR that SQLite unlinks as soon as it has
 * opened it. So nothing is left on disk however the process ends, SIGKILL included: a folder of
 * ours removed in a `finally` was left behind by every killed import, as large as its input.
 */
export async function withStaging<T>(use: (staging: Db) => Promise<T>): Promise<T> {
  const staging = openDatabase(ANONYMOUS_TEMPORARY);
  try {
    migrateDatabase(staging);
    return await use(staging);
  } finally {
    staging.$client.close();
  }
}

/**
 * What is stored of a batch of a kind's records, by id, in the export's canonical shape: read
 * from PostgreSQL (the seed's load), or as it was before an import (stored.ts storedIn). Into an
 * empty database, bulk-load.ts copies the staging database instead.
 */
export type StoredOf = (
  name: KindName,
  ids: string[],
) => Map<string, unknown> | Promise<Map<string, unknown>>;

/**
 * Writes the records of the staging database into PostgreSQL (the caller's transaction, its keys
 * deferred), kind by kind in id order: those `stored` lacks, and those that differ from what it
 * has (both in the canonical shape the export writes). One equal to what is stored is counted
 * unchanged and not written again, as SQLite's import counts it.
 */
export async function copyStaged(
  tx: PgDb,
  staging: Db,
  stored: StoredOf,
): Promise<Record<KindName, KindCounts>> {
  const counts = Object.fromEntries(
    KIND_NAMES.map((name) => [name, { created: 0, updated: 0, unchanged: 0, rejected: 0 }]),
  ) as Record<KindName, KindCounts>;
  for (const { name } of KINDS) {
    for (let after: string | null = null; ; ) {
      const batch: { id: string }[] = recordBatch(staging, name, undefined, after, BATCH);
      const before =
        batch.length === 0
          ? new Map<string, unknown>()
          : await stored(
              name,
              batch.map((record) => record.id),
            );
      const changed = batch.filter((record) => {
        const was = before.get(record.id);
        const same = was !== undefined && JSON.stringify(was) === JSON.stringify(record);
        counts[name][was === undefined ? 'created' : same ? 'unchanged' : 'updated'] += 1;
        return !same;
      });
      await writeRecords(tx, name, changed as never);
      if (batch.length < BATCH) break;
      after = (batch.at(-1) as { id: string }).id;
    }
  }
  return counts;
}
