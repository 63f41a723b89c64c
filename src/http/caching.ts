import { createHash } from 'node:crypto';
import etag from '@fastify/etag';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

/** How long a client or a shared cache may reuse a read of /v1 without asking again. */
export const READ_MAX_AGE_SECONDS = 60;

export const CACHE_CONTROL = {
  read: `public, max-age=${READ_MAX_AGE_SECONDS}`,
  none: 'no-store',
} as const;

/**
 * The ETag of a body: the quoted base64 SHA-1 of its bytes, @fastify/etag's default, given to it
 * as its hash so that the writes (which compute the ETag an item's GET would send, to check
 * If-Match) and the render cache use the same one.
 */
export function etagOf(body: string | Buffer): string {
  return `"${createHash('sha1').update(body).digest('base64')}"`;
}

/** The tags an If-Match or If-None-Match lists (`"a", W/"b"`), or `*`. */
function tagsIn(header: string): string[] | '*' {
  if (header.trim() === '*') return '*';
  return header.match(/(?:W\/)?"[^"]*"/g) ?? [];
}

const opaque = (tag: string) => (tag.startsWith('W/') ? tag.slice(2) : tag);

/**
 * Whether an If-None-Match names this ETag: `*`, or one of its tags by the weak comparison
 * (RFC 9110 §13.1.2). The render cache answers its 304s by the same rule.
 */
export function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const tags = tagsIn(header);
  return tags === '*' || tags.some((tag) => opaque(tag) === opaque(etag));
}

/**
 * Whether an If-Match lets a write go ahead on a record whose GET has the ETag `current` (null:
 * there is no record): `*` needs a record, a list needs `current` by the strong comparison
 * (RFC 9110 §13.1.1; ours are strong, so a weak tag never matches).
 */
export function matchesIfMatch(header: string, current: string | null): boolean {
  if (current === null) return false;
  const tags = tagsIn(header);
  return tags === '*' || tags.includes(current);
}

const READS = new Set(['GET', 'HEAD']);

function cacheControlOf(request: FastifyRequest): string {
  return request.url.startsWith('/v1/') ? CACHE_CONTROL.read : CACHE_CONTROL.none;
}

/**
 * Validators and freshness. Every JSON or text body gets a strong ETag (a hash of its bytes,
 * unless the route set one) and a GET or HEAD whose If-None-Match names it, or is `*`, gets 304.
 * (@fastify/etag's own 304 compares one tag exactly, on any method; it is turned off.) Reads of
 * /v1 are public for a minute; everything else (health, docs, problems) is not stored, so an
 * error or a stale liveness answer is never replayed. A route that sets its own Cache-Control
 * keeps it.
 */
export default fp(
  async (app: FastifyInstance) => {
    await app.register(etag, {
      hashFn: (body: string | Buffer) => etagOf(body).slice(1, -1),
      replyWith304: false,
    });

    // Runs after the ETag hook (hooks run in the order they were added).
    app.addHook('onSend', async (request, reply) => {
      const tag = reply.getHeader('etag');
      if (
        reply.statusCode === 200 &&
        READS.has(request.method) &&
        typeof tag === 'string' &&
        matchesIfNoneMatch(request.headers['if-none-match'], tag)
      ) {
        reply.code(304);
      }
      if (reply.statusCode >= 400) {
        // A problem has no representation worth revalidating.
        reply.removeHeader('etag');
        reply.header('cache-control', CACHE_CONTROL.none);
        return;
      }
      if (READS.has(request.method) && !reply.hasHeader('cache-control')) {
        reply.header('cache-control', cacheControlOf(request));
      }
      if (reply.statusCode === 304) {
        // No body, so no `Content-Length: 0` (RFC 9110 §8.6: a cache could copy it over the
        // stored answer's) and no Content-Type.
        reply.removeHeader('content-length');
        reply.removeHeader('content-type');
        for (const name of ['link', 'x-total-count']) reply.removeHeader(name);
        return null;
      }
    });
  },
  { name: 'caching' },
);
