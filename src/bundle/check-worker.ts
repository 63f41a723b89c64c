/**
 * A thread of the pool that checks a large NDJSON import's lines (readers.ts): parsing each line
 * and validating its record is most of an import's reading and needs no database, so it runs
 * here while the import's own thread stages what comes back. No top-level await: built, piscina
 * may load this file with require().
 */
import { type CheckedBatch, checkLines, type LineBlock } from './check.js';

export default function check(block: LineBlock): CheckedBatch {
  return checkLines(block);
}
