/**
 * Runs imports in a worker thread, one after another, on the worker's own database connection:
 * reading, checking and the write transaction all happen here, so the main thread keeps
 * answering reads (WAL lets them see the last committed state) however long an import takes.
 * Each import arrives as messages: `start`, then a JSON bundle's raw bytes or the stream's chunks
 * (each acknowledged when read, so the sender keeps pace) and `end`. A JSON bundle is parsed here,
 * not on the main thread: a 64 MiB parse holds its thread for seconds and its heap for hundreds of
 * MiB, and the parsed tree would then be cloned to come here, which costs as much again.
 *
 * On PostgreSQL the same: the worker holds one connection of its own to the primary (beside the
 * app's pool) and runs importIntoPostgres, whose parsing, checking and staging are as much CPU as
 * SQLite's import.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../db/database.js';
import type { ImportFormat } from '../domain/bundle-formats.js';
import { ApiProblem, type FieldError } from '../http/errors.js';
import { parseJson } from '../http/limits.js';
import type { CsvKind } from './readers.js';
import type { ImportRecord } from './report.js';
import { type ImportInput, type ImportRun, runImport } from './run.js';

/** The database imports go into: a SQLite file, or a PostgreSQL primary by its URL. */
export type WorkerOptions = { databasePath: string } | { postgresUrl: string };

export type ToWorker =
  | {
      type: 'start';
      format: ImportFormat;
      kind?: CsvKind;
      run: Omit<ImportRun, 'onProgress'>;
    }
  /** A JSON bundle's body as it came, its memory transferred here when it can be. */
  | { type: 'body'; body: Uint8Array }
  | { type: 'chunk'; chunk: Uint8Array }
  | { type: 'end' };

/** What makes an ApiProblem, to make it again on the main thread (an Error loses its class). */
export interface ProblemFields {
  status: number;
  slug: string;
  title: string;
  detail?: string;
  errors?: FieldError[];
}

export type FromWorker =
  | { type: 'ack' }
  /** With `lsn` on PostgreSQL: the primary's WAL position after the import's commit. */
  | { type: 'done'; record: ImportRecord; lsn?: string }
  /** The body is not JSON the app takes (empty, nested too deep, not JSON, `__proto__`). */
  | { type: 'refused'; problem: ProblemFields }
  | { type: 'failed'; message: string; code?: string };

const port = parentPort;
if (!port) throw new Error('import-worker runs as a worker thread');

type Importer = (
  input: ImportInput,
  run: ImportRun,
) => Promise<{ record: ImportRecord; lsn?: string }>;

/** SQLite's import on this thread's own connection. */
function sqliteImporter(path: string): Importer {
  const db = openDatabase(path);
  return async (input, run) => ({ record: await runImport(db, input, run) });
}

/**
 * PostgreSQL's, on one connection of this thread's own; loaded only on PostgreSQL. The WAL
 * position after the import's commit goes back to the client, as a single write's does, so that
 * its next reads see the import from any replica (src/db/read-your-writes.ts): every import
 * commits something, its line of the import log if nothing else.
 */
async function postgresImporter(url: string): Promise<Importer> {
  const [{ postgresPool }, { importIntoPostgres }] = await Promise.all([
    import('../db/pg-pool.js'),
    import('./postgres/import.js'),
  ]);
  const pool = postgresPool({ connectionString: url, max: 1 });
  return async (input, run) => {
    const record = await importIntoPostgres(pool, input, run);
    const { rows } = await pool.query<{ lsn: string }>('select pg_current_wal_lsn()::text as lsn');
    return { record, lsn: rows[0]?.lsn };
  };
}

const options = workerData as WorkerOptions;
// Not awaited here: the messages must be listened to from the start. A failure to load is each
// import's failure (awaited in the loop below), not an unhandled rejection ending the worker.
const importer: Promise<Importer> =
  'postgresUrl' in options
    ? postgresImporter(options.postgresUrl)
    : Promise.resolve(sqliteImporter(options.databasePath));
importer.catch(() => {});

/** Messages as an async queue: the next one, whenever it comes. */
const inbox: ToWorker[] = [];
let wake: (() => void) | undefined;
port.on('message', (message: ToWorker) => {
  inbox.push(message);
  wake?.();
});
async function next(): Promise<ToWorker> {
  while (inbox.length === 0) await new Promise<void>((resolve) => (wake = resolve));
  return inbox.shift() as ToWorker;
}

/** The stream's chunks until `end`, acknowledging each as the import reads it. */
async function* chunks(): AsyncGenerator<Buffer> {
  for (;;) {
    const message = await next();
    if (message.type === 'end') return;
    if (message.type !== 'chunk') continue;
    yield Buffer.from(message.chunk);
    port?.postMessage({ type: 'ack' } satisfies FromWorker);
  }
}

async function body(): Promise<Uint8Array> {
  for (;;) {
    const message = await next();
    if (message.type === 'body') return message.body;
  }
}

/** The app's JSON body parser (src/http/limits.ts), run here: the same checks, the same problems. */
function parseBundle(bytes: Uint8Array): unknown {
  let parsed: { error: Error | null; value?: unknown } | undefined;
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The parser takes Fastify's request and never reads it.
  parseJson(undefined as never, text, (error, value) => {
    parsed = { error, value };
  });
  if (!parsed || parsed.error) throw parsed?.error ?? new Error('the JSON parser did not answer');
  return parsed.value;
}

for (;;) {
  const start = await next();
  if (start.type !== 'start') continue;
  try {
    let input: ImportInput;
    if (start.format === 'json') input = { format: 'json', bundle: parseBundle(await body()) };
    else if (start.format === 'ndjson') input = { format: 'ndjson', stream: chunks() };
    else input = { format: 'csv', kind: start.kind as CsvKind, stream: chunks() };
    const { record, lsn } = await (await importer)(input, start.run);
    port.postMessage({ type: 'done', record, ...(lsn ? { lsn } : {}) } satisfies FromWorker);
  } catch (error) {
    if (error instanceof ApiProblem) {
      const { status, slug, title, detail, errors } = error;
      port.postMessage({
        type: 'refused',
        problem: { status, slug, title, detail, errors },
      } satisfies FromWorker);
      continue;
    }
    const failure = error as Error & { code?: string };
    port.postMessage({
      type: 'failed',
      message: failure.message,
      code: failure.code,
    } satisfies FromWorker);
  }
}
