/**
 * The seed into PostgreSQL, as loadSeed loads it into SQLite: through the one import pipeline
 * (into a SQLite staging database: the same validation and checks), then copied into PostgreSQL
 * in one transaction, each record compared with what is stored: a second load finds every record
 * unchanged and writes nothing, not even a line of the import log. The line's id is the seed's
 * (seedImportId), as on SQLite, so that GET /v1/imports/{id} answers the same line on both.
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import { imports as stagedImports } from '../../db/tables/imports.js';
import { imports } from '../../db/tables/imports.pg.js';
import { KIND_NAMES } from '../../kinds/index.js';
import { SEED_BUNDLE_PATH } from '../../paths.js';
import type { ImportReport, KindCounts } from '../report.js';
import { loadSeed } from '../seed.js';
import { inTransactionOn, loadStaged } from './bulk-load.js';
import { logImportPostgres } from './import.js';
import { readRecordsPostgres } from './records.js';
import { copyStaged, withStaging } from './staged.js';
import { deferKeys, holdsNoRecord } from './writer.js';

/** True when the database holds no record. */
export async function isEmptyPostgres(pool: pg.Pool): Promise<boolean> {
  return holdsNoRecord(drizzle({ client: pool }));
}

/** Loads the seed at `path` in one transaction; throws (writing nothing) if it is rejected. */
export async function loadSeedPostgres(
  pool: pg.Pool,
  path = SEED_BUNDLE_PATH,
): Promise<ImportReport> {
  return withStaging(async (staging) => {
    const staged = loadSeed(staging, path);
    const logged = staging.select().from(stagedImports).get();
    return inTransactionOn(pool, async (tx, client) => {
      await deferKeys(tx);
      // Into an empty database, COPY of the staged tables (bulk-load.ts); else each record
      // compared with what is stored.
      const counts = (await holdsNoRecord(tx))
        ? await loadStaged(client, tx, staging)
        : await copyStaged(tx, staging, (name, ids) => readRecordsPostgres(tx, name, ids));
      const totals: KindCounts = { created: 0, updated: 0, unchanged: 0, rejected: 0 };
      for (const name of KIND_NAMES) {
        for (const key of Object.keys(totals) as (keyof KindCounts)[]) {
          totals[key] += counts[name][key];
        }
      }
      const report: ImportReport = { ...staged, counts, totals };
      if (logged && totals.created + totals.updated > 0) {
        const taken = await tx.select().from(imports).where(eq(imports.id, logged.id));
        await logImportPostgres(tx, {
          id: taken.length === 0 ? logged.id : randomUUID(),
          started_at: logged.startedAt,
          finished_at: new Date().toISOString(),
          key_name: logged.keyName,
          format: logged.format,
          mode: logged.mode,
          dry_run: logged.dryRun,
          status: logged.status,
          report,
        });
      }
      return report;
    });
  });
}
