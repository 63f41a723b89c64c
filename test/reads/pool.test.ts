/**
 * The read workers (READ_WORKERS > 0) against the inline reads (0) on the same seeded file: the
 * same status, bytes and ETag for lists, items, views, `fields=`, a bad cursor and a missing id;
 * a read past its budget answered 503 with Retry-After while another read still answers; and the
 * two lanes: bulk reads (counts, export slices) never take the last worker, each lane in order.
 */
import { join } from 'node:path';
import t, { type Test } from 'tap';
import type { App } from '../../src/app.js';
import type { Lane, ReadPoolStats } from '../../src/http/reads/pool.js';
import { buildTestApp, sqliteOnly, tempDir, untilReadsAnswer } from '../helper.js';
import { slowTask } from './slow-task.js';

const SQLITE_ONLY = sqliteOnly('the SQLite read workers');

const KINDS = [
  'events',
  'people',
  'places',
  'organizations',
  'sources',
  'statements',
  'delegations',
  'figures',
];

t.test('pooled reads answer the same bytes as inline reads', SQLITE_ONLY, async (t) => {
  const databasePath = join(tempDir(t), 'annals.db');
  const inline = await buildTestApp(t, { databasePath });
  await inline.ready();
  const pooled = await buildTestApp(t, { databasePath, readWorkers: 2 });
  await pooled.ready();
  t.equal(inline.reads.pooled, false);
  t.equal(pooled.reads.pooled, true);
  await untilReadsAnswer(pooled);

  const urls = [
    '/v1/events?include=participants',
    '/v1/events?from=1951&to=1951',
    '/v1/events/korean-war',
    '/v1/events?fields=title',
    '/v1/people?fields=name,aliases&limit=3',
    '/v1/people/mao-ning/statements',
    '/v1/people/sergei-shoigu/delegations',
    '/v1/people/kim-jong-un/events',
    '/v1/places/hoechang-county/events',
    '/v1/organizations?type=ministry&country=china',
    '/v1/events/no-such-event',
    '/v1/people/no-such-person/events',
    '/v1/events?cursor=not-a-cursor',
  ];
  for (const kind of KINDS) {
    const list = await inline.inject(`/v1/${kind}?limit=2`);
    t.equal(list.statusCode, 200, `${kind} list`);
    urls.push(`/v1/${kind}?limit=2`);
    const first = (list.json() as { data: { id: string }[] }).data[0];
    if (first) urls.push(`/v1/${kind}/${encodeURIComponent(first.id)}`);
    const page = list.json() as { next_cursor: string | null };
    if (page.next_cursor) {
      urls.push(`/v1/${kind}?limit=2&cursor=${encodeURIComponent(page.next_cursor)}`);
    }
  }
  const sources = (await inline.inject('/v1/sources?limit=1')).json() as { data: { id: string }[] };
  urls.push(`/v1/sources/${sources.data[0]?.id}/claims`);

  for (const url of urls) {
    const a = await inline.inject(url);
    const b = await pooled.inject(url);
    t.equal(b.statusCode, a.statusCode, `${url}: status`);
    t.equal(b.headers['content-type'], a.headers['content-type'], `${url}: content type`);
    t.equal(b.headers.etag, a.headers.etag, `${url}: etag`);
    if (a.statusCode === 200) t.equal(b.body, a.body, `${url}: body`);
    else {
      // A problem names the request in `instance`; the rest is the same.
      const { instance: _a, ...pa } = a.json();
      const { instance: _b, ...pb } = b.json();
      t.same(pb, pa, `${url}: problem`);
    }
  }

  const trimmed = (await pooled.inject('/v1/events?fields=title&limit=2')).json() as {
    data: Record<string, unknown>[];
  };
  t.same(Object.keys(trimmed.data[0] ?? {}).sort(), ['id', 'title'], 'fields= trims in a worker');
  const missing = await pooled.inject('/v1/events/no-such-event');
  t.equal(missing.statusCode, 404);
  t.match(missing.headers['content-type'], /application\/problem\+json/);
  t.equal(missing.json().type, '/problems/not-found');
  t.equal(pooled.reads.stats()?.workers, 2);
});

