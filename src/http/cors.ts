import cors, { type FastifyCorsOptions } from '@fastify/cors';
import type { FastifyInstance, FastifyReply } from 'fastify';
import fp from 'fastify-plugin';

/** `*` for any origin, or the exact origins allowed to call the API from a browser. */
export type CorsOrigins = '*' | string[];

export interface CorsPluginOptions {
  origins: CorsOrigins;
}

/**
 * What a script may read: the validator, pagination, the id to quote in a report, when to retry
 * after a 429 or 503, and a write's position on PostgreSQL (Annals-Read-After, to send back on
 * its reads: db/read-your-writes.ts). Joined once: given a list, @fastify/cors joins it on every
 * request.
 */
const EXPOSED_HEADERS = [
  'ETag',
  'Annals-Read-After',
  'Link',
  'X-Total-Count',
  'X-Request-Id',
  'Retry-After',
  'X-RateLimit-Limit',
  'X-RateLimit-Remaining',
  'X-RateLimit-Reset',
].join(', ');

/** @fastify/cors's options: the preflights' answers, and what the hook below must equal. */
export function corsOptions(origins: CorsOrigins): FastifyCorsOptions {
  return {
    origin: origins,
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    // If-Match and If-None-Match: a page's conditional writes (no lost updates) and revalidation.
    // Annals-Read-After: a client's reads after its write on PostgreSQL (db/read-your-writes.ts).
    allowedHeaders: [
      'Authorization',
      'Content-Type',
      'If-Match',
      'If-None-Match',
      'X-Request-Id',
      'Annals-Read-After',
    ],
    exposedHeaders: EXPOSED_HEADERS,
    maxAge: 600,
  };
}

/** Adds Origin to Vary unless it is there already (as @fastify/cors does for a list of origins). */
function varyOnOrigin(reply: FastifyReply): void {
  const current = reply.getHeader('vary');
  if (current === undefined) {
    reply.header('vary', 'Origin');
    return;
  }
  const fields = String(current).split(/\s*,\s*/);
  if (fields.some((f) => f === '*' || f.toLowerCase() === 'origin')) return;
  reply.header('vary', [...fields, 'Origin'].join(', '));
}

/**
 * Cross-origin access for browser clients. No credentials mode: keys travel in the Authorization
 * header, which only needs to be allowed, so `*` stays usable.
 *
 * Preflights are @fastify/cors's: its `OPTIONS *` route and its hook, registered in a context of
 * their own so that the hook runs for that route only. Every other answer gets the same headers
 * from one synchronous hook here: @fastify/cors's hook rebuilt its options object (a spread of
 * fifteen of them), read `request.routeOptions` (a new object each time) twice and made a closure
 * on every request, which made it the dearest plugin on /health after the security headers
 * (issue 11, README: what each plugin costs).
 */
export default fp<CorsPluginOptions>(
  async (app: FastifyInstance, options) => {
    const { origins } = options;
    await app.register(async (preflights) => {
      await preflights.register(cors, corsOptions(origins));
    });

    if (origins === '*') {
      const headers = {
        'access-control-allow-origin': '*',
        'access-control-expose-headers': EXPOSED_HEADERS,
      };
      app.addHook('onRequest', (_request, reply, done) => {
        reply.headers(headers);
        done();
      });
      return;
    }
    const allowed = new Set(origins);
    app.addHook('onRequest', (request, reply, done) => {
      // The answer depends on the origin, whether it is allowed or not: caches must key on it.
      varyOnOrigin(reply);
      const origin = request.headers.origin;
      // An origin not listed gets no Access-Control-Allow-Origin: the browser keeps the answer
      // from the script.
      if (origin !== undefined && allowed.has(origin)) {
        reply.header('access-control-allow-origin', origin);
      }
      reply.header('access-control-expose-headers', EXPOSED_HEADERS);
      done();
    });
  },
  { name: 'cors' },
);
