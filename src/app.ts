import Fastify, { type FastifyServerOptions } from 'fastify';
import {
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Db } from './db/database.js';
import databasePlugin from './db/plugin.js';
import { registerErrorHandlers } from './http/errors.js';
import swaggerPlugin from './http/swagger.js';
import healthRoutes from './resources/health/routes.js';
import { v1Routes } from './resources/index.js';

export interface AppOptions {
  databasePath: string;
  /** Loads the seed into an empty database at start. */
  seedWhenEmpty?: (db: Db) => void;
  logger?: FastifyServerOptions['logger'];
}

/** Builds the whole API; the server and the tests both start from here. */
export async function buildApp(options: AppOptions) {
  const app = Fastify({
    logger: options.logger ?? false,
    // Every error carries the request id; clients can quote it.
    requestIdHeader: 'x-request-id',
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandlers(app);

  await app.register(databasePlugin, {
    path: options.databasePath,
    seedWhenEmpty: options.seedWhenEmpty,
  });
  await app.register(swaggerPlugin);
  await app.register(healthRoutes);
  await app.register(v1Routes, { prefix: '/v1' });
  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
