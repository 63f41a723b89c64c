/**
 * Deterministic randomness for the generator: a seeded PRNG (mulberry32), streams derived from a
 * name and an index (so an entity's fields are a pure function of its index and never need to be
 * kept in memory), and a Zipf sampler for skewed choices.
 */

export type Rng = () => number;

/** mulberry32: a small, fast 32-bit PRNG; returns floats in [0, 1). */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a over a string, then mixed: a 32-bit hash. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}

/** The random stream of one entity: the same seed, name and index always give the same values. */
export function rngFor(seed: number, name: string, index: number): Rng {
  return mulberry32(hash32(`${seed}:${name}:${index}`));
}

export const int = (rng: Rng, min: number, max: number) =>
  min + Math.floor(rng() * (max - min + 1));

export function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)] as T;
}

/**
 * Draws ranks 0..n-1 with probability proportional to 1 / (rank + 1)^s: rank 0 is the most
 * frequent. The cumulative table costs 8 bytes a rank.
 */
export class Zipf {
  private readonly cdf: Float64Array;

  constructor(
    readonly n: number,
    s: number,
  ) {
    this.cdf = new Float64Array(n);
    let total = 0;
    for (let k = 0; k < n; k++) {
      total += 1 / (k + 1) ** s;
      this.cdf[k] = total;
    }
    for (let k = 0; k < n; k++) this.cdf[k] = (this.cdf[k] as number) / total;
  }

  sample(rng: Rng): number {
    const u = rng();
    let lo = 0;
    let hi = this.n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.cdf[mid] as number) < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/**
 * A fixed permutation of 0..n-1 (rank → index), so that the most popular entity is not also the
 * first one written: index = (rank * step + offset) mod n with step coprime to n.
 */
export function scatter(n: number, salt: number): (rank: number) => number {
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  let step = Math.max(1, Math.floor(n * 0.618033988749895)) | 1;
  while (n > 1 && gcd(step, n) !== 1) step += 1;
  const offset = salt % Math.max(1, n);
  return (rank) => (rank * step + offset) % n;
}
