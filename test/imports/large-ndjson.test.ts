/**
 * 100,000 records streamed through HTTP into a listening server in this process: the body is
 * generated lazily and sent chunked, and the process's RSS is sampled from a worker thread (so
 * samples keep coming while the import's synchronous write blocks the main thread).
 */
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Worker } from 'node:worker_threads';
import t from 'tap';
import { runSql } from '../data.js';
import { buildImportApp, counts, KEY } from './imports-helper.js';

const RECORDS = 100_000;
/**
 * Measured here (Node 20, a shared Linux box): the peak RSS grew 75 to 140 MB over the baseline
 * (the staging and the write are bounded; the rest is GC timing), and the import took 55 to 92 s
 * (by load), most of it in the write phase. The bound leaves twice the worst measured growth.
 */
const MAX_RSS_GROWTH_MB = 300;

const idOf = (n: number) => `p-${String(n).padStart(6, '0')}`;

/**
 * The places as NDJSON, a batch of lines at a time. Every tenth refers to a parent seven lines
 * further on (defined later in the stream), every tenth and fifth to a seeded place.
 */
function* places(): Generator<string> {
  const batch: string[] = [];
  for (let n = 1; n <= RECORDS; n += 1) {
    const parent = n % 10 === 0 && n + 7 <= RECORDS ? idOf(n + 7) : n % 10 === 5 ? 'dprk' : null;
    const record = { id: idOf(n), name: `Generated place ${n}`, type: 'village', parent };
    batch.push(`${JSON.stringify({ kind: 'places', record })}\n`);
    if (batch.length === 500) yield batch.splice(0).join('');
  }
  if (batch.length > 0) yield batch.join('');
}

/** Samples process RSS every 10 ms on its own thread; `stop()` returns the peak in bytes. */
function rssSampler() {
  const worker = new Worker(
    `const { parentPort } = require('node:worker_threads');
     let peak = process.memoryUsage.rss();
     const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage.rss()); }, 10);
     parentPort.on('message', () => { clearInterval(timer); parentPort.postMessage(peak); });`,
    { eval: true },
  );
  return {
    stop: () =>
      new Promise<number>((resolve) => {
        worker.once('message', (peak: number) => {
          void worker.terminate();
          resolve(peak);
        });
        worker.postMessage('stop');
      }),
  };
}

/** POSTs the generated stream with chunked transfer and returns the status and parsed body. */
function postStream(port: number, body: Readable) {
  return new Promise<{ status: number; json: any }>((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/v1/imports',
        headers: {
          'content-type': 'application/x-ndjson',
          authorization: `Bearer ${KEY.secret}`,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            json: JSON.parse(Buffer.concat(chunks).toString('utf8')),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    pipeline(body, req).catch(reject);
  });
}

// The file's timeout, for the runner too (the package's default is 120 s).
t.setTimeout(240_000);

t.test('an NDJSON import of 100,000 records streams in bounded memory', async (t) => {
  const app = await buildImportApp(t);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;

  const baseline = process.memoryUsage.rss();
  const sampler = rssSampler();
  const started = performance.now();
  const { status, json } = await postStream(port, Readable.from(places()));
  const seconds = (performance.now() - started) / 1000;
  const peak = await sampler.stop();
  const growthMb = (peak - baseline) / 2 ** 20;
  t.comment(`${RECORDS} records in ${seconds.toFixed(1)} s; peak RSS +${growthMb.toFixed(0)} MB`);

  t.equal(status, 201, 'the import is 201');
  t.same(json.report?.counts.places, counts(RECORDS, 0, 0, 0), '100,000 places created');
  t.same(json.report?.rejections, [], 'nothing rejected');
  t.ok(
    growthMb < MAX_RSS_GROWTH_MB,
    `peak RSS grew ${growthMb.toFixed(0)} MB, under ${MAX_RSS_GROWTH_MB} MB`,
  );

  const early = await app.inject('/v1/places/p-000010');
  t.equal(early.statusCode, 200, 'GET /v1/places/p-000010 is 200');
  t.equal(early.json().parent?.id, 'p-000017', 'its parent came seven lines later');
  const seeded = await app.inject('/v1/places/p-099995');
  t.equal(seeded.json().parent?.id, 'dprk', 'p-099995 is inside a seeded place');
  const last = await app.inject('/v1/places/p-100000');
  t.equal(last.json().name, 'Generated place 100000', 'the last line is there');
  // Cast: PostgreSQL counts in bigint, which pg hands back as text.
  const [total] = await runSql(
    app,
    'select cast(count(*) as integer) as n from places where id like ?',
    'p-%',
  );
  t.same(total, { n: RECORDS }, 'the database holds all 100,000');
});
