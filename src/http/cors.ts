import cors from '@fastify/cors';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/** `*` for any origin, or the exact origins allowed to call the API from a browser. */
export type CorsOrigins = '*' | string[];

export interface CorsPluginOptions {
  origins: CorsOrigins;
}

/**
 * Cross-origin access for browser clients. No credentials mode: keys travel in the Authorization
 * header, which only needs to be allowed, so `*` stays usable.
 */
export default fp<CorsPluginOptions>(
  async (app: FastifyInstance, options) => {
    await app.register(cors, {
      origin: options.origins,
      methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
      // If-Match and If-None-Match: a page's conditional writes (no lost updates) and revalidation.
      allowedHeaders: [
        'Authorization',
        'Content-Type',
        'If-Match',
        'If-None-Match',
        'X-Request-Id',
      ],
      // What a script may read: the validator, pagination, the id to quote in a report, and
      // when to retry after a 429 or 503.
      // Joined once here: given a list, @fastify/cors joins it again on every request.
      exposedHeaders: [
        'ETag',
        'Link',
        'X-Total-Count',
        'X-Request-Id',
        'Retry-After',
        'X-RateLimit-Limit',
        'X-RateLimit-Remaining',
        'X-RateLimit-Reset',
      ].join(', '),
      maxAge: 600,
    });
  },
  { name: 'cors' },
);
