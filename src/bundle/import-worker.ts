/**
 * Runs imports in a worker thread, one after another, on the worker's own database connection:
 * reading, checking and the write transaction all happen here, so the main thread keeps
 * answering reads (WAL lets them see the last committed state) however long an import takes.
 * Each import arrives as messages: `start`, then the parsed bundle or the stream's chunks (each
 * acknowledged when read, so the sender keeps pace) and `end`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../db/database.js';
import type { ImportFormat } from '../domain/bundle-formats.js';
import type { CsvKind } from './readers.js';
import type { ImportRecord } from './report.js';
import { type ImportInput, type ImportRun, runImport } from './run.js';

export interface WorkerOptions {
  databasePath: string;
}

export type ToWorker =
  | {
      type: 'start';
      format: ImportFormat;
      kind?: CsvKind;
      run: Omit<ImportRun, 'onProgress'>;
    }
  | { type: 'bundle'; bundle: unknown }
  | { type: 'chunk'; chunk: Uint8Array }
  | { type: 'end' };

export type FromWorker =
  | { type: 'ack' }
  | { type: 'done'; record: ImportRecord }
  | { type: 'failed'; message: string; code?: string };

const port = parentPort;
if (!port) throw new Error('import-worker runs as a worker thread');
const db = openDatabase((workerData as WorkerOptions).databasePath);

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

async function bundle(): Promise<unknown> {
  for (;;) {
    const message = await next();
    if (message.type === 'bundle') return message.bundle;
  }
}

for (;;) {
  const start = await next();
  if (start.type !== 'start') continue;
  try {
    let input: ImportInput;
    if (start.format === 'json') input = { format: 'json', bundle: await bundle() };
    else if (start.format === 'ndjson') input = { format: 'ndjson', stream: chunks() };
    else input = { format: 'csv', kind: start.kind as CsvKind, stream: chunks() };
    const record = await runImport(db, input, start.run);
    port.postMessage({ type: 'done', record } satisfies FromWorker);
  } catch (error) {
    const failure = error as Error & { code?: string };
    port.postMessage({
      type: 'failed',
      message: failure.message,
      code: failure.code,
    } satisfies FromWorker);
  }
}
