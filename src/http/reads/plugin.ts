/**
 * `app.reads`: where every list, item and view is answered (query/resource-routes.ts). With
 * `workers: 0` a task runs inline on the main connection, exactly as before the pool existed;
 * otherwise it runs in a read worker (pool.ts), which sends back the finished JSON text, sent
 * as it is (no second serialization here). Either way a missing item is the same 404 problem.
 * On PostgreSQL (DATABASE_URL) a task runs through its PostgreSQL run instead (postgres-reads.ts).
 * In front of all, with `cacheMB` above 0, the render cache (cache-hooks.ts) replays finished
 * answers of the routes that opt in until the database changes.
 */
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { watchDataVersion } from '../../db/data-version.js';
import type { PostgresChanges } from '../../db/postgres-changes.js';
import { type AnswerOptions, bodyOf, type ReadRunner, type Reads, sendAnswer } from './answer.js';
import { createRenderCache, type RenderCacheStats } from './cache.js';
import { renderCacheHooks } from './cache-hooks.js';
import { createGeneration } from './generation.js';
import { createReadPool, type ReadPool } from './pool.js';
import type { PostgresRun } from './postgres-read.js';
import { type ReadTask, renderRead } from './task.js';

export interface ReadsOptions {
  /** Worker threads; 0 runs reads inline on the main thread. */
  workers: number;
  /** A read's budget, queueing included; past it the read is stopped and answered 503. */
  timeoutMs: number;
  /** Reads waiting for a worker beyond those running; default 256 per worker. */
  queueMax?: number;
  /** The worker module and its start data (src/reads/worker-url.ts builds them). */
  worker?: { filename: string; workerData: unknown };
  /** The render cache's bound in MiB (cache.ts); 0 or none: no cache. */
  cacheMB?: number;
  /** Check every answer read inline against its schema (the tests); workers get it apart. */
  checkResponses?: boolean;
  /**
   * On PostgreSQL: each task's PostgreSQL run, by task name (src/reads/postgres-registry.ts); a
   * task without one is answered 501.
   */
  postgresRuns?: ReadonlyMap<string, PostgresRun<never>>;
}

declare module 'fastify' {
  interface FastifyInstance {
    reads: Reads;
  }
}

function inlineReads(
  app: {
    db: import('../../db/database.js').Db;
    log: FastifyBaseLogger;
  },
  checkResponses: boolean,
): ReadRunner {
  // The same rendering a worker does (task.ts), so that an answer's bytes, and so its ETag, do
  // not depend on where it was read.
  const read = <P>(task: ReadTask<P>, params: P, options: AnswerOptions) =>
    renderRead(task, app.db, params, {
      ...(options.fields ? { fields: options.fields } : {}),
      checkResponses,
    });
  return {
    pooled: false,
    async answer(reply, task, params, options = {}) {
      return sendAnswer(reply, read(task, params, options), task, params, options, 0);
    },
    async text(task, params, options = {}) {
      return bodyOf(read(task, params, options), task, params, options, app.log, 0);
    },
    stats: () => null,
  };
}

function pooledReads(pool: ReadPool, timeoutMs: number, log: FastifyBaseLogger): ReadRunner {
  const run = <P>(task: ReadTask<P>, params: P, options: AnswerOptions) =>
    pool.run(
      { task: task.name, params, ...(options.fields ? { fields: options.fields } : {}) },
      options.lane,
    );
  return {
    pooled: true,
    async answer(reply, task, params, options = {}) {
      const result = await run(task, params, options);
      return sendAnswer(reply, result, task as ReadTask<never>, params, options, timeoutMs);
    },
    async text(task, params, options = {}) {
      return bodyOf(await run(task, params, options), task, params, options, log, timeoutMs);
    },
    stats: () => ({ ...pool.stats }),
  };
}

/**
 * The render cache, unless its bound is 0: answers of routes marked `renderCache` are kept until
 * the database's generation moves (a write of this server settles, or another connection
 * commits, seen by a watcher connection of its own: `PRAGMA data_version` on SQLite,
 * LISTEN/NOTIFY on PostgreSQL, db/postgres-changes.ts).
 */
async function renderCache(
  app: FastifyInstance,
  cacheMB: number,
): Promise<{ stats: () => RenderCacheStats | null; changes?: PostgresChanges }> {
  const maxBytes = Math.floor(cacheMB * 2 ** 20);
  if (maxBytes <= 0) return { stats: () => null };
  const cache = createRenderCache(maxBytes);
  const changes =
    app.backend === 'postgres'
      ? await (await import('../../db/postgres-changes.js')).watchPostgresChanges({
          url: app.postgres.primaryUrl,
          replicas: app.postgres.replicated,
          onLost: (error) =>
            app.log.warn(
              { err: error },
              'the render cache stopped listening for changes: off until it listens again',
            ),
        })
      : undefined;
  const dataVersion = changes ?? watchDataVersion(app.db.$client.name);
  renderCacheHooks(app, {
    cache,
    generation: createGeneration(() => app.writesSettled(), dataVersion),
  });
  app.addHook('onClose', async () => dataVersion.close());
  return { stats: cache.stats, changes };
}

/** Register after the database plugin: the workers open the file it has migrated. */
export default fp<ReadsOptions>(
  async (app, options) => {
    const cache = await renderCache(app, options.cacheMB ?? 0);
    const cacheStats = cache.stats;
    if (app.backend === 'postgres') {
      // Imported only on PostgreSQL, as app.ts imports its plugin: SQLite never loads the driver.
      const { postgresReads } = await import('./postgres-reads.js');
      const reads = postgresReads({
        servers: app.postgres,
        runs: options.postgresRuns ?? new Map(),
        timeoutMs: options.timeoutMs,
        checkResponses: options.checkResponses ?? false,
        log: app.log,
        recent: app.recentWrites,
        after: cache.changes && (() => cache.changes?.after()),
      });
      app.decorate('reads', { ...reads, cacheStats });
      return;
    }
    if (options.workers <= 0 || !options.worker) {
      app.decorate('reads', { ...inlineReads(app, options.checkResponses ?? false), cacheStats });
      return;
    }
    const pool = createReadPool({
      workers: options.workers,
      timeoutMs: options.timeoutMs,
      queueMax: options.queueMax,
      filename: options.worker.filename,
      workerData: options.worker.workerData,
    });
    app.decorate('reads', { ...pooledReads(pool, options.timeoutMs, app.log), cacheStats });
    // The workers load once the server listens (or at the first read, for app.inject): pool.ts.
    app.addHook('onListen', async () => {
      pool.start();
    });
    // Registered after the database's, so it runs before the database's checkpoint on close.
    app.addHook('onClose', () => pool.close());
  },
  // `database`: the SQLite file's plugin or PostgreSQL's, whichever the app has.
  { name: 'reads', dependencies: ['database', 'write-queue'] },
);
