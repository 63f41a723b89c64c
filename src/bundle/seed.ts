import { createHash } from 'node:crypto';
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
 * The id of the seed's line in the import log: a UUID (version 8, RFC 9562) made of the SHA-256
 * of the seed's text, so that every database seeded from the same file shows the same id (the
 * docs' example of GET /v1/imports/{id} answers in any of them), and a changed seed, which loads
 * as a new line, another one.
 */
export function seedImportId(text: string): string {
  const hex = createHash('sha256').update(text).digest('hex');
  const variant = ((Number.parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Loads the seed through the same import path as any other bundle: validated, all or nothing,
 * logged in the import log (key `seed`), and idempotent (a second load finds every record
 * unchanged and writes nothing, not even a line of the log).
 */
export function loadSeed(db: Db, path = SEED_BUNDLE_PATH): ImportReport {
  const startedAt = new Date().toISOString();
  const text = readFileSync(path, 'utf8');
  const session = new ImportSession(db, { mode: 'all', dryRun: false });
  try {
    addBundle(session, JSON.parse(text));
  } catch (error) {
    session.abort();
    throw error;
  }
  const run = { mode: 'all', dryRun: false } as const;
  const id = seedImportId(text);
  const report = session.finish(
    undefined,
    logImport(db, { startedAt, keyName: 'seed', format: 'json', run, id }, undefined, true),
  );
  if (report.status !== 'imported') {
    const reasons = report.rejections.slice(0, 5).map((r) => `${r.pointer}: ${r.reason}`);
    throw new Error(`the seed ${path} was rejected:\n${reasons.join('\n')}`);
  }
  return report;
}
