/**
 * Imports into PostgreSQL, empty or holding records, with everything an import into SQLite
 * promises: upsert by id with the same created/updated/unchanged counts, references and excerpts
 * checked against the input and what is stored, all or nothing unless partial, dry runs, the same
 * report, the import log in the same transaction.
 *
 * One pipeline: the input goes through the import pipeline (../run.ts, ../import.ts) into a
 * SQLite staging database of its own: the same readers, the same zod record schemas, the same
 * checks, the same sorting into created, updated and unchanged, the same modes and report. A
 * second copy of the checks, written again against PostgreSQL, would be a second way to do one
 * thing, and the two would drift. In three steps:
 *
 * 1. The input is read into the session (staged, validated); no lock is held meanwhile, however
 *    slowly a client uploads.
 * 2. In one PostgreSQL transaction holding IMPORT_LOCK: the stored records the input names (those
 *    it updates, those it refers to, and the citations of the sources it rewrites) are brought
 *    into the staging database (stored.ts), the only part of PostgreSQL it ever holds, so the cost
 *    follows the import's size, not the database's; the pipeline then checks, sorts and writes
 *    there as into a SQLite database holding those records.
 * 3. In the same transaction, the records it created or changed are read back in the canonical
 *    shape (../records.ts) and written by the PostgreSQL writer; into an empty database, whose
 *    staging database is then the whole result, its tables are copied by COPY instead
 *    (bulk-load.ts). Then the import's line of the import log: data and log commit together, or
 *    neither does.
 *
 * The lock is held from step 2 to the commit: no single write (they take it shared) changes what
 * was brought in between the checks and the commit, and two imports run one after the other.
 */
import { sql } from 'drizzle-orm';
import type pg from 'pg';
import { imports } from '../../db/tables/imports.pg.js';
import type { ImportRecord } from '../report.js';
import {
  finishImport,
  type ImportInput,
  type ImportRun,
  importLogRow,
  readImport,
} from '../run.js';
import { inTransactionOn, loadStaged } from './bulk-load.js';
import { copyStaged, withStaging } from './staged.js';
import { bringStored, storedIn } from './stored.js';
import { deferKeys, holdsNoRecord, type PgDb } from './writer.js';

/**
 * An arbitrary constant for pg_advisory_xact_lock: an import holds it exclusively from its checks
 * to its commit. Single writes take it shared (src/writes/locks.pg.ts), so that an import waits
 * for the writes in flight and then finds their records, and a write waits for an import to end.
 */
export const IMPORT_LOCK = 7_315_152_016;

/**
 * Imports `input` into the PostgreSQL database of `pool`, as runImport imports into SQLite: the
 * same report and import log line.
 */
export async function importIntoPostgres(
  pool: pg.Pool,
  input: ImportInput,
  run: ImportRun,
): Promise<ImportRecord> {
  return withStaging(async (staging) => {
    const read = await readImport(staging, input, run);
    const { record, wasEmpty } = await inTransactionOn(pool, async (tx, client) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${IMPORT_LOCK})`);
      const wasEmpty = await holdsNoRecord(tx);
      // Into an empty database nothing is stored: the staging database is then a whole copy of
      // the result, and the pipeline loads it in bulk, its keys checked, as into empty SQLite.
      if (!wasEmpty) await bringStored(tx, staging, read.session);
      const record = finishImport(staging, read, run.onPhase);
      if (record.status === 'imported') {
        run.onPhase?.('writing');
        await deferKeys(tx);
        // Into an empty database, COPY of the staged tables (bulk-load.ts).
        if (wasEmpty) await loadStaged(client, tx, staging);
        else await copyStaged(tx, staging, storedIn(staging));
      }
      await logImportPostgres(tx, record);
      return { record, wasEmpty };
    });
    // Tables filled from empty in one transaction keep the planner's statistics of empty tables
    // until autovacuum gets to them, and meanwhile PostgreSQL plans sequential scans where an
    // index serves (an event's participations, citation steps by subject). Measured at 100k
    // events right after the load (scratch, 200 uniform event items, loaded machine): 100 ms an
    // item as loaded, 12 ms after ANALYZE. Not after an import into a loaded database, whose
    // statistics stand and whose ANALYZE would cost with the database's size.
    if (wasEmpty && record.status === 'imported') await pool.query('analyze');
    return record;
  });
}

/** An import's line of the import log, as logImport writes it on SQLite. */
export async function logImportPostgres(tx: PgDb, record: ImportRecord): Promise<void> {
  await tx.insert(imports).values(importLogRow(record));
}
