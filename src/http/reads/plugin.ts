/**
 * `app.reads`: where every list, item and view is answered (query/resource-routes.ts). With
 * `workers: 0` a task runs inline on the main connection, exactly as before the pool existed;
 * otherwise it runs in a read worker (pool.ts), which sends back the finished JSON text, sent
 * as it is (no second serialization here). Either way a missing item is the same 404 problem.
 * In front of both, with `cacheMB` above 0, the render cache (cache-hooks.ts) replays finished
 * answers of the routes that opt in until the database changes.
 */
import type { FastifyBaseLogger, FastifyInstance, FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import { watchDataVersion } from '../../db/data-version.js';
import { ApiProblem, problems } from '../errors.js';
import { createRenderCache, type RenderCacheStats } from './cache.js';
import { renderCacheHooks } from './cache-hooks.js';
import { createGeneration } from './generation.js';
import { JSON_TYPE, setPageHeaders } from './page-headers.js';
import {
  createReadPool,
  type Lane,
  type PoolResult,
  type ReadPool,
  type ReadPoolStats,
} from './pool.js';
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
}

export interface AnswerOptions {
  /** `fields=`: the answer is a page trimmed to these. */
  fields?: readonly string[];
  /** When the task finds nothing: the 404 problem names this kind and id. */
  notFound?: { singular: string; id: string };
  /** `bulk` for reads that may scan (`count=true`): they never take the last free worker. */
  lane?: Lane;
}

export interface Reads {
  /** True when reads go to the worker pool. */
  readonly pooled: boolean;
  /**
   * Runs a task and sends its answer (or throws the problem that answers it). The handler
   * returns what this returns: the reply, already sent.
   */
  answer<P>(
    reply: FastifyReply,
    task: ReadTask<P>,
    params: P,
    options?: AnswerOptions,
  ): Promise<FastifyReply>;
  /**
   * Runs a task and gives its text (an export slice, which its route streams), or throws the
   * problem that answers it.
   */
  text<P>(task: ReadTask<P>, params: P, options?: AnswerOptions): Promise<string>;
  stats(): ReadPoolStats | null;
  /** The render cache's counters, or null when it is off. */
  cacheStats(): RenderCacheStats | null;
}

declare module 'fastify' {
  interface FastifyInstance {
    reads: Reads;
  }
}

const notFound = (options: AnswerOptions) =>
  options.notFound
    ? problems.notFound(options.notFound.singular, options.notFound.id)
    : problems.internal();

type ReadRunner = Omit<Reads, 'cacheStats'>;

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

/**
 * Sends a read's answer: its JSON text, typed (a string payload has no type of its own, and the
 * render cache replays the type it finds here), with the page's headers; or throws its problem.
 */
function sendAnswer(
  reply: FastifyReply,
  result: PoolResult,
  task: ReadTask<never>,
  params: unknown,
  options: AnswerOptions,
  timeoutMs: number,
): FastifyReply {
  const body = bodyOf(result, task, params, options, reply.log, timeoutMs);
  if (result.tag === 'ok' && result.page) setPageHeaders(reply, result.page);
  return reply.type(JSON_TYPE).send(body);
}

/** A read's text, or the problem (or the error) that answers it. */
function bodyOf(
  result: PoolResult,
  task: ReadTask<never>,
  params: unknown,
  options: AnswerOptions,
  log: FastifyBaseLogger,
  timeoutMs: number,
): string {
  switch (result.tag) {
    case 'ok':
      return result.body;
    case 'none':
      throw notFound(options);
    case 'problem':
      throw new ApiProblem(
        result.status,
        result.slug,
        result.title,
        result.detail,
        result.errors,
        result.retryAfter,
      );
    case 'timeout':
      log.warn({ task: task.name, params, timeoutMs }, 'read stopped at its time budget');
      throw problems.unavailable(
        `The read took longer than ${timeoutMs} ms and was stopped: narrow it or retry.`,
        5,
      );
    case 'busy':
      throw problems.unavailable('Too many reads are waiting: retry shortly.', 1);
    default: {
      // The error handler maps a SQLite code to its problem and logs the rest as a 500.
      const error = new Error(`read ${task.name} failed: ${result.message}`);
      if (result.stack) error.stack = result.stack;
      if (result.code) (error as Error & { code?: string }).code = result.code;
      throw error;
    }
  }
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
 * commits, seen by a watcher connection of its own).
 */
function renderCache(app: FastifyInstance, cacheMB: number): () => RenderCacheStats | null {
  const maxBytes = Math.floor(cacheMB * 2 ** 20);
  if (maxBytes <= 0) return () => null;
  const cache = createRenderCache(maxBytes);
  const dataVersion = watchDataVersion(app.db.$client.name);
  renderCacheHooks(app, {
    cache,
    generation: createGeneration(() => app.writesSettled(), dataVersion),
  });
  app.addHook('onClose', async () => dataVersion.close());
  return cache.stats;
}

/** Register after the database plugin: the workers open the file it has migrated. */
export default fp<ReadsOptions>(
  async (app, options) => {
    const cacheStats = renderCache(app, options.cacheMB ?? 0);
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
    // Registered after the database's, so it runs before the database's checkpoint on close.
    app.addHook('onClose', () => pool.close());
  },
  { name: 'reads', dependencies: ['database', 'write-queue'] },
);
