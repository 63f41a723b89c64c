/**
 * The app built on PostgreSQL (DATABASE_URL), seeded as `npm start` seeds it: /health from the
 * primary, search served by its PostgreSQL run, every read task with a run, writes with their
 * commit's position, imports over HTTP, 501 problems for what PostgreSQL does not serve (a read
 * without a run), and the read budget.
 */
import pg from 'pg';
import t, { type Test } from 'tap';
import { z } from 'zod';
import type { PostgresRun } from '../../src/http/reads/postgres-read.js';
import { postgresReads } from '../../src/http/reads/postgres-reads.js';
import { readTask } from '../../src/http/reads/task.js';
import { KINDS } from '../../src/kinds/index.js';
import { postgresRuns } from '../../src/reads/postgres-registry.js';
import { readTasks } from '../../src/reads/registry.js';
import { buildPostgresApp } from './app.js';
import { startPostgres } from './server.js';

const KEY = { name: 'test', secret: 'test-secret-0123456789' };
const server = await startPostgres();
t.teardown(() => server.stop());
const app = await buildPostgresApp(t, server.url, { apiKeys: [KEY] });

const isProblem = (
  t: Test,
  answer: { statusCode: number; headers: Record<string, unknown>; json(): unknown },
  status: number,
  type: string,
) => {
  t.equal(answer.statusCode, status, `${status}`);
  t.match(answer.headers['content-type'], /^application\/problem\+json/, 'problem+json');
  t.match(answer.json(), { status, type: `/problems/${type}` }, type);
};

t.test('GET /health answers 200 from the primary', async (t) => {
  const answer = await app.inject({ url: '/health' });
  t.equal(answer.statusCode, 200);
  t.same(answer.json(), { status: 'ok', database: 'ok' });
});

t.test('GET /metrics answers on PostgreSQL too', async (t) => {
  const answer = await app.inject({ url: '/metrics' });
  t.equal(answer.statusCode, 200);
  t.match(
    answer.body,
    /^annals_read_pool_workers 0$/m,
    'the counters are there (no read workers: PostgreSQL reads are asynchronous)',
  );
});

t.test('the seed is loaded and GET /v1/search answers from it', async (t) => {
  const answer = await app.inject({ url: '/v1/search?q=pyongyang&limit=3' });
  t.equal(answer.statusCode, 200);
  t.match(answer.headers['content-type'], /^application\/json/);
  const page = answer.json() as { data: { id: string }[] };
  t.ok(
    page.data.some((hit) => hit.id === 'pyongyang'),
    'the seeded place is found',
  );
  t.ok(answer.headers.etag, 'with an ETag');
});

t.test('every read task has a PostgreSQL run', async (t) => {
  const runs = postgresRuns();
  t.same(
    [...readTasks().keys()].filter((name) => !runs.has(name)),
    [],
    'none answers 501 for want of one',
  );
  const claims = await app.inject({ url: '/v1/sources/article-2023-07-27/claims?limit=2' });
  t.equal(claims.statusCode, 200, "a source's claims are served");
  t.equal((claims.json() as { data: unknown[] }).data.length, 2, 'a page of them');
  const csv = await app.inject({ url: '/v1/places?limit=2', headers: { accept: 'text/csv' } });
  t.equal(csv.statusCode, 200, "a list's page as CSV is served");
  t.match(csv.headers['content-type'], /^text\/csv/);
});

t.test('a read whose task has no PostgreSQL run is a 501 problem naming it', async (t) => {
  const unserved = readTask('test.unserved', z.object({ ok: z.boolean() }), () => ({ ok: true }));
  const reads = postgresReads({
    servers: app.postgres,
    runs: new Map(),
    timeoutMs: 1000,
    checkResponses: true,
    log: app.log,
  });
  const refused = await reads.text(unserved, {}).then(
    () => undefined,
    (error: unknown) => error,
  );
  t.match(refused, { status: 501, slug: 'not-on-postgres', detail: /the read test\.unserved/ });
});

