/**
 * Where the read worker is, and how to load it. Built (npm start), it is dist's worker.js, which
 * Node loads as it is. From sources (the tests, npm run dev), a worker neither inherits the
 * parent's loader nor can load .ts by itself, and `--import tsx` in its execArgv only gives it
 * tsx's CommonJS hook; so tsx-worker.mjs registers tsx's ESM loader in the thread and imports
 * worker.ts (workerData.entry).
 */
import type { ReadWorkerData } from './worker.js';

const FROM_SOURCES = import.meta.url.endsWith('.ts');

export function readWorker(data: ReadWorkerData): {
  filename: string;
  workerData: ReadWorkerData & { entry?: string };
} {
  if (!FROM_SOURCES)
    return { filename: new URL('./worker.js', import.meta.url).href, workerData: data };
  return {
    filename: new URL('./tsx-worker.mjs', import.meta.url).href,
    workerData: { ...data, entry: new URL('./worker.ts', import.meta.url).href },
  };
}
