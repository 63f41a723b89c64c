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
 * Whether an If-None-Match names this ETag, compared exactly as @fastify/etag compares it (one
 * tag, weak or strong): the render cache answers its 304s by the same rule.
 */
export function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  return header === etag || header === `W/${etag}` || `W/${header}` === etag;
}

const READS = new Set(['GET', 'HEAD']);

function cacheControlOf(request: FastifyRequest): string {
  return request.url.startsWith('/v1/') ? CACHE_CONTROL.read : CACHE_CONTROL.none;
}

/**
 * Validators and freshness. Every JSON or text body gets a strong ETag (a hash of its bytes) and
 * a matching If-None-Match gets 304. Reads of /v1 are public for a minute; everything else
 * (health, docs, problems) is not stored, so an error or a stale liveness answer is never
 * replayed. A route that sets its own Cache-Control keeps it.
 */
export default fp(
  async (app: FastifyInstance) => {
    await app.register(etag);

    // Runs after the ETag hook (hooks run in the order they were added).
    app.addHook('onSend', async (request, reply) => {
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
        return null;
      }
    });
  },
  { name: 'caching' },
);
