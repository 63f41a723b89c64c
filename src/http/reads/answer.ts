/**
 * `app.reads`'s contract (Reads), and how a read's outcome becomes the reply whichever backend
 * and runner read it (plugin.ts: inline or in a worker on SQLite; postgres-reads.ts on
 * PostgreSQL): the answer's text with its page headers, the 404 problem when the task found
 * nothing, or the problem that answers a failure.
 */
import type { FastifyBaseLogger, FastifyReply } from 'fastify';
import { ApiProblem, problems } from '../errors.js';
import type { RenderCacheStats } from './cache.js';
import { JSON_TYPE, setPageHeaders } from './page-headers.js';
import type { Lane, PoolResult, ReadPoolStats } from './pool.js';
import type { ReadTask } from './task.js';

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

/** What `app.reads` does whatever runs the reads, the cache aside. */
export type ReadRunner = Omit<Reads, 'cacheStats'>;

const notFound = (options: AnswerOptions) =>
  options.notFound
    ? problems.notFound(options.notFound.singular, options.notFound.id)
    : problems.internal();

/**
 * Sends a read's answer: its JSON text, typed (a string payload has no type of its own, and the
 * render cache replays the type it finds here), with the page's headers; or throws its problem.
 */
export function sendAnswer(
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
export function bodyOf(
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
