import underPressure from '@fastify/under-pressure';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { problems } from './errors.js';

export interface PressureOptions {
  /** Above this mean event-loop delay (ms) over a sample, requests are refused; 0: never. */
  maxEventLoopDelayMs: number;
  /** How often the delay is sampled (ms); a second unless given. */
  sampleIntervalMs?: number;
}

/** Answered whatever the load: a liveness probe must not fail because the server is busy. */
const ALWAYS_ANSWERED = new Set(['/health']);
const RETRY_AFTER_SECONDS = 10;
const DEFAULT_SAMPLE_INTERVAL_MS = 1000;
const DRAINING_RETRY_AFTER_SECONDS = 5;

/**
 * Two ways of saying "not now" at once rather than late. When the event loop is saturated,
 * requests get a 503 problem with Retry-After instead of queueing until they time out. While the
 * server shuts down, requests that still arrive on open connections get a 503 problem and
 * `Connection: close` (Fastify's own answer, `return503OnClosing`, is not a problem), and answers
 * to requests already in flight close their connection, so that close() need not wait for idle
 * keep-alive sockets.
 */
export default fp<{ pressure?: PressureOptions }>(
  async (app: FastifyInstance, { pressure }) => {
    let draining = false;
    app.addHook('preClose', async () => {
      draining = true;
    });
    // Synchronous hooks: an async one would cost every request a promise and a microtask.
    app.addHook('onRequest', (_request, reply, done) => {
      if (!draining) {
        done();
        return;
      }
      reply.header('connection', 'close');
      done(
        problems.unavailable(
          'The server is shutting down: retry in a moment.',
          DRAINING_RETRY_AFTER_SECONDS,
        ),
      );
    });
    app.addHook('onSend', (_request, reply, payload, done) => {
      if (draining) reply.header('connection', 'close');
      done(null, payload);
    });

    if (!pressure || pressure.maxEventLoopDelayMs <= 0) return;
    const sampleIntervalMs = pressure.sampleIntervalMs ?? DEFAULT_SAMPLE_INTERVAL_MS;
    // Starting (loading modules, building the routes, migrating) blocks the loop for seconds:
    // that is not load. Requests are shed only once two samples have been taken since.
    let armed = false;
    app.addHook('onReady', async () => {
      setTimeout(() => {
        armed = true;
      }, 2 * sampleIntervalMs).unref();
    });
    await app.register(underPressure, {
      maxEventLoopDelay: pressure.maxEventLoopDelayMs,
      sampleInterval: sampleIntervalMs,
      pressureHandler: async (request, _reply, _type, value) => {
        if (!armed || ALWAYS_ANSWERED.has(request.routeOptions.url ?? '')) return;
        throw problems.unavailable(
          `The server is overloaded (the event loop lags ${Math.round(value ?? 0)} ms): retry in ${RETRY_AFTER_SECONDS} s.`,
          RETRY_AFTER_SECONDS,
        );
      },
    });
  },
  { name: 'pressure' },
);
