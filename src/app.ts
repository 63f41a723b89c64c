import Fastify, { type FastifyServerOptions } from 'fastify';
import { validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from './db/database.js';
import databasePlugin from './db/plugin.js';
import authPlugin, { type ApiKey } from './http/auth.js';
import cachingPlugin from './http/caching.js';
import compressionPlugin from './http/compression.js';
import corsPlugin, { type CorsOrigins } from './http/cors.js';
import { frameworkErrors, registerErrorHandlers } from './http/errors.js';
import { createSerializerCompiler } from './http/serializer.js';
import swaggerPlugin from './http/swagger.js';
import healthRoutes from './resources/health/routes.js';
import { v1Routes } from './resources/index.js';

export interface AppOptions {
  databasePath: string;
  /** Loads the seed into an empty database at start. */
  seedWhenEmpty?: (db: Db) => void;
  /** Origins a browser may call the API from: `*` or a list. */
  corsOrigins: CorsOrigins;
  /** Keys that may write; none means the API is read-only. */
  apiKeys?: ApiKey[];
  /** Check every answer against its zod schema before sending it (the tests turn this on). */
  checkResponses?: boolean;
  logger?: FastifyServerOptions['logger'];
}

/** Builds the whole API; the server and the tests both start from here. */
export async function buildApp(options: AppOptions) {
  const app = Fastify({
    logger: options.logger ?? false,
    // Every error carries the request id; clients can quote it.
    requestIdHeader: 'x-request-id',
    // Ids may be up to 120 characters; Fastify's default (100) would refuse the longest.
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 500 },
    frameworkErrors,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(
    createSerializerCompiler({ checkResponses: options.checkResponses ?? false }),
  );
  registerErrorHandlers(app);

  await app.register(authPlugin, { keys: options.apiKeys ?? [] });
  await app.register(databasePlugin, {
    path: options.databasePath,
    seedWhenEmpty: options.seedWhenEmpty,
  });
  await app.register(corsPlugin, { origins: options.corsOrigins });
  await app.register(cachingPlugin);
  await app.register(compressionPlugin);
  await app.register(swaggerPlugin);
  await app.register(healthRoutes);
  await app.register(v1Routes, { prefix: '/v1' });
  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
