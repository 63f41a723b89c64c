import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problems } from './http/errors.js';
import { problemResponse } from './query/shapes.js';

const Health = z.object({ status: z.literal('ok'), database: z.literal('ok') }).meta({
  id: 'Health',
  description: 'The API answers and its database with it.',
  example: { status: 'ok', database: 'ok' },
});

const HEALTHY = { status: 'ok', database: 'ok' } as const;

const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  const options = {
    // Its 31 bytes are under the threshold: @fastify/compress's hook would only find that out
    // (Accept-Encoding parsed, the type matched) on every probe. No ETag either (caching.ts,
    // UNVALIDATED_ROUTES): a health check must never be answered 304.
    compress: false,
    schema: {
      tags: ['health'],
      summary: 'Check the API and its database',
      description: 'Answers 200 when the database answers a query, 503 otherwise.',
      response: { 200: Health, 503: problemResponse('The database does not answer.') },
    },
  } as const;
  const failed = (error: unknown) => {
    app.log.error({ err: error }, 'health check failed');
    return problems.unavailable('The database does not answer.');
  };

  if (app.backend === 'postgres') {
    // The primary, which takes the writes: a server whose replicas answer but whose primary
    // does not is not healthy.
    const primary = app.postgres.primary;
    app.get('/health', options, async () => {
      try {
        await primary.query('select 1');
      } catch (error) {
        throw failed(error);
      }
      return HEALTHY;
    });
    return;
  }

  // Prepared once: preparing it again on every call was a tenth of what /health cost. Running
  // it still asks the connection, so a closed or broken database still fails the check.
  const ping = app.db.$client.prepare('select 1');
  app.get(
    '/health',
    options,
    // Synchronous: an async handler costs each probe a promise and a microtask. What it throws
    // goes to the error handler, as an async handler's rejection would.
    () => {
      try {
        ping.get();
      } catch (error) {
        throw failed(error);
      }
      return HEALTHY;
    },
  );
};

export default healthRoutes;
