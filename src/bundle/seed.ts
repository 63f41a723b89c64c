import { readFileSync } from 'node:fs';
import type { Db } from '../db/database.js';
import { SEED_BUNDLE_PATH } from '../paths.js';
import { type LoadCounts, loadBundle } from './load.js';
import { Bundle } from './schema.js';

/** The article's facts, validated by the same schemas as any import. */
export function readSeedBundle(path = SEED_BUNDLE_PATH): Bundle {
  return Bundle.parse(JSON.parse(readFileSync(path, 'utf8')));
}

export function loadSeed(db: Db): LoadCounts {
  return loadBundle(db, readSeedBundle());
}
