/**
 * A read task: a named, pure function of a connection and plain parameters, with the zod schema
 * of its answer. Routes hand a task and its parameters to `app.reads` (plugin.ts) instead of a
 * closure over the main connection, so the same code runs inline (READ_WORKERS=0) or in a read
 * worker (src/reads/worker.ts), which finds the task by name in src/reads/registry.ts.
 *
 * `renderRead` is what a worker does with a task: run it in one read transaction, then build the
 * JSON text (trimmed by `fields=`, or through the schema's compiled serializer, as the main
 * thread would) and tag the outcome, since an error crossing threads loses its class.
 */
import type { z } from 'zod';
import type { Db } from '../../db/database.js';
import type { FieldError } from '../errors.js';
import { compiledFor } from '../stringify.js';

export interface ReadTask<P = unknown, R = unknown> {
  /** Unique: how the worker finds the task (`events.list`). */
  readonly name: string;
  /** The answer's schema (the route's 200 response). */
  readonly schema: z.ZodType;
  /** The answer, or null when the item asked for does not exist. */
  readonly run: (db: Db, params: P) => R | null;
  /**
   * The answer's text, when it is not the schema's JSON: an export slice is already text, which
   * the JSON of a string would escape on one side and parse back on the other. (A method, so
   * that a task fits wherever one of any answer type is expected.)
   */
  render?(data: R): string;
}

/** What an item's or a view's task is given: the id in the path and the query string. */
export interface ItemParams<Query = unknown> {
  id: string;
  query: Query;
}

export function readTask<P, R>(
  name: string,
  schema: z.ZodType,
  run: (db: Db, params: P) => R | null,
  render?: (data: R) => string,
): ReadTask<P, R> {
  return render ? { name, schema, run, render } : { name, schema, run };
}

/**
 * The list and item tasks of a resource whose repository (made once per connection) answers
 * `list(query)` and `get(id)`: named `<kind>.list` and `<kind>.get`.
 */
export function resourceReads<Query, Page, Item>(
  kind: string,
  repository: (db: Db) => { list(query: Query): Page; get(id: string): Item | null },
  page: z.ZodType,
  item: z.ZodType,
) {
  return {
    list: readTask(`${kind}.list`, page, (db, query: Query) => repository(db).list(query)),
    get: readTask(`${kind}.get`, item, (db, { id }: ItemParams) => repository(db).get(id)),
  };
}

/**
 * An answer whose JSON text is already made (by SQLite's JSON functions, src/kinds/events/item.ts),
 * sent as it is: no JSON.parse, no serializer. The text must be what the schema's serializer
 * would write for it; with `checkResponses` (the tests) renderBody checks exactly that.
 */
export class JsonText {
  constructor(readonly text: string) {}
}

/** The fields of a problem (ApiProblem's), which cross the thread boundary as plain data. */
interface ProblemFields {
  status: number;
  slug: string;
  title: string;
  detail?: string;
  errors?: FieldError[];
  retryAfter?: number;
}

/**
 * What the headers of a page answer need (`Link: rel="next"`, `X-Total-Count`), taken from the
 * answer where it is built (in a worker too) and sent beside its text, so that the main thread
 * never parses a body to find them.
 */
export interface PageMeta {
  next: string | null;
  total?: number;
}

/** The page facts of an answer: any answer with a `next_cursor` is a page (lists and views). */
export function pageMetaOf(data: unknown): PageMeta | undefined {
  if (typeof data !== 'object' || data === null || !('next_cursor' in data)) return undefined;
  const { next_cursor: next, total } = data as { next_cursor: unknown; total?: unknown };
  return {
    next: typeof next === 'string' ? next : null,
    ...(typeof total === 'number' ? { total } : {}),
  };
}

/** What a read sends back across the thread boundary: plain data only. */
export type ReadResult =
  | { tag: 'ok'; body: string; page?: PageMeta }
  | { tag: 'none' }
  | ({ tag: 'problem' } & ProblemFields)
  | { tag: 'error'; message: string; stack?: string; code?: string };

export interface RenderOptions {
  /** `fields=`: the answer is a page whose items keep only these (and `id`). */
  fields?: readonly string[];
  /** Check the answer against its schema first (the tests), as the serializer compiler does. */
  checkResponses?: boolean;
}

