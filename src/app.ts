import Fastify, { type FastifyServerOptions } from 'fastify';
import { validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import exportsPlugin, { type ExportLimits } from './bundle/http/export-stream.js';
import type { OptionalPlugin } from './config.js';
import type { Db } from './db/database.js';
import databasePlugin from './db/plugin.js';
import type { PostgresPluginOptions } from './db/postgres-plugin.js';
import writeQueuePlugin from './db/write-queue.js';
import healthRoutes from './health.js';
import authPlugin, { type ApiKey } from './http/auth.js';
import cachingPlugin from './http/caching.js';
import compressionPlugin from './http/compression.js';
import corsPlugin, { type CorsOrigins } from './http/cors.js';
import { clientErrorHandler, frameworkErrors, registerErrorHandlers } from './http/errors.js';
import limitsPlugin from './http/limits.js';
import methodsPlugin from './http/methods.js';
import metricsPlugin from './http/metrics.js';
import pressurePlugin, { type PressureOptions } from './http/pressure.js';
import rateLimitPlugin, { NO_RATE_LIMITS, type RateLimits } from './http/rate-limit.js';
import readsPlugin from './http/reads/plugin.js';
import { RequestLog } from './http/request-log.js';
import securityPlugin from './http/security.js';
import { createSerializerCompiler } from './http/serializer.js';
import swaggerPlugin from './http/swagger.js';
import indexRoutes, { INDEX_TAG } from './index-routes.js';
import { readRecordedExamples } from './query/examples.js';
import { readWorker } from './reads/read-worker.js';
import { API_TAGS, v1Routes } from './routes.js';
import { recordExamples } from './writes/schemas.js';

/**
 * Where the data lives: a SQLite file (`databasePath`, the default backend), or PostgreSQL
 * (`postgres`: its servers, DATABASE_URL and DATABASE_READ_URLS), with no SQLite file at all.
 */
export type BackendOptions =
  | {
      databasePath: string;
      /** Loads the seed into an empty database at start. */
      seedWhenEmpty?: (db: Db) => void;
      postgres?: undefined;
    }
  | { postgres: PostgresPluginOptions; databasePath?: undefined; seedWhenEmpty?: undefined };

export type AppOptions = BackendOptions & CommonOptions;

interface CommonOptions {
  /** Origins a browser may call the API from: `*` or a list. */
  corsOrigins: CorsOrigins;
  /** Keys that may write; none means the API is read-only. */
  apiKeys?: ApiKey[];
  /** Check every answer against its zod schema before sending it (the tests turn this on). */
  checkResponses?: boolean;
  /** Requests a minute per client address; none given: no limits. */
  rateLimits?: RateLimits;
  /** Refuse requests with 503 while the event loop is saturated; none given: never. */
  pressure?: PressureOptions;
  /** Which proxies' X-Forwarded-For gives the client's address (Fastify's `trustProxy`). */
  trustProxy?: boolean | string[];
  logger?: FastifyServerOptions['logger'];
  /** Plugins left out, for the bench only (PLUGINS_OFF in config.ts). */
  pluginsOff?: readonly OptionalPlugin[];
  /**
   * Where reads run: `workers` threads (0, the default here: inline on the main thread), each
   * read stopped past `timeoutMs`. `taskModules` (tests) adds modules of extra read tasks.
   * `cacheMB`: the render cache's bound (0, the default here: no cache). `mmapMB`: how much of the
   * file each worker's connection maps (0, the default here).
   */
  reads?: {
    workers: number;
    timeoutMs?: number;
    queueMax?: number;
    taskModules?: string[];
    cacheMB?: number;
    mmapMB?: number;
  };
  /** Exports at once (2), an export's time (10 min; 0: none), a silent client's (60 s). */
  exports?: Partial<ExportLimits>;
}

/** Builds the whole API; the server and the tests both start from here. */
export async function buildApp(options: AppOptions) {
  const off = new Set(options.pluginsOff ?? []);
  const on = (plugin: OptionalPlugin) => !off.has(plugin);
  const app = Fastify({
    logger: options.logger ?? false,
    // One line a request at `info`, not Fastify's two serialized ones.
    logController: new RequestLog(),
    // Every error carries the request id; clients can quote it.
    requestIdHeader: 'x-request-id',
    // Ids may be up to 120 characters; Fastify's default (100) would refuse the longest.
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 500 },
    frameworkErrors,
    clientErrorHandler,
    trustProxy: options.trustProxy ?? false,
    // On close: idle keep-alive sockets are closed at once, requests in flight finish, and
    // requests that still arrive get the pressure plugin's 503 problem rather than Fastify's.
    forceCloseConnections: 'idle',
    return503OnClosing: false,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(
    createSerializerCompiler({ checkResponses: options.checkResponses ?? false }),
  );

  // First, so that every answer has the security headers, refusals included; then what refuses
  // a request cheaply, before any work is done for it.
  if (on('security')) await app.register(securityPlugin);
  if (on('limits')) await app.register(limitsPlugin);
  if (on('rate-limit')) await app.register(rateLimitPlugin, options.rateLimits ?? NO_RATE_LIMITS);
  // Before every route, so that it learns which methods each path answers.
  await app.register(methodsPlugin);
  registerErrorHandlers(app, {
    notFoundPreHandler: app.notFoundRateLimit,
    allowedMethods: app.allowedMethods,
  });

  await app.register(authPlugin, { keys: options.apiKeys ?? [] });
  await app.register(writeQueuePlugin);
  // PostgreSQL's modules (the driver, the runs) are imported only when it is the backend: a
  // SQLite server starts without loading them.
  if (options.postgres) {
    await app.register((await import('./db/postgres-plugin.js')).default, options.postgres);
  } else {
    await app.register(databasePlugin, {
      path: options.databasePath,
      seedWhenEmpty: options.seedWhenEmpty,
    });
  }
  // After the database: the workers open the file it has migrated, and close before it.
  await app.register(readsPlugin, {
    workers: options.reads?.workers ?? 0,
    timeoutMs: options.reads?.timeoutMs ?? 5000,
    queueMax: options.reads?.queueMax,
    cacheMB: options.reads?.cacheMB ?? 0,
    checkResponses: options.checkResponses ?? false,
    ...(options.postgres
      ? {
          // Imported here, after every route's module: the schemas the PostgreSQL runs' modules
          // name are then registered (z.globalRegistry) in the order they are on SQLite, so the
          // OpenAPI document is the same on both backends, whatever runs the registry gathers.
          postgresRuns: (await import('./reads/postgres-registry.js')).postgresRuns(),
        }
      : {
          worker: readWorker({
            databasePath: options.databasePath,
            mmapMB: options.reads?.mmapMB ?? 0,
            checkResponses: options.checkResponses ?? false,
            taskModules: options.reads?.taskModules,
          }),
        }),
  });
  await app.register(exportsPlugin, {
    maxConcurrent: options.exports?.maxConcurrent ?? 2,
    timeoutMs: options.exports?.timeoutMs ?? 600_000,
    idleMs: options.exports?.idleMs ?? 60_000,
  });
  // After the database, so that migrating and seeding at start are not counted as load.
  if (on('pressure')) await app.register(pressurePlugin, { pressure: options.pressure });
  if (on('cors')) await app.register(corsPlugin, { origins: options.corsOrigins });
  if (on('caching')) await app.register(cachingPlugin);
  if (on('compression')) await app.register(compressionPlugin);
  await app.register(swaggerPlugin, {
    examples: () => ({ ...readRecordedExamples(), ...recordExamples() }),
    tags: [INDEX_TAG, ...API_TAGS],
  });
  await app.register(indexRoutes);
  await app.register(healthRoutes);
  await app.register(metricsPlugin);
  await app.register(v1Routes, { prefix: '/v1' });
  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
