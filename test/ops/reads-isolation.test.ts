/**
 * No request can starve the others (issue 11, item 2), checked by order, not by time, on
 * generated data whose export is about 8 MB, on either backend (on PostgreSQL the data is loaded
 * by its import, and reads run on the pool, not in workers):
 * - the real server (on SQLite with two read workers): item requests sent once an export and four
 *   `count=true` lists have started are all answered 200 before the export ends, and /health
 *   answers throughout; with the export read slowly, and read as fast as it comes (the case that
 *   starved items before: the whole export was written before any item was answered);
 * - a client that stops reading makes no more slices get rendered, and is let go after the idle
 *   time; a third export at once is answered 503 with Retry-After.
 */
import { type IncomingMessage, request } from 'node:http';
import { join } from 'node:path';
import pg from 'pg';
import t, { type Test } from 'tap';
import type { App } from '../../src/app.js';
import { exportChunks } from '../../src/bundle/export.js';
import { exportChunksPostgres } from '../../src/bundle/postgres/export.js';
import { openDatabase } from '../../src/db/database.js';
import { generatedBackend } from '../generated.js';
import { buildTestApp, tempDir } from '../helper.js';
import {
  type Answer,
  get,
  keepAlive,
  type ServerProcess,
  sleep,
  startServer,
} from './server-process.js';

// Generating the data takes about 10 s of CPU; a loaded machine can take three times as long.
t.setTimeout(300_000);

const EVENTS = 3000;
const COUNTS = ['events', 'statements', 'people', 'delegations'].map(
  (kind) => `/v1/${kind}?count=true&limit=1`,
);

/** The generated data: a SQLite file (`databasePath`), or a PostgreSQL database (`databaseUrl`). */
let generated: { databasePath?: string; databaseUrl?: string } = {};
t.before(async () => {
  generated = await generatedBackend(t, EVENTS);
});

/**
 * GETs a URL (or a path on a Unix socket); resolves with the response once its headers have
 * come, the body not yet read.
 */
function open(url: string | { socketPath: string; path: string }): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req =
      typeof url === 'string'
        ? request(url, { agent: false }, resolve)
        : request({ ...url, agent: false }, resolve);
    req.on('error', reject);
    req.end();
  });
}

interface Run {
  exported: number;
  items: { status: number; beforeEnd: boolean }[];
  counts: Answer[];
  health: number[];
}

/**
 * Reads an export (`slow`: one /health round trip after each chunk) and, once its first bytes
 * have come, sends the four counts and then the twenty items.
 */
async function exportWithItems(server: ServerProcess, ids: string[], slow: boolean): Promise<Run> {
  const agent = keepAlive(t, 32);
  const res = await open(`${server.url}/v1/export`);
  if (res.statusCode !== 200) throw new Error(`the export answered ${res.statusCode}`);
  let ended = false;
  let exported = 0;
  const health: number[] = [];
  let counts: Promise<Answer[]> | undefined;
  let items: Promise<Run['items']> | undefined;
  const checkHealth = async () => health.push((await get(`${server.url}/health`, agent)).status);
  const end = new Promise<void>((resolve, reject) => {
    res.on('data', (chunk: Buffer) => {
      exported += chunk.length;
      if (!items) {
        counts = Promise.all(COUNTS.map((url) => get(`${server.url}${url}`, agent)));
        items = Promise.all(
          ids.map(async (id) => {
            const answer = await get(`${server.url}/v1/events/${id}`, agent);
            return { status: answer.status, beforeEnd: !ended };
          }),
        );
      }
      if (slow) {
        res.pause();
        checkHealth().then(() => res.resume(), reject);
      }
    });
    res.on('end', () => {
      ended = true;
      resolve();
    });
    res.on('error', reject);
  });
  if (!slow) {
    // Asked one after the other for as long as the export runs.
    while (!ended) await checkHealth();
  }
  await end;
  return {
    exported,
    items: await (items as Promise<Run['items']>),
    counts: await (counts as Promise<Answer[]>),
    health,
  };
}

t.test('items and /health answer while an export and four counts run', async (t) => {
  const { databasePath, databaseUrl } = generated;
  const server = await startServer(t, databasePath ?? join(tempDir(t), 'never.db'), {
    seed: false,
    // Two workers load while the server starts: slow on a loaded machine.
    timeoutMs: 120_000,
    // No load shedding: a busy test machine can delay the event loop past its threshold by
    // itself. An export that held the loop would still fail the test: items answered late.
    // READ_WORKERS is SQLite's: on PostgreSQL reads run on the pool.
    env: {
      READ_WORKERS: '2',
      MAX_EVENT_LOOP_DELAY_MS: '0',
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    },
  });
  const page = JSON.parse((await get(`${server.url}/v1/events?limit=20`)).body);
  const ids = (page.data as { id: string }[]).map((event) => event.id);
  t.equal(ids.length, 20);

  for (const slow of [true, false]) {
    const run = await exportWithItems(server, ids, slow);
    const how = slow ? 'read slowly' : 'read as fast as it comes';
    t.ok(run.exported > 4_000_000, `the export (${how}) is ${run.exported} bytes`);
    t.same(
      run.items.map((item) => item.status),
      ids.map(() => 200),
      `${how}: every item answers 200`,
    );
    t.equal(
      run.items.filter((item) => item.beforeEnd).length,
      20,
      `${how}: every item answers before the export ends`,
    );
    t.same(
      run.counts.map((answer) => answer.status),
      [200, 200, 200, 200],
      `${how}: the counts answer 200`,
    );
    t.ok(run.health.length > 0, `${how}: /health was asked ${run.health.length} times`);
    t.ok(
      run.health.every((status) => status === 200),
      `${how}: /health answered 200 throughout`,
    );
  }
});

