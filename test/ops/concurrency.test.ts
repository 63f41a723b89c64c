/**
 * Imports while reads run: the real server, four clients reading as fast as they are answered
 * for the whole of a 50,000-record NDJSON import and a second import queued behind it, and a
 * few single writes sent meanwhile. Every read must be a 200, no answer a 5xx, nothing anywhere
 * a lock conflict (SQLITE_BUSY; on PostgreSQL a deadlock or a serialization failure); the reads'
 * latencies are reported, over all and while a write transaction ran (on SQLite the file's write
 * lock held, on PostgreSQL the import's lock).
 */
import { join } from 'node:path';
import t from 'tap';
import { ON_POSTGRES, tempDir } from '../helper.js';
import {
  type Answer,
  get,
  importWriteProbe,
  KEY,
  keepAlive,
  places,
  postNdjson,
  sleep,
  startServer,
  storedPlaces,
} from './server-process.js';

const FIRST = 50_000;
const SECOND = 10_000;
const READERS = 4;

/** Seeded records and searches, so that every read has an answer to give: 200 and nothing else. */
const READS = [
  '/v1/events?limit=20',
  '/v1/events?from=2023-07-25&to=2023-07-27',
  '/v1/events/kim-jong-un-wreath-laying-cpv-cemetery',
  '/v1/places/pyongyang/events',
  '/v1/statements?limit=20',
  '/v1/search?q=wreath',
  '/v1/search?q=Mao',
  '/v1/people/kim-jong-un',
  '/v1/places?limit=100',
];

/** What a write meeting another's lock would say: each backend's words for it. */
const BUSY = ON_POSTGRES
  ? /deadlock detected|could not serialize access|lock timeout|canceling statement/i
  : /SQLITE_BUSY|database is locked/i;

interface Read extends Answer {
  url: string;
  at: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** PUTs a place with KEY; the answer's status and body. */
async function putPlace(baseUrl: string, id: string): Promise<Answer> {
  const started = performance.now();
  const res = await fetch(`${baseUrl}/v1/places/${id}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${KEY.secret}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      id,
      name: `Written during an import ${id}`,
      type: 'town',
      parent: 'dprk',
    }),
  });
  return { status: res.status, body: await res.text(), ms: performance.now() - started };
}

// The file's timeout, for the runner too (the package's default is 120 s): a loaded machine
// can take three times as long as an idle one.
t.setTimeout(240_000);

t.test(
  'reads and writes go on while imports run, without a failure or a lock conflict',
  async (t) => {
    const path = join(tempDir(t), 'annals.db');
    const server = await startServer(t, path);
    const agent = keepAlive(t, READERS);
    const probe = await importWriteProbe(server, path);
    t.teardown(() => probe.close());

    const reads: Read[] = [];
    const errors: string[] = [];
    let running = true;
    const reader = async (n: number) => {
      for (let i = n; running; i += 1) {
        const url = READS[i % READS.length] as string;
        const at = performance.now();
        try {
          reads.push({ url, at, ...(await get(`${server.url}${url}`, agent, 60_000)) });
        } catch (error) {
          errors.push(`${url}: ${(error as Error).message}`);
        }
      }
    };
    // The write transactions, as seen from outside, to tell which reads ran during one.
    const windows: [number, number][] = [];
    let writingSince: number | undefined;
    const watcher = async () => {
      while (running) {
        const now = performance.now();
        const writing = await probe.writing();
        if (writing && writingSince === undefined) writingSince = now;
        if (!writing && writingSince !== undefined) {
          windows.push([writingSince, now]);
          writingSince = undefined;
        }
        await sleep(10);
      }
    };
    const loops = [watcher(), ...Array.from({ length: READERS }, (_, n) => reader(n))];
    const stop = async () => {
      running = false;
      await Promise.all(loops);
    };
    t.teardown(stop);

    await sleep(500);
    const started = performance.now();
    const first = postNdjson(server.url, places('first', FIRST));
    await sleep(100);
    const second = postNdjson(server.url, places('second', SECOND));
    let settled = false;
    const answers = Promise.all([first.answer, second.answer]).finally(() => (settled = true));
    // Single writes in the middle of the first write transaction: queued behind the imports
    // rather than meeting SQLITE_BUSY.
    while (writingSince === undefined && !settled) await sleep(10);
    // Else the probe saw no write transaction, and nothing below was checked during one.
    t.ok(writingSince !== undefined, 'the PUTs are sent while an import writes');
    const writes = await Promise.all(
      ['written-1', 'written-2'].map((id) => putPlace(server.url, id)),
    );
    const [one, two] = await answers;
    const seconds = (performance.now() - started) / 1000;
    await stop();

    for (const [name, answer, count] of [
      ['the first', one, FIRST],
      ['the second', two, SECOND],
    ] as const) {
      t.equal(
        'status' in answer ? answer.status : answer.error.message,
        201,
        `${name} import is 201`,
      );
      const body = 'body' in answer ? JSON.parse(answer.body) : {};
      t.equal(body.report?.counts.places.created, count, `${name} import created ${count} places`);
    }
    const [a, b] = [one, two].map((answer) => ('body' in answer ? JSON.parse(answer.body) : {}));
    t.ok(b.started_at >= a.finished_at, 'the second import ran after the first had finished');
    for (const write of writes) {
      t.equal(write.status, 201, `a PUT during an import is 201 (after ${write.ms.toFixed(0)} ms)`);
    }

    t.same(errors, [], 'no read failed to get an answer');
    const failed = reads.filter((read) => read.status !== 200);
    t.same(
      failed.slice(0, 5).map((read) => `${read.url}: ${read.status} ${read.body.slice(0, 200)}`),
      [],
      `every read is 200 (${failed.length} of ${reads.length} were not)`,
    );
    t.equal(reads.filter((read) => read.status >= 500).length, 0, 'no read is a 5xx');
    t.notOk(
      [...reads, ...writes].some((answer) => BUSY.test(answer.body)),
      'no answer mentions a lock conflict',
    );
    t.notMatch(server.log(), BUSY, 'the server log does not mention a lock conflict');
    t.same(
      server
        .log()
        .split('\n')
        .filter((line) => /"level":(50|60)/.test(line))
        .slice(0, 3),
      [],
      'the server logged no error',
    );

    t.equal(
      await storedPlaces(server, path, 'first'),
      FIRST,
      'the database holds the first import',
    );

    const latencies = reads.map((read) => read.ms).sort((x, y) => x - y);
    const during = reads
      .filter((read) => windows.some(([from, to]) => read.at < to && read.at + read.ms > from))
      .map((read) => read.ms)
      .sort((x, y) => x - y);
    const writeSeconds = windows.reduce((sum, [from, to]) => sum + (to - from), 0) / 1000;
    t.comment(
      `${reads.length} reads by ${READERS} clients in ${seconds.toFixed(1)} s of imports (${FIRST} + ${SECOND} places; write transactions ${writeSeconds.toFixed(1)} s in all)`,
    );
    t.comment(
      `read latency: p50 ${percentile(latencies, 50).toFixed(0)} ms, p99 ${percentile(latencies, 99).toFixed(0)} ms, max ${percentile(latencies, 100).toFixed(0)} ms`,
    );
    t.comment(
      `during write transactions: ${during.length} reads, p99 ${percentile(during, 99).toFixed(0)} ms, max ${percentile(during, 100).toFixed(0)} ms`,
    );
    await server.stop('SIGTERM');
  },
);
