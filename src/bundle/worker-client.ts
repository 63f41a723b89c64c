/**
 * The main thread's side of import-worker.ts: one worker per app, started on the first import
 * and reused, fed a chunk at a time with at most a few chunks in flight, so that a large upload
 * is neither held in memory nor read faster than the import consumes it.
 */
import { Worker } from 'node:worker_threads';
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
 * Built, the worker is plain JavaScript. From sources (npm run dev, the tests) it must load
 * TypeScript: a worker does not inherit the parent's loader and on Node 20 ignores `--import` in
 * its execArgv, so a small bootstrap registers tsx in the worker, then imports the script.
 */
function startWorker(workerData: WorkerOptions): Worker {
  if (!FROM_SOURCES) return new Worker(WORKER_URL, { workerData });
  const tsx = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(WORKER_URL.href)}); })`;
  return new Worker(bootstrap, { eval: true, workerData });
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

/** Runs imports in a worker, one at a time (callers queue them: SQLite has one writer). */
export function createImportRunner(databasePath: string) {
  let worker: Worker | undefined;
  /** What the current import listens to; the worker's messages go to it. */
  let listener: ((message: FromWorker) => void) | undefined;
  let failWorker: ((error: Error) => void) | undefined;

  const workerFor = (): Worker => {
    if (worker) return worker;
    const started = startWorker({ databasePath });
    started.on('message', (message: FromWorker) => listener?.(message));
    started.on('error', (error) => failWorker?.(error));
    started.on('exit', (code) => {
      worker = undefined;
      failWorker?.(new ImportWorkerError(`the import worker stopped (exit ${code})`));
    });
    worker = started;
    return started;
  };

  async function run(
    input: ImportInput,
    options: Omit<ImportRun, 'onProgress'>,
  ): Promise<ImportRecord> {
    const current = workerFor();
    // Between imports an idle worker must not keep the process alive; during one it must.
    current.ref();
    const send = (message: ToWorker) => current.postMessage(message);
    let acked = 0;
    let stopped = false;
    let wakeSender: (() => void) | undefined;
    const finished = new Promise<ImportRecord>((resolve, reject) => {
      listener = (message) => {
        if (message.type === 'ack') {
          acked += 1;
          wakeSender?.();
        } else if (message.type === 'done') resolve(message.record);
        else reject(new ImportWorkerError(message.message, message.code));
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
        send({ type: 'bundle', bundle: input.bundle });
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
      const [, record] = await Promise.all([feed(), finished]);
      return record;
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
