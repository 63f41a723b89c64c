import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, onRequestHookHandler, preHandlerAsyncHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import { problems } from './errors.js';

/** Requests a minute from one client address; 0 means no limit. */
export interface RateLimits {
  /** Every route that does not change data. */
  reads: number;
  /** POST, PUT, PATCH and DELETE, all routes together (imports too). */
  writes: number;
  /** Requests that find no route: guessing URLs is cheap to try and cheap to refuse. */
  notFound: number;
}

export const NO_RATE_LIMITS: RateLimits = { reads: 0, writes: 0, notFound: 0 };

const WINDOW_MS = 60_000;
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

declare module 'fastify' {
  interface FastifyInstance {
    /** The 404 handler's preHandler when 404s are limited. */
    notFoundRateLimit?: preHandlerAsyncHookHandler;
  }
}

const exceeded =
  (what: string) =>
  (_request: unknown, context: { max: number; after: string }): Error =>
    problems.tooManyRequests(
      `More than ${context.max} ${what} a minute from this address: retry in ${context.after} (Retry-After).`,
    );

/**
 * Rate limits per client address (the socket's, or X-Forwarded-For's from a trusted proxy), in
 * three budgets: reads, writes (checked before the API key, so that keys cannot be guessed at
 * speed) and 404s. Answers over a limit are 429 problems with Retry-After; every answer carries
 * X-RateLimit-Limit, -Remaining and -Reset.
 */
export default fp<RateLimits>(
  async (app: FastifyInstance, limits) => {
    if (limits.reads === 0 && limits.writes === 0 && limits.notFound === 0) return;

    let writeLimit: onRequestHookHandler | undefined;
    // Runs before @fastify/rate-limit's own onRoute hook (added below): write routes leave the
    // read budget and take the shared write budget, ahead of their other onRequest hooks.
    app.addHook('onRoute', (route) => {
      const methods = [route.method].flat();
      if (!methods.some((method) => WRITE_METHODS.has(method))) return;
      route.config = { ...route.config, rateLimit: false };
      if (writeLimit) route.onRequest = [writeLimit, ...[route.onRequest ?? []].flat()];
    });

    await app.register(rateLimit, {
      global: limits.reads > 0,
      max: limits.reads,
      timeWindow: WINDOW_MS,
      errorResponseBuilder: exceeded('reads'),
    });
    if (limits.writes > 0) {
      writeLimit = app.rateLimit({
        max: limits.writes,
        errorResponseBuilder: exceeded('writes'),
      }) as onRequestHookHandler;
    }
    if (limits.notFound > 0) {
      app.decorate(
        'notFoundRateLimit',
        app.rateLimit({
          max: limits.notFound,
          errorResponseBuilder: exceeded('requests to URLs that do not exist'),
        }),
      );
    }
  },
  { name: 'rate-limit' },
);
