/**
 * The render cache's counters, read from the server's `GET /metrics` (Prometheus text). A server
 * without the endpoint, or without the counters, gives null: the report says "n/a".
 */
import { get } from './processes.js';

export interface CacheCounters {
  hits: number;
  misses: number;
}

/** The sum of every series of `name` (with or without labels), or null when there is none. */
export function counter(text: string, name: string): number | null {
  let total: number | null = null;
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const rest = line.slice(name.length);
    if (rest[0] !== ' ' && rest[0] !== '{') continue;
    const value = Number(
      rest
        .slice(rest.lastIndexOf('}') + 1)
        .trim()
        .split(/\s+/)[0],
    );
    if (Number.isFinite(value)) total = (total ?? 0) + value;
  }
  return total;
}

export async function cacheCounters(baseUrl: string): Promise<CacheCounters | null> {
  const answer = await get(`${baseUrl}/metrics`).catch(() => null);
  if (answer?.status !== 200) return null;
  const hits = counter(answer.body, 'annals_render_cache_hits_total');
  const misses = counter(answer.body, 'annals_render_cache_misses_total');
  return hits === null || misses === null ? null : { hits, misses };
}

/**
 * Hits over lookups between two readings; null when either reading is missing, 0 when nothing
 * was looked up (a route the cache does not serve, or CACHE_MB=0).
 */
export function hitRatio(before: CacheCounters | null, after: CacheCounters | null): number | null {
  if (!before || !after) return null;
  const hits = after.hits - before.hits;
  const lookups = hits + after.misses - before.misses;
  return lookups > 0 ? hits / lookups : 0;
}