t.test(
  'a read past its budget is stopped and answered 503; others still answer',
  SQLITE_ONLY,
  async (t) => {
    const app = await buildTestApp(t, {
      readWorkers: 2,
      readTimeoutMs: 6000,
      readTaskModules: [new URL('./slow-task.ts', import.meta.url).href],
    });
    app.get('/test/slow', async (_request, reply) =>
      app.reads.answer(reply, slowTask, { ms: 60_000 }),
    );
    await app.ready();
    await untilReadsAnswer(app);

    let slowDone = false;
    const slow = app.inject('/test/slow').then((res) => {
      slowDone = true;
      return res;
    });
    // The other worker still answers while the first is busy (within the budget: the second
    // worker may still be starting on a busy machine).
    const item = await app.inject('/v1/events/korean-war');
    t.equal(item.statusCode, 200, 'an item answers during the slow read');
    t.notOk(slowDone, 'before the slow read is over');

    const res = await slow;
    t.equal(res.statusCode, 503);
    t.match(res.headers['content-type'], /application\/problem\+json/);
    t.equal(res.headers['retry-after'], '5');
    t.match(res.json().detail, /longer than 6000 ms/);
    t.equal(res.json().type, '/problems/unavailable');
    t.ok((app.reads.stats()?.timeouts ?? 0) >= 1, 'the timeout is counted');

    // The stopped worker is replaced: reads go on.
    for (let i = 0; i < 4; i += 1) {
      t.equal((await app.inject('/v1/events/korean-war')).statusCode, 200, `read ${i} after`);
    }
  },
);

/** An app with `/test/slow?ms=&lane=`: the slow task, run in a lane. */
async function slowApp(t: Test, workers: number): Promise<App> {
  const app = await buildTestApp(t, {
    readWorkers: workers,
    readTimeoutMs: 30_000,
    readTaskModules: [new URL('./slow-task.ts', import.meta.url).href],
  });
  app.get('/test/slow', async (request, reply) => {
    const { ms, lane } = request.query as { ms: string; lane: Lane };
    return app.reads.answer(reply, slowTask, { ms: Number(ms) }, { lane });
  });
  await app.ready();
  await untilReadsAnswer(app);
  return app;
}

/**
 * Sends a request and waits until the pool has taken it (running or queued), so that the next
 * one comes after it; gives back its answer to come, noted in `finished` when it does.
 */
async function inOrder(app: App, finished: string[], name: string, url: string) {
  const before = app.reads.stats() as ReadPoolStats;
  const taken = before.running + before.queued;
  const answer = app.inject(url).then((res) => {
    finished.push(name);
    return res;
  });
  for (;;) {
    const stats = app.reads.stats() as ReadPoolStats;
    if (stats.running + stats.queued > taken) break;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return { answer };
}

t.test(
  'bulk reads leave a worker for the others, and wait in their lane in order',
  SQLITE_ONLY,
  async (t) => {
    const app = await slowApp(t, 2);
    const finished: string[] = [];
    const bulk = [
      await inOrder(app, finished, 'slow bulk', '/test/slow?ms=5000&lane=bulk'),
      await inOrder(app, finished, 'short bulk', '/test/slow?ms=1&lane=bulk'),
      // count=true goes to the bulk lane: behind the two others.
      await inOrder(app, finished, 'count', '/v1/events?count=true&limit=1'),
    ];
    const lanes = app.reads.stats() as ReadPoolStats;
    t.same(
      { running: lanes.bulkRunning, queued: lanes.bulkQueued },
      { running: 1, queued: 2 },
      'one bulk read runs, two wait though a worker is free',
    );
    const item = await (await inOrder(app, finished, 'item', '/v1/events/korean-war')).answer;
    const list = await (await inOrder(app, finished, 'list', '/v1/events?limit=1')).answer;
    t.same([item.statusCode, list.statusCode], [200, 200]);
    const answers = await Promise.all(bulk.map((read) => read.answer));
    t.same(
      answers.map((res) => res.statusCode),
      [200, 200, 200],
    );
    t.same(
      finished,
      ['item', 'list', 'slow bulk', 'short bulk', 'count'],
      'the item and the list first; the bulk reads in the order they came',
    );
  },
);

t.test(
  'with one worker, reads of both lanes take turns in the order they came',
  SQLITE_ONLY,
  async (t) => {
    const app = await slowApp(t, 1);
    const finished: string[] = [];
    const reads = [
      await inOrder(app, finished, 'slow bulk', '/test/slow?ms=1000&lane=bulk'),
      await inOrder(app, finished, 'item', '/v1/events/korean-war'),
      await inOrder(app, finished, 'short bulk', '/test/slow?ms=1&lane=bulk'),
      await inOrder(app, finished, 'list', '/v1/events?limit=1'),
    ];
    t.same(
      (await Promise.all(reads.map((read) => read.answer))).map((res) => res.statusCode),
      [200, 200, 200, 200],
    );
    t.same(finished, ['slow bulk', 'item', 'short bulk', 'list']);
  },
);
