/**
 * `app.reads` on PostgreSQL: a task with a PostgreSQL run (src/reads/postgres-registry.ts) runs
 * through PostgresServers.read (a replica that has replayed what the client must see, else the
 * primary; one read-only snapshot) and renderPostgresRead, which ends it as SQLite's renderRead
 * does; the reply is then made as on SQLite (answer.ts), so the same data gives the same bytes,
 * headers and problems. A task with no PostgreSQL run yet is answered 501 (not-on-postgres).
 *
 * The read budget (READ_TIMEOUT_MS) holds as on SQLite: each statement is cancelled past it by
 * PostgreSQL (statement_timeout, set on the read's connection), and the whole read, waiting for
 * a connection included, is answered 503 with Retry-After once the budget is spent, whatever
 * remains of it finishing (each statement bounded) in the background.
 */
import type { FastifyBaseLogger, FastifyReply } from 'fastify';
import { laterLsn } from '../../db/pg-lsn.js';
import { isUnavailable, type PostgresServers } from '../../db/postgres-replicas.js';
import { parseReadAfter, READ_AFTER_HEADER, type RecentWrites } from '../../db/read-your-writes.js';
import { problems } from '../errors.js';
import { type AnswerOptions, bodyOf, type ReadRunner, sendAnswer } from './answer.js';
import type { PoolResult } from './pool.js';
import { type PostgresRun, renderPostgresRead } from './postgres-read.js';
import type { ReadTask } from './task.js';

/** SQLSTATE query_canceled: what statement_timeout ends a statement with. */
const CANCELED = '57014';

export interface PostgresReadsOptions {
  servers: PostgresServers;
  /** Each task's PostgreSQL run, by task name (postgresRuns()). */
  runs: ReadonlyMap<string, PostgresRun<never>>;
  timeoutMs: number;
  checkResponses: boolean;
  log: FastifyBaseLogger;
  /** Each client's last write, for the clients that do not send Annals-Read-After back. */
  recent?: RecentWrites;
  /** The WAL position every read must see beside the client's own (postgres-changes.ts). */
  after?: () => string | undefined;
}

/**
 * A read's shape, by which PostgresServers.read learns which reads take several statements: the
 * task's name and the names of the parameters given (`events.list from,include,to`). Which
 * parameters are given, not their values, decides how many statements a run sends (`include=` and
 * `count` add some), so a list with `include=` does not put the same list without it in a
 * transaction.
 */
export function shapeOf(name: string, params: unknown): string {
  const given = (value: unknown, prefix: string): string[] =>
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? Object.entries(value)
          .filter(([, inner]) => inner !== undefined)
          .flatMap(([key, inner]) => [`${prefix}${key}`, ...given(inner, `${prefix}${key}.`)])
      : [];
  return `${name} ${given(params, '').sort().join(',')}`;
}

const codeOf = (error: unknown) => (error as { code?: unknown } | null)?.code;

/**
 * The WAL position a request's reads must see: the later of its `Annals-Read-After` header and
 * its address's last write (read-your-writes.ts), or a 400 problem naming the header when it is
 * not a position.
 */
function clientLsn(
  reply: FastifyReply | undefined,
  recent: RecentWrites | undefined,
): string | undefined {
  if (!reply) return undefined;
  const parsed = parseReadAfter(reply.request.headers[READ_AFTER_HEADER]);
  if ('problem' in parsed) throw problems.invalidField('header', READ_AFTER_HEADER, parsed.problem);
  return recent ? recent.readAfter(reply.request.ip, parsed.lsn) : parsed.lsn;
}

export function postgresReads(options: PostgresReadsOptions): ReadRunner {
  const { servers, runs, timeoutMs, checkResponses, log } = options;
  const unavailable = () =>
    problems.unavailable('The database does not answer just now: retry shortly.', 5);

  const timedOut = () =>
    problems.unavailable(
      `The read took longer than ${timeoutMs} ms and was stopped: narrow it or retry.`,
      5,
    );
  /** The task's run, with PostgreSQL's failures turned into the problems that answer them. */
  const guarded =
    <P>(name: string, run: PostgresRun<P>): PostgresRun<P> =>
    async (client, params) => {
      try {
        return await run(client, params);
      } catch (error) {
        if (codeOf(error) === CANCELED) {
          log.warn({ task: name, params, timeoutMs }, 'read stopped at its time budget');
          throw timedOut();
        }
        if (isUnavailable(error)) throw unavailable();
        throw error;
      }
    };

  const read = async <P>(
    task: ReadTask<P>,
    params: P,
    answer: AnswerOptions,
    reply?: FastifyReply,
  ): Promise<PoolResult> => {
    const run = runs.get(task.name) as PostgresRun<P> | undefined;
    if (!run) {
      const route = reply ? `${reply.request.method} ${reply.request.routeOptions.url} (` : '';
      throw problems.notOnPostgres(`${route}the read ${task.name}${reply ? ')' : ''}`);
    }
    const after = laterLsn(clientLsn(reply, options.recent), options.after?.());
    const render = { ...(answer.fields ? { fields: answer.fields } : {}), checkResponses };
    let timer: NodeJS.Timeout | undefined;
    const budget = new Promise<PoolResult>((resolve) => {
      timer = setTimeout(() => resolve({ tag: 'timeout' }), timeoutMs);
    });
    const reading = servers
      .read((client) => renderPostgresRead(task, guarded(task.name, run), client, params, render), {
        after,
        timeoutMs,
        name: shapeOf(task.name, params),
      })
      .catch((error: unknown): PoolResult => {
        if (!isUnavailable(error)) throw error;
        log.error({ err: error, task: task.name }, 'PostgreSQL does not answer');
        throw unavailable();
      });
    try {
      return await Promise.race([reading, budget]);
    } finally {
      clearTimeout(timer);
      // What the budget cut short still settles; its failure is the budget's 503 already.
      reading.catch(() => {});
    }
  };

  return {
    pooled: false,
    async answer(reply, task, params, answer = {}) {
      const result = await read(task, params, answer, reply);
      return sendAnswer(reply, result, task as ReadTask<never>, params, answer, timeoutMs);
    },
    async text(task, params, answer = {}) {
      const result = await read(task, params, answer);
      return bodyOf(result, task as ReadTask<never>, params, answer, log, timeoutMs);
    },
    stats: () => null,
  };
}
