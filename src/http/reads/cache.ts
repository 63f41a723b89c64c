/**
 * The render cache: finished answers (their bytes, ETag, content type and, once made, their
 * brotli and gzip variants) by normalized URL, least recently used first out, bounded by bytes.
 * What goes in and when an answer is still valid is decided by cache-hooks.ts; this is the store.
 *
 * The LRU order is lru-cache's (a doubly linked list over arrays). It was a `Map` moved to the end
 * on every hit (delete, then set): once full (29,000 event items in 64 MiB), V8 rehashed the Map's
 * table every few hits, and a hit took 74 µs of the main thread against 26 µs with an empty cache
 * (measured: one item asked again and again after 12 s of uniform misses; the profile gave 29% of
 * the main thread to `get`).
 */
import { LRUCache } from 'lru-cache';
import type { Encoding } from '../compression.js';

export interface CachedAnswer {
  /** The database's generation the answer was read at (generation.ts). */
  readonly generation: string;
  /** As caching.ts makes it (etagOf): the quoted base64 SHA-1 of `identity`. */
  readonly etag: string;
  readonly type: string;
  /** The answer's other headers that a replay must carry (REPLAYED_HEADERS, cache-hooks.ts). */
  readonly headers: Readonly<Record<string, string>>;
  readonly identity: Buffer;
  br?: Buffer;
  gzip?: Buffer;
  /** What the entry counts against the bound: its buffers, its key twice, and 200. */
  bytes: number;
}

export interface RenderCacheStats {
  hits: number;
  /** Lookups that found no valid answer, the stale ones included. */
  misses: number;
  /** Lookups that found an answer read before the last change to the database. */
  stale: number;
  evictions: number;
  bytes: number;
  entries: number;
  maxBytes: number;
}

/**
 * What an entry costs beyond its buffers: the key (held by the LRU and by the request), its
 * replayed headers (a Link repeats the URL) and the object.
 */
const overheadOf = (key: string, headers: Readonly<Record<string, string>>) =>
  2 * key.length +
  Object.entries(headers).reduce((sum, [name, value]) => sum + name.length + value.length, 0) +
  200;

const sizeOf = (key: string, answer: Pick<CachedAnswer, 'identity' | 'br' | 'gzip' | 'headers'>) =>
  answer.identity.byteLength +
  (answer.br?.byteLength ?? 0) +
  (answer.gzip?.byteLength ?? 0) +
  overheadOf(key, answer.headers);

/**
 * The key of a URL: its path without a trailing slash (the router ignores one), then its query
 * pairs sorted by name, stably, so repeated names keep their order (`type=a&type=b` is not
 * `type=b&type=a`). Two URLs with the same key are parsed into the same route and query.
 */
export function cacheKey(url: string): string {
  const mark = url.indexOf('?');
  let path = mark < 0 ? url : url.slice(0, mark);
  if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
  if (mark < 0) return path;
  const query = new URLSearchParams(url.slice(mark + 1));
  query.sort();
  const sorted = query.toString();
  return sorted ? `${path}?${sorted}` : path;
}

export function createRenderCache(maxBytes: number) {
  /** An answer larger than this would push out too much else: not stored. */
  const maxEntryBytes = Math.floor(maxBytes / 16);
  const stats = { hits: 0, misses: 0, stale: 0, evictions: 0 };
  const entries = new LRUCache<string, CachedAnswer>({
    maxSize: maxBytes,
    maxEntrySize: maxEntryBytes,
    sizeCalculation: (entry) => entry.bytes,
    dispose: (_entry, _key, reason) => {
      if (reason === 'evict') stats.evictions += 1;
    },
  });

  return {
    /** The answer stored for `key` if it was read at `generation`; counts a hit or a miss. */
    get(key: string, generation: string): CachedAnswer | undefined {
      const entry = entries.get(key);
      if (entry === undefined) {
        stats.misses += 1;
        return undefined;
      }
      if (entry.generation !== generation) {
        entries.delete(key);
        stats.stale += 1;
        stats.misses += 1;
        return undefined;
      }
      stats.hits += 1;
      return entry;
    },

    /** Stores an answer (replacing any under the same key); undefined if it is too large. */
    set(key: string, answer: Omit<CachedAnswer, 'bytes'>): CachedAnswer | undefined {
      const entry: CachedAnswer = { ...answer, bytes: sizeOf(key, answer) };
      if (entry.bytes > maxEntryBytes) {
        entries.delete(key);
        return undefined;
      }
      entries.set(key, entry);
      return entry;
    },

    /** Adds a compressed variant to an entry, if that entry is still the one stored. */
    addVariant(key: string, entry: CachedAnswer, encoding: Encoding, body: Buffer): void {
      if (entries.peek(key) !== entry || entry[encoding]) return;
      const bytes = entry.bytes + body.byteLength;
      if (bytes > maxEntryBytes) return;
      entry[encoding] = body;
      entry.bytes = bytes;
      // Stored again for its new size, and most recently used: it was just asked for.
      entries.set(key, entry);
    },

    stats(): RenderCacheStats {
      return { ...stats, bytes: entries.calculatedSize, entries: entries.size, maxBytes };
    },
  };
}

export type RenderCache = ReturnType<typeof createRenderCache>;