/** A page with each item trimmed to `fields` (`id` always kept). */
export function trimPage<T extends { data: { id: string }[] }>(
  page: T,
  fields: readonly string[],
): T {
  const keep = new Set(['id', ...fields]);
  return {
    ...page,
    data: page.data.map((item) =>
      Object.fromEntries(Object.entries(item).filter(([key]) => keep.has(key))),
    ),
  };
}

const isProblem = (error: unknown): error is Error & ProblemFields =>
  error instanceof Error &&
  typeof (error as Partial<ProblemFields>).status === 'number' &&
  typeof (error as Partial<ProblemFields>).slug === 'string';

/** The SQLite result code of an error, looking through the errors that wrap it (Drizzle's). */
function sqliteCodeOf(error: unknown): string | undefined {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth += 1) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('SQLITE_')) return code;
  }
  return undefined;
}

/** An error as a tagged result: problems keep their fields, SQLite errors their code. */
export function errorResult(error: unknown): ReadResult {
  if (isProblem(error)) {
    return {
      tag: 'problem',
      status: error.status,
      slug: error.slug,
      title: error.title,
      ...(error.detail === undefined ? {} : { detail: error.detail }),
      ...(error.errors === undefined ? {} : { errors: error.errors }),
      ...(error.retryAfter === undefined ? {} : { retryAfter: error.retryAfter }),
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  const stack = error instanceof Error ? error.stack : undefined;
  const code = sqliteCodeOf(error);
  return { tag: 'error', message, ...(stack ? { stack } : {}), ...(code ? { code } : {}) };
}

/**
 * The text of a task's answer: its own rendering, the page trimmed by `fields=`, or the schema's
 * compiled serializer, as the main thread's would make it. The one place an answer's bytes are
 * made, so that its ETag is the same inline, in a worker and when a write computes it.
 */
export function renderBody<P>(task: ReadTask<P>, data: unknown, options: RenderOptions = {}) {
  if (task.render) return task.render(data);
  if (data instanceof JsonText) {
    if (options.checkResponses) checkJsonText(task, data.text);
    return data.text;
  }
  if (options.fields) {
    return JSON.stringify(trimPage(data as { data: { id: string }[] }, options.fields));
  }
  if (options.checkResponses) {
    const checked = task.schema.safeEncode(data);
    if (!checked.success) {
      throw new Error(
        `${task.name}: the answer does not match its schema: ${checked.error.message}`,
      );
    }
  }
  const stringify = compiledFor(task.schema);
  return stringify ? stringify(data) : JSON.stringify(task.schema.encode(data));
}

/**
 * A made text is the answer the schema's serializer writes for what it says: valid by the
 * schema, and the same bytes (key order, escapes, omitted keys).
 */
function checkJsonText(task: ReadTask<never>, text: string): void {
  const data = JSON.parse(text) as unknown;
  const checked = task.schema.safeEncode(data);
  if (!checked.success) {
    throw new Error(`${task.name}: the answer does not match its schema: ${checked.error.message}`);
  }
  const serialized = renderBody(task, data);
  if (serialized !== text) {
    let at = 0;
    while (at < text.length && text[at] === serialized[at]) at += 1;
    throw new Error(
      `${task.name}: the made text differs from the serializer's at ${at}: ${JSON.stringify(text.slice(at, at + 60))} against ${JSON.stringify(serialized.slice(at, at + 60))}`,
    );
  }
}

/**
 * What a read gives back, from the data its run found: none (null), or the answer's text and
 * page facts. The one ending of a read on either backend (renderRead here, SQLite;
 * renderPostgresRead, PostgreSQL), so that both send the same bytes for the same data.
 */
export function resultOf<P>(task: ReadTask<P>, data: unknown, options: RenderOptions): ReadResult {
  if (data === null || data === undefined) return { tag: 'none' };
  const body = renderBody(task, data, options);
  const page = pageMetaOf(data);
  return page ? { tag: 'ok', body, page } : { tag: 'ok', body };
}

/**
 * Runs a task in one read transaction (an item's several queries see one snapshot; nothing stays
 * open between tasks) and renders its JSON text.
 */
export function renderRead<P>(
  task: ReadTask<P>,
  db: Db,
  params: P,
  options: RenderOptions = {},
): ReadResult {
  const client = db.$client;
  let data: unknown;
  try {
    client.exec('begin');
    try {
      data = task.run(db, params);
    } finally {
      client.exec('commit');
    }
    return resultOf(task, data, options);
  } catch (error) {
    return errorResult(error);
  }
}
