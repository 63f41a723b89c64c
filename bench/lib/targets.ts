/**
 * Which ids the item scenarios ask for. Uniform ids are cache-hostile: any id is as likely as any
 * other, so a render cache holds only its share of them. Zipf ids (s ≈ 1.1) are what real
 * traffic looks like: a few records are asked for again and again.
 *
 * The lists are long (TARGET_COUNT draws) because wrk takes them in turn and wraps around: a list
 * shorter than the requests of a scenario would repeat itself and turn every id into a cache hit.
 */
import { SEED } from './plan.js';
import { mulberry32, scatter, Zipf } from './random.js';

export const TARGET_COUNT = 250_000;
export const ZIPF_S = 1.1;

export type Draw = 'uniform' | 'zipf';

/** `count` indices in 0..n-1, drawn with replacement, the same for the same arguments. */
export function drawIndices(n: number, draw: Draw, salt: number, count = TARGET_COUNT): number[] {
  const rng = mulberry32(SEED + 100 + salt);
  if (draw === 'uniform') return Array.from({ length: count }, () => Math.floor(rng() * n));
  const zipf = new Zipf(n, ZIPF_S);
  // Rank 0 is the most asked for; scatter it so that it is not also the first record written.
  const indexOf = scatter(n, salt + 7);
  return Array.from({ length: count }, () => indexOf(zipf.sample(rng)));
}