/** The export's whole text, as the CLI writes it, from the generated data's backend. */
async function wholeExport(format: 'json' | 'ndjson'): Promise<string> {
  const { databasePath, databaseUrl } = generated;
  if (databaseUrl) {
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
    try {
      let text = '';
      for await (const chunk of exportChunksPostgres(pool, { format })) text += chunk;
      return text;
    } finally {
      await pool.end();
    }
  }
  const db = openDatabase(databasePath as string);
  try {
    return [...exportChunks(db, { format })].join('');
  } finally {
    db.$client.close();
  }
}

/**
 * The app listening on a Unix socket: a loopback TCP connection holds megabytes unread (the
 * kernel grows its buffers), a Unix socket a few hundred KB, so a paused client is felt after a
 * few slices rather than most of the export.
 */
async function listening(t: Test, app: App): Promise<(path: string) => Promise<IncomingMessage>> {
  const socketPath = join(tempDir(t), 'annals.sock');
  await app.listen({ path: socketPath });
  return (path) => open({ socketPath, path });
}

/** Waits until the slices rendered stop changing, polled every 100 ms for 1 s. */
async function sliceCountAtRest(app: App): Promise<number> {
  let last = app.exports.stats().slices;
  for (let still = 0; still < 10; ) {
    await sleep(100);
    const now = app.exports.stats().slices;
    still = now === last ? still + 1 : 0;
    last = now;
  }
  return last;
}

/** Reads a response from now to its end (or its cut), with the chunks already read. */
function readRest(
  res: IncomingMessage,
  chunks: Buffer[] = [],
): Promise<{ text: string; complete: boolean }> {
  return new Promise((resolve) => {
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('error', () => {});
    res.on('close', () =>
      resolve({ text: Buffer.concat(chunks).toString('utf8'), complete: res.complete }),
    );
    res.resume();
  });
}

/** The first chunk of a response, leaving it paused. */
function firstChunk(res: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    res.once('data', (chunk: Buffer) => {
      res.pause();
      resolve(chunk);
    });
    res.on('error', reject);
  });
}

t.test('a client that stops reading makes no more slices get rendered', async (t) => {
  const app = await buildTestApp(t, { ...generated, seed: false });
  const get = await listening(t, app);
  const res = await get('/v1/export?format=ndjson');
  t.equal(res.statusCode, 200);
  const chunks = [await firstChunk(res)];

  const atRest = await sliceCountAtRest(app);
  // Other work meanwhile, then another look: still nothing rendered for the paused export.
  for (let i = 0; i < 20; i += 1) await app.inject('/v1/events?limit=5');
  await sleep(500);
  t.equal(app.exports.stats().slices, atRest, `the slices stay at ${atRest} while paused`);
  t.equal(app.exports.stats().running, 1, 'the export is still open');

  const { text, complete } = await readRest(res, chunks);
  const total = app.exports.stats().slices;
  t.ok(complete, 'read to the end');
  t.ok(total > 2 * atRest, `${total} slices in all, ${atRest} of them before the pause`);
  t.ok(text === (await wholeExport('ndjson')), 'the bytes are the export, as the CLI writes it');
  t.equal(app.exports.stats().running, 0, 'no export running once it is read');
});

t.test('an export is let go when its client takes nothing, or past its time', async (t) => {
  const whole = await wholeExport('json');
  for (const [limit, exports] of [
    ['idle', { idleMs: 300 }],
    ['timeout', { timeoutMs: 300 }],
  ] as const) {
    const app = await buildTestApp(t, { ...generated, seed: false, exports });
    const get = await listening(t, app);
    const res = await get('/v1/export');
    const chunks = [await firstChunk(res)];
    while (app.exports.stats().cut === 0) await sleep(50);
    t.equal(app.exports.stats().running, 0, `${limit}: cut, the export no longer runs`);
    // A paused client learns of the cut once it reads what it was sent before.
    const { text, complete } = await readRest(res, chunks);
    t.notOk(complete, `${limit}: the body is broken off`);
    t.ok(text.length < whole.length, `${limit}: ${text.length} bytes of it came`);
    await app.close();
  }
});

t.test('a third export at once is answered 503 with Retry-After', async (t) => {
  const app = await buildTestApp(t, { ...generated, seed: false });
  const get = await listening(t, app);
  const first = await get('/v1/export');
  const second = await get('/v1/export?format=ndjson');
  await Promise.all([firstChunk(first), firstChunk(second)]);
  t.equal(app.exports.stats().running, 2);

  const third = await get('/v1/export?kind=places');
  t.equal(third.statusCode, 503, 'the third is refused');
  t.equal(third.headers['retry-after'], '30', 'with Retry-After');
  t.match(third.headers['content-type'], /application\/problem\+json/);
  const problem = JSON.parse((await readRest(third)).text);
  t.equal(problem.type, '/problems/unavailable');
  t.match(problem.detail, /2 exports are already running/);
  t.equal(app.exports.stats().refused, 1);

  // One client goes away: its place is free again.
  first.destroy();
  while (app.exports.stats().running > 1) await sleep(20);
  const again = await get('/v1/export?kind=places');
  t.equal(again.statusCode, 200, 'once one has gone, another export is taken');
  t.ok((await readRest(again)).complete);
  second.destroy();
});
