import { readFileSync } from 'node:fs';
import type { Db } from '../db/database.js';
import { SEED_BUNDLE_PATH } from '../paths.js';
import { ImportSession } from './import.js';
import { addBundle } from './readers.js';
import type { ImportReport } from './report.js';
import { logImport } from './run.js';
import { Bundle } from './schema.js';

/** The article's facts as parsed records (for tests and tools that read the seed itself). */
export function readSeedBundle(path = SEED_BUNDLE_PATH): Bundle {
  return Bundle.parse(JSON.parse(readFileSync(path, 'utf8')));
}

/**
 * Loads the seed through the same import path as any other bundle: validated, all or nothing,
 * logged in the import log (key `seed`), and idempotent (a second load finds every record
 * unchanged and writes nothing, not even a line of the log).
 */
export function loadSeed(db: Db, path = SEED_BUNDLE_PATH): ImportReport {
  const startedAt = new Date().toISOString();
  const session = new ImportSession(db, { mode: 'all', dryRun: false });
  addBundle(session, JSON.parse(readFileSync(path, 'utf8')));
  const run = { mode: 'all', dryRun: false } as const;
  const report = session.finish(
    undefined,
    logImport(db, { startedAt, keyName: 'seed', format: 'json', run }, undefined, true),
  );
  if (report.status !== 'imported') {
    const reasons = report.rejections.slice(0, 5).map((r) => `${r.pointer}: ${r.reason}`);
    throw new Error(`the seed ${path} was rejected:\n${reasons.join('\n')}`);
  }
  return report;
}
