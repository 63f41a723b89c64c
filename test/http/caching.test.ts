import t from 'tap';
import { CACHE_CONTROL } from '../../src/http/caching.js';
import { runSql } from '../data.js';
import { buildTestApp } from '../helper.js';

const WREATH = '/v1/events/kim-jong-un-wreath-laying-cpv-cemetery';

t.test('ETags and Cache-Control', async (t) => {
  const app = await buildTestApp(t);
  const get = (url: string, headers: Record<string, string> = {}) =>
    app.inject({ method: 'GET', url, headers });

  await t.test('GET /v1/events answers a strong, quoted ETag', async (t) => {
    const res = await get('/v1/events');
    t.equal(res.statusCode, 200);
    t.match(res.headers.etag, /^"[^"]+"$/, 'quoted, with no W/ prefix');
  });

  await t.test('the same answer twice has the same ETag', async (t) => {
    const [a, b] = [await get(WREATH), await get(WREATH)];
    t.equal(a.headers.etag, b.headers.etag);
  });

  await t.test('a matching If-None-Match gets 304 with no body', async (t) => {
    const first = await get(WREATH);
    const again = await get(WREATH, { 'if-none-match': String(first.headers.etag) });
    t.equal(again.statusCode, 304);
    t.equal(again.body, '');
    t.equal(again.headers.etag, first.headers.etag, 'the 304 repeats the ETag');
    t.equal(again.headers['cache-control'], CACHE_CONTROL.read, 'and the freshness');
    t.notOk(again.headers['content-length'], 'no Content-Length: 0 to overwrite the cached one');
  });

  await t.test('a stale If-None-Match gets 200 and the body', async (t) => {
    const res = await get(WREATH, { 'if-none-match': '"not-the-etag"' });
    t.equal(res.statusCode, 200);
    t.equal(res.json().id, 'kim-jong-un-wreath-laying-cpv-cemetery');
  });

  await t.test('the ETag changes when the answer does', async (t) => {
    const one = await get('/v1/events?limit=1');
    const two = await get('/v1/events?limit=2');
    t.not(one.headers.etag, two.headers.etag, 'another query, another ETag');

    const before = await get(WREATH);
    await runSql(
      app,
      'update events set title = ? where id = ?',
      'A changed title',
      'kim-jong-un-wreath-laying-cpv-cemetery',
    );
    const after = await get(WREATH, { 'if-none-match': String(before.headers.etag) });
    t.equal(after.statusCode, 200, 'the old ETag no longer matches');
    t.not(after.headers.etag, before.headers.etag);
    t.equal(after.json().title, 'A changed title');
  });

  await t.test('reads of /v1 are public for a minute', async (t) => {
    for (const url of ['/v1/events', WREATH, '/v1/people?limit=1']) {
      t.equal((await get(url)).headers['cache-control'], 'public, max-age=60', url);
    }
    const head = await app.inject({ method: 'HEAD', url: '/v1/events' });
    t.equal(head.headers['cache-control'], 'public, max-age=60', 'HEAD too');
  });

  await t.test('GET /health is never stored and never 304', async (t) => {
    const res = await get('/health');
    t.equal(res.statusCode, 200);
    t.equal(res.headers['cache-control'], 'no-store');
    t.notOk(res.headers.etag, 'no validator to revalidate with');
    for (const condition of ['*', '"anything"']) {
      const again = await get('/health', { 'if-none-match': condition });
      t.equal(again.statusCode, 200, `If-None-Match: ${condition} still reaches the database`);
      t.same(again.json(), { status: 'ok', database: 'ok' });
    }
    const head = await app.inject({ method: 'HEAD', url: '/health' });
    t.equal(head.statusCode, 200, 'HEAD too');
    t.notOk(head.headers.etag, 'HEAD has no ETag either');
  });

  await t.test('other answers outside /v1 keep their ETag (docs, the document)', async (t) => {
    for (const url of ['/openapi.json', '/']) {
      const res = await get(url);
      t.match(res.headers.etag, /^"[^"]+"$/, `${url} has an ETag`);
      t.equal(res.headers['cache-control'], 'no-store', `${url} is not stored`);
    }
  });

  await t.test('problems are never stored and carry no ETag', async (t) => {
    for (const url of ['/v1/events/no-such-event', '/no-such-route', '/v1/events?limit=0']) {
      const res = await get(url);
      t.ok(res.statusCode >= 400, `${url} is a problem`);
      t.equal(res.headers['cache-control'], 'no-store', `${url} is not stored`);
      t.notOk(res.headers.etag, `${url} has no ETag`);
    }
  });
});
