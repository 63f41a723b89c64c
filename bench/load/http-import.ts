/**
 * (b) POST /v1/imports with the file streamed as NDJSON to the built server (as `npm start` runs
 * it) on a fresh database file, while a few clients ask for event items in a loop: the import's
 * time, the server's CPU time and peak RSS (VmHWM), and the item reads' latencies.
 */
import { createReadStream } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { type ReadFigures, startItemReaders } from '../lib/item-readers.js';
import { API_ENV, cpuSecondsOf, memoryOf, SERVER_ARGS, startServer } from '../lib/processes.js';
import { freshDatabase } from './common.js';

const SECRET = 'bench-secret-0123456789abcdef';

/** POSTs the file as NDJSON; resolves with the status and the parsed answer. */
function postNdjson(url: string, file: string): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${url}/v1/imports`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${SECRET}` },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          body += chunk;
        });
        res.on('end', () => {
          let parsed: unknown = body;
          try {
            parsed = JSON.parse(body);
          } catch {}
          resolve({ status: res.statusCode ?? 0, body: parsed });
        });
      },
    );
    req.on('error', reject);
    createReadStream(file, { highWaterMark: 1 << 20 }).pipe(req);
  });
}

export interface HttpImportFigures {
  seconds: number;
  cpuSeconds: number;
  peakRssMb: number;
  status: number;
  totals: unknown;
  /** Event items asked for while the import ran; absent with no readers. */
  reads?: ReadFigures;
}

export async function httpImport(options: {
  file: string;
  database: string;
  logDir: string;
  /** Event ids the readers draw from, and how many readers. */
  readIds: string[];
  readers: number;
  /** What each reader waits between an answer and its next request. */
  readPauseMs: number;
}): Promise<HttpImportFigures> {
  const { file, database } = options;
  freshDatabase(database);
  const server = await startServer({
    args: SERVER_ARGS,
    env: { ...API_ENV, DATABASE_PATH: database, API_KEYS: `bench:${SECRET}` },
    logFile: join(options.logDir, 'http-import-server.log'),
  });
  try {
    const cpuBefore = cpuSecondsOf(server.pid);
    const readers =
      options.readers > 0
        ? startItemReaders(server.url, options.readIds, options.readers, options.readPauseMs)
        : undefined;
    await readers?.ready;
    const started = performance.now();
    const answer = await postNdjson(server.url, file);
    const seconds = (performance.now() - started) / 1000;
    const reads = await readers?.stop();
    const cpuSeconds = cpuSecondsOf(server.pid) - cpuBefore;
    const memory = memoryOf(server.pid);
    if (answer.status !== 201) {
      throw new Error(
        `HTTP import answered ${answer.status}: ${JSON.stringify(answer.body).slice(0, 500)}`,
      );
    }
    const report = (answer.body as { report?: { totals?: unknown } }).report;
    return {
      seconds,
      cpuSeconds,
      peakRssMb: memory.peakMb,
      status: answer.status,
      totals: report?.totals,
      ...(reads ? { reads } : {}),
    };
  } finally {
    await server.stop();
    freshDatabase(database);
  }
}
