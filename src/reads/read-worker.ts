/** Where the read worker (worker.ts) is, and its data: see worker-url.ts. */

import type { ReadWorkerData } from './worker.js';
import { piscinaWorker } from './worker-url.js';

export const readWorker = (data: ReadWorkerData) => piscinaWorker(import.meta.url, 'worker', data);
