/**
 * The main thread's side of import-worker.ts: one worker per app, started on the first import
 * and reused, fed a chunk at a time with at most a few chunks in flight, so that a large upload
 * is neither held in memory nor read faster than the import consumes it. A JSON bundle goes over
 * as the bytes of its body, to be parsed in the worker.
 */
import { Worker } from 'node:worker_threads';
import { ApiProblem, problems } from '../http/errors.js';
import type { FromWorker, ToWorker, WorkerOptions } from './import-worker.js';
import type { ImportRecord } from './report.js';
import type { ImportInput, ImportRun } from './run.js';

/** Chunks sent and not yet read by the worker: enough to keep it busy, few enough to bound memory. */
const IN_FLIGHT = 8;

const FROM_SOURCES = import.meta.url.endsWith('.ts');
const WORKER_URL = new URL(
  FROM_SOURCES ? './import-worker.ts' : './import-worker.js',
  import.meta.url,
);

/**
 * At most 1 GiB of old generation (V8's default is ~4 GiB here): V8 grows a heap under 1 GiB by a
 * smaller factor between collections (src/http/reads/pool.ts says more), and a JSON bundle at the
 * 64 MiB limit still fits (test/ops/start-limits.test.ts). The bench's 100k file posted to a
 * fresh server (alternating): peak RSS 356-382 MB against 384-425, in 46.9-47.3 s against
 * 46.6-48.7. A `--max-old-space-size` in NODE_OPTIONS overrides it (the small-container recipe).
 *
 * And 8 MB of young generation, as the read workers have (V8's default lets it grow to 48): an
 * import's garbage is a chunk's records, dead once staged. The same file to a fresh server, six
 * rounds alternating: peak RSS 294-327 MB (four of six at 294-295) against 330-359, in 44.2-50.7 s
 * against 44.0-47.1 (means 303 against 353 MB, 47.9 against 45.1 s: ~6% of the time for 50 MB).
 * With the bench's four item readers beside it the server still peaks at 332-340 MB, over issue
 * 12's 300. 16 MB: 333-342 MB in 48.9-49.9 s; 4 MB: 295-316 MB in 49.9-51.1 s.
 */
const RESOURCE_LIMITS = { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 1024 };

/**
 * Built, the worker is plain JavaScript. From sources (npm run dev, the tests) it must load
 * TypeScript: a worker does not inherit the parent's loader and on Node 20 ignores `--import` in
 * its execArgv, so a small bootstrap registers tsx in the worker, then imports the script.
 */
function startWorker(workerData: WorkerOptions): Worker {
  if (!FROM_SOURCES) return new Worker(WORKER_URL, { workerData, resourceLimits: RESOURCE_LIMITS });
  const tsx = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(WORKER_URL.href)}); })`;
  return new Worker(bootstrap, { eval: true, workerData, resourceLimits: RESOURCE_LIMITS });
}

/** A failure inside the worker, with SQLite's code kept so it can be answered as such. */
export class ImportWorkerError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

/** An import as a route has it: a JSON bundle still as the bytes of its body, or a stream. */
export type ImportBody =
  | Exclude<ImportInput, { format: 'json' }>
  | { format: 'json'; body: Uint8Array };

/**
 * The message carrying a body, and the memory to transfer with it: a body that owns its whole
 * ArrayBuffer (Fastify's, made by Buffer.concat) moves without a copy. A small one may share
 * Node's buffer pool with other buffers, so it is copied.
 */
function bodyMessage(body: Uint8Array): [ToWorker, ArrayBuffer[]] {
  const owned =
    body.buffer instanceof ArrayBuffer &&
    body.byteOffset === 0 &&
    body.byteLength === body.buffer.byteLength;
  return [{ type: 'body', body }, owned ? [body.buffer as ArrayBuffer] : []];
}

/**
 * A worker that ran out of heap is stopped by Node, and only it: the process and its other
 * clients go on, and the next import starts a new worker. What was too big for the heap was a
 * JSON bundle (NDJSON and CSV are read a record at a time), so the client is told to stream.
 */
function asProblem(error: Error & { code?: string }): Error {
  if (error.code !== 'ERR_WORKER_OUT_OF_MEMORY') return error;
  return problems.payloadTooLarge(
    'The import ran out of memory on this server, nothing was written: send the records as NDJSON (application/x-ndjson), which is read a record at a time.',
  );
}

/** An import's line of the log, and on PostgreSQL the WAL position after its commit. */
export interface ImportOutcome {
  record: ImportRecord;
  lsn?: string;
}

/**
 * Runs imports in a worker, one at a time (callers queue them: SQLite has one writer, and an
 * import into PostgreSQL holds its import lock), into the database `target` names.
 */
export function createImportRunner(target: WorkerOptions) {
  let worker: Worker | undefined;
  /** What the current import listens to; the worker's messages go to it. */
  let listener: ((message: FromWorker) => void) | undefined;
  let failWorker: ((error: Error) => void) | undefined;

  const workerFor = (): Worker => {
    if (worker) return worker;
    const started = startWorker(target);
    started.on('message', (message: FromWorker) => listener?.(message));
    started.on('error', (error) => failWorker?.(asProblem(error)));
    started.on('exit', (code) => {
      worker = undefined;
      failWorker?.(new ImportWorkerError(`the import worker stopped (exit ${code})`));
    });
    worker = started;
    return started;
  };

  async function run(
    input: ImportBody,
    options: Omit<ImportRun, 'onProgress'>,
  ): Promise<ImportOutcome> {
    const current = workerFor();
    // Between imports an idle worker must not keep the process alive; during one it must.
    current.ref();
    const send = (message: ToWorker, transfer: ArrayBuffer[] = []) =>
      current.postMessage(message, transfer);
    let acked = 0;
    let stopped = false;
    let wakeSender: (() => void) | undefined;
    const finished = new Promise<ImportOutcome>((resolve, reject) => {
      listener = (message) => {
        if (message.type === 'ack') {
          acked += 1;
          wakeSender?.();
        } else if (message.type === 'done') resolve({ record: message.record, lsn: message.lsn });
        else if (message.type === 'refused') {
          const { status, slug, title, detail, errors } = message.problem;
          reject(new ApiProblem(status, slug, title, detail, errors));
        } else reject(new ImportWorkerError(message.message, message.code));
      };
      failWorker = reject;
    }).finally(() => {
      stopped = true;
      wakeSender?.();
    });

    const feed = async () => {
      send({
        type: 'start',
        format: input.format,
        ...(input.format === 'csv' ? { kind: input.kind } : {}),
        run: options,
      });
      if (input.format === 'json') {
        send(...bodyMessage(input.body));
        return;
      }
      let sent = 0;
      try {
        for await (const chunk of input.stream) {
          while (sent - acked >= IN_FLIGHT && !stopped) {
            await new Promise<void>((resolve) => (wakeSender = resolve));
          }
          // The worker ended this import early (it failed): stop reading the upload.
          if (stopped) return;
          send({ type: 'chunk', chunk: typeof chunk === 'string' ? Buffer.from(chunk) : chunk });
          sent += 1;
        }
      } finally {
        // Even when the upload breaks off, the worker must leave this import behind.
        send({ type: 'end' });
      }
    };

    try {
      const [, outcome] = await Promise.all([feed(), finished]);
      return outcome;
    } finally {
      listener = undefined;
      failWorker = undefined;
      worker?.unref();
    }
  }

  return {
    run,
    async close(): Promise<void> {
      await worker?.terminate();
      worker = undefined;
    },
  };
}
