/**
 * The seed into PostgreSQL: the seed bundle, validated by the bundle's zod schemas (as
 * readSeedBundle reads it for SQLite), written by the PostgreSQL writer in one transaction whose
 * foreign keys are checked at its commit, and logged in the import log under the same id as on
 * SQLite (seedImportId), so that GET /v1/imports/{id} answers the same line on both backends.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { inArray } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import { imports } from '../../db/tables/imports.pg.js';
import { KIND_NAMES, KINDS, type KindName } from '../../kinds/index.js';
import { SEED_BUNDLE_PATH } from '../../paths.js';
import type { ImportReport, KindCounts } from '../report.js';
import { Bundle } from '../schema.js';
import { seedImportId } from '../seed.js';
import { renumberDocuments } from './documents.js';
import { deferKeys, holdsNoRecord, type PgDb, writeRecords } from './writer.js';

/** True when the database holds no record. */
export async function isEmptyPostgres(pool: pg.Pool): Promise<boolean> {
  return holdsNoRecord(drizzle({ client: pool }));
}

/** How many of `ids` a kind's table holds already: those are updated, the others created. */
async function storedCount(db: PgDb, name: KindName, ids: string[]): Promise<number> {
  const table = KINDS.find((kind) => kind.name === name)?.pgTable;
  if (!table || ids.length === 0) return 0;
  let found = 0;
  for (let start = 0; start < ids.length; start += 1000) {
    const rows = await db
      .select({ id: table.id })
      .from(table)
      .where(inArray(table.id, ids.slice(start, start + 1000)));
    found += rows.length;
  }
  return found;
}

/**
 * Loads the seed bundle at `path` in one transaction and logs it. Every record is written: a
 * record already stored is counted updated, even when nothing in it changed (the SQLite seed
 * compares each with what is stored and skips the equal ones; see the report's doubts).
 */
export async function loadSeedPostgres(
  pool: pg.Pool,
  path = SEED_BUNDLE_PATH,
): Promise<ImportReport> {
  const startedAt = new Date().toISOString();
  const text = readFileSync(path, 'utf8');
  const parsed = Bundle.safeParse(JSON.parse(text));
  if (!parsed.success) {
    const reasons = parsed.error.issues
      .slice(0, 5)
      .map((issue) => `/${issue.path.join('/')}: ${issue.message}`);
    throw new Error(`the seed ${path} was rejected:\n${reasons.join('\n')}`);
  }
  const bundle = parsed.data;
  const counts = Object.fromEntries(
    KIND_NAMES.map((name) => [name, { created: 0, updated: 0, unchanged: 0, rejected: 0 }]),
  ) as Record<KindName, KindCounts>;
  const totals: KindCounts = { created: 0, updated: 0, unchanged: 0, rejected: 0 };
  return drizzle({ client: pool }).transaction(async (tx) => {
    await deferKeys(tx);
    const wasEmpty = await holdsNoRecord(tx);
    for (const { name } of KINDS) {
      const records = bundle[name];
      const ids = [...new Set(records.map((record) => record.id))];
      const updated = await storedCount(tx, name, ids);
      counts[name].updated = updated;
      counts[name].created = ids.length - updated;
      totals.updated += updated;
      totals.created += ids.length - updated;
      await writeRecords(tx, name, records as never);
    }
    // Into an empty database, the documents numbered as SQLite's seed numbers them.
    if (wasEmpty) await renumberDocuments(tx);
    const report: ImportReport = {
      status: 'imported',
      mode: 'all',
      dry_run: false,
      counts,
      totals,
      rejections: [],
      rejections_truncated: false,
    };
    const id = seedImportId(text);
    const logged = await tx
      .select({ id: imports.id })
      .from(imports)
      .where(inArray(imports.id, [id]));
    await tx.insert(imports).values({
      id: logged.length === 0 ? id : randomUUID(),
      startedAt,
      finishedAt: new Date().toISOString(),
      keyName: 'seed',
      format: 'json',
      mode: 'all',
      dryRun: false,
      status: 'imported',
      report,
    });
    return report;
  });
}
