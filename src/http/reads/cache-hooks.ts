/**
 * The render cache's two hooks, on every GET route whose config says `renderCache: true`
 * (`RENDER_CACHE`): a lookup in onRequest, and the store in onSend.
 *
 * - **Lookup** (route-level onRequest: after the app's own hooks, so the security headers, CORS,
 *   the rate limit and the drain check have run; before validation and the handler). A valid
 *   entry is sent at once (its body, type, ETag, Link and X-Total-Count): no validation, no
 *   SQLite, no worker. Its ETag is set, so caching.ts turns a matching If-None-Match (or `*`)
 *   into the same 304 a miss would get, and the
 *   app's onSend hooks (Cache-Control, Vary) write the same headers as for a miss. A miss stamps
 *   the request with its key and the database's generation *before* the read is dispatched.
 * - **Store** (route-level onSend, ahead of @fastify/compress's): a 200 whose generation is still
 *   the stamped one is stored with the ETag caching.ts has just made, so a client's stored
 *   ETag stays valid. If the generation moved, the read may predate a write: it is sent, not
 *   stored. Problems, 304s and HEAD are never stored.
 *
 * Compressed variants are made by `compressBody` in libuv's thread pool, not synchronously on the
 * event loop, once per entry and encoding, and kept with the entry. Not in a read worker: the
 * workers' slots and queue are the reads' (a burst of compressions would queue reads behind it
 * and show in the pool's counters), a body would cross threads twice, and READ_WORKERS=0 has no
 * worker at all.
 */
import type {
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  onRequestHookHandler,
  onSendHookHandler,
} from 'fastify';
import { matchesIfNoneMatch } from '../caching.js';
import {
  COMPRESSION_THRESHOLD,
  compressBody,
  type Encoding,
  negotiateEncoding,
} from '../compression.js';
import { type CachedAnswer, cacheKey, type RenderCache } from './cache.js';

/** What a miss remembers until its answer is sent: where to store it, and from when it is. */
interface Stamp {
  key: string;
  generation: string;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** This GET route's 200 answers are kept and replayed by the render cache (cache-hooks.ts). */
    renderCache?: boolean;
    /**
     * The requests of a `renderCache` route that the cache leaves alone, neither looked up nor
     * stored: those asking for another representation of the same URL (`Accept: text/csv`).
     */
    renderCacheSkip?: (request: FastifyRequest) => boolean;
  }
  interface FastifyRequest {
    renderCacheStamp: Stamp | null;
  }
}

/**
 * A route's `config` that opts it into the render cache: `app.get(url, { config: RENDER_CACHE, … })`.
 * Only for a GET whose 200 answer is a function of its URL and the database alone (no
 * Authorization, no other request header), with no preValidation or preHandler hook, and whose
 * handler sets no header but the content type and REPLAYED_HEADERS: a hit replays the body, its
 * ETag, its type and those.
 */
export const RENDER_CACHE = { renderCache: true } as const;

/** The headers an answer may carry that a replay must carry too (page-headers.ts sets them). */
export const REPLAYED_HEADERS = ['link', 'x-total-count'] as const;

function replayedHeadersOf(reply: FastifyReply): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of REPLAYED_HEADERS) {
    const value = reply.getHeader(name);
    if (value !== undefined) headers[name] = String(value);
  }
  return headers;
}

/** The bytes of a payload in a buffer of their own (a small `Buffer.from` is a slice of a shared pool). */
function ownBytes(payload: string | Buffer): Buffer {
  if (typeof payload === 'string') {
    const bytes = Buffer.allocUnsafeSlow(Buffer.byteLength(payload));
    bytes.write(payload);
    return bytes;
  }
  if (payload.buffer.byteLength === payload.byteLength) return payload;
  const bytes = Buffer.allocUnsafeSlow(payload.byteLength);
  payload.copy(bytes);
  return bytes;
}

const encodingFor = (request: FastifyRequest, bytes: number): Encoding | undefined =>
  bytes >= COMPRESSION_THRESHOLD ? negotiateEncoding(request) : undefined;

export function renderCacheHooks(
  app: FastifyInstance,
  { cache, generation }: { cache: RenderCache; generation: () => string },
): void {
  /** Compressions under way, so that concurrent hits wait for one rather than start another. */
  const compressing = new WeakMap<CachedAnswer, Partial<Record<Encoding, Promise<Buffer>>>>();

  const variantOf = (key: string, entry: CachedAnswer, encoding: Encoding): Promise<Buffer> => {
    const made = entry[encoding];
    if (made) return Promise.resolve(made);
    const running = compressing.get(entry) ?? {};
    compressing.set(entry, running);
    running[encoding] ??= compressBody(entry.identity, encoding)
      .then((body) => {
        cache.addVariant(key, entry, encoding, body);
        return body;
      })
      .finally(() => {
        delete running[encoding];
      });
    return running[encoding];
  };

  const lookUp = async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.method !== 'GET' || request.routeOptions.config.renderCacheSkip?.(request)) return;
    const key = cacheKey(request.url);
    const current = generation();
    const entry = cache.get(key, current);
    if (!entry) {
      request.renderCacheStamp = { key, generation: current };
      return;
    }
    reply.header('etag', entry.etag);
    // caching.ts makes it a 304 (and drops the body's headers), as for a miss.
    if (matchesIfNoneMatch(request.headers['if-none-match'], entry.etag)) return reply.send('');
    reply.headers(entry.headers).type(entry.type);
    const encoding = encodingFor(request, entry.identity.byteLength);
    if (!encoding) return reply.send(entry.identity);
    const body = await variantOf(key, entry, encoding);
    return reply.header('content-encoding', encoding).send(body);
  };

  const store = async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const stamp = request.renderCacheStamp;
    if (!stamp || reply.statusCode !== 200 || reply.hasHeader('content-encoding')) return payload;
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
    const etag = reply.getHeader('etag');
    const type = reply.getHeader('content-type');
    // If the generation moved, the read may predate a write: it is sent, not kept.
    const keep =
      generation() === stamp.generation && typeof etag === 'string' && typeof type === 'string';
    const encoding = encodingFor(request, Buffer.byteLength(payload));
    if (!keep && !encoding) return payload;
    const identity = ownBytes(payload);
    const entry = keep
      ? cache.set(stamp.key, {
          generation: stamp.generation,
          etag,
          type,
          headers: replayedHeadersOf(reply),
          identity,
        })
      : undefined;
    if (!encoding) return payload;
    const body = entry
      ? await variantOf(stamp.key, entry, encoding)
      : await compressBody(identity, encoding);
    reply.header('content-encoding', encoding);
    return body;
  };

  app.decorateRequest('renderCacheStamp', null);
  app.addHook('onRoute', (route) => {
    if (!route.config?.renderCache) return;
    // A hit is answered in onRequest: later hooks of the route would never run for it.
    if (route.preValidation || route.preHandler) {
      throw new Error(
        `${route.url}: a renderCache route cannot have preValidation or preHandler hooks`,
      );
    }
    route.onRequest = [...[route.onRequest ?? []].flat(), lookUp as onRequestHookHandler];
    route.onSend = [...[route.onSend ?? []].flat(), store as onSendHookHandler];
  });
}