t.test(
  'writes and imports over HTTP are served, each answering with its commit position',
  async (t) => {
    const place = { id: 'wonsan', name: 'Wonsan', type: 'city', aliases: [], parent: 'dprk' };
    const auth = { authorization: `Bearer ${KEY.secret}` };
    const refused = await app.inject({ method: 'POST', url: '/v1/places', payload: place });
    isProblem(t, refused, 401, 'unauthorized');
    const created = await app.inject({
      method: 'POST',
      url: '/v1/places',
      payload: place,
      headers: auth,
    });
    t.equal(created.statusCode, 201, 'created');
    t.match(created.headers['annals-read-after'], /^[0-9A-F]+\/[0-9A-F]+$/, 'with its position');
    const read = await app.inject({ url: '/v1/places/wonsan' });
    t.equal(read.statusCode, 200, 'and read back at once');
    t.equal(read.headers.etag, created.headers.etag, 'with the ETag the write answered');
    const again = await app.inject({
      method: 'POST',
      url: '/v1/places',
      payload: place,
      headers: auth,
    });
    isProblem(t, again, 409, 'already-exists');
    const removed = await app.inject({ method: 'DELETE', url: '/v1/places/wonsan', headers: auth });
    t.equal(removed.statusCode, 204, 'deleted');
    t.ok(removed.headers['annals-read-after'], 'with its position');
    t.equal((await app.inject({ url: '/v1/places/wonsan' })).statusCode, 404, 'gone');
    const imported = await app.inject({
      method: 'POST',
      url: '/v1/imports',
      payload: { format: 'annals-bundle', version: 1, places: [place] },
      headers: auth,
    });
    t.equal(imported.statusCode, 201, 'imported');
    t.ok(imported.headers['annals-read-after'], 'with its position');
    const check = new pg.Client({ connectionString: server.url });
    await check.connect();
    t.teardown(() => check.end());
    const { rows } = await check.query(`select id from places where id = 'wonsan'`);
    t.equal(rows.length, 1, 'the import wrote the place');
  },
);

t.test(
  'a NUL character in a record is a 400 naming the field, never a PostgreSQL error',
  async (t) => {
    const auth = { authorization: `Bearer ${KEY.secret}` };
    const cases: [string, Record<string, unknown>, string][] = [
      ['/v1/places', { id: 'nul-town', name: 'Nul\u0000town', type: 'city' }, '/name'],
      [
        '/v1/sources',
        { id: 'nul-source', title: 'A source', kind: 'article', text: 'a\u0000b' },
        '/text',
      ],
    ];
    for (const [url, payload, field] of cases) {
      const res = await app.inject({ method: 'POST', url, payload, headers: auth });
      isProblem(t, res, 400, 'invalid-request');
      t.match(res.json(), { errors: [{ in: 'body', field, message: /NUL/ }] }, `names ${field}`);
    }
  },
);

t.test('a bad Annals-Read-After is a 400 problem naming the header', async (t) => {
  const answer = await app.inject({
    url: '/v1/search?q=pyongyang',
    headers: { 'annals-read-after': 'yesterday' },
  });
  isProblem(t, answer, 400, 'invalid-request');
  t.match(answer.json(), { errors: [{ in: 'header', field: 'annals-read-after' }] });
  const fine = await app.inject({
    url: '/v1/search?q=pyongyang',
    headers: { 'annals-read-after': '0/1' },
  });
  t.equal(fine.statusCode, 200, 'a position already reached is read at once');
});

t.test('a missing item is the 404 problem', async (t) => {
  const answer = await app.inject({ url: '/v1/imports/00000000-0000-4000-8000-000000000000' });
  isProblem(t, answer, 404, 'not-found');
  t.match(answer.json(), { detail: /00000000-0000-4000-8000-000000000000/ }, 'naming the id');
  const runs = postgresRuns();
  const kind = KINDS.find((k) => runs.has(`${k.name}.get`));
  if (!kind) return;
  const item = await app.inject({ url: `/v1/${kind.name}/no-such-${kind.singular}` });
  isProblem(t, item, 404, 'not-found');
});

t.test('a read past its budget is cancelled and answered 503 with Retry-After', async (t) => {
  const slow = readTask('test.slow', z.object({ ok: z.boolean() }), () => ({ ok: true }));
  const run: PostgresRun<unknown, { ok: boolean }> = async (client) => {
    await client.query('select pg_sleep(5)');
    return { ok: true };
  };
  const reads = postgresReads({
    servers: app.postgres,
    runs: new Map([[slow.name, run as PostgresRun<never>]]),
    timeoutMs: 300,
    checkResponses: true,
    log: app.log,
  });
  const started = performance.now();
  const refused = await reads.text(slow, {}).then(
    () => undefined,
    (error: unknown) => error,
  );
  t.match(refused, { status: 503, slug: 'unavailable', retryAfter: 5 }, 'a 503 problem');
  t.ok(performance.now() - started < 3000, 'answered at the budget, not after the sleep');
  // The statement itself was cancelled by PostgreSQL (statement_timeout), not left running.
  const deadline = Date.now() + 3000;
  let sleeping = 1;
  while (sleeping > 0 && Date.now() < deadline) {
    const { rows } = await app.postgres.primary.query<{ n: number }>(
      `select count(*)::int as n from pg_stat_activity where query = 'select pg_sleep(5)' and state = 'active'`,
    );
    sleeping = rows[0]?.n ?? 0;
    if (sleeping > 0) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  t.equal(sleeping, 0, 'no statement still sleeping');
});

t.test('GET /health answers 503 problem+json when the primary does not answer', async (t) => {
  const other = await startPostgres();
  const down = await buildPostgresApp(t, other.url, { seed: false });
  await other.stop();
  const answer = await down.inject({ url: '/health' });
  isProblem(t, answer, 503, 'unavailable');
});
