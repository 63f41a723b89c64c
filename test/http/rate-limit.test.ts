import t from 'tap';
import type { App } from '../../src/app.js';
import { assertProblem } from '../expect.js';
import { buildTestApp } from '../helper.js';

const KEY = { name: 'limits', secret: 'sk-annals-test-limits-0123' };
const AUTH = { authorization: `Bearer ${KEY.secret}` };
const LIMITS = { reads: 5, writes: 2, notFound: 3 };

/** A request from one client address (light-my-request sets the socket's). */
const from = (
  app: App,
  address: string,
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  auth = false,
) =>
  app.inject({
    method,
    url,
    remoteAddress: address,
    headers: auth ? { ...AUTH, 'content-type': 'application/json' } : {},
    ...(method === 'GET' ? {} : { payload: '{}' }),
  });

t.test('rate limits per client address', async (t) => {
  const app = await buildTestApp(t, { seed: false, apiKeys: [KEY], rateLimits: LIMITS });

  await t.test('reads: 5 a minute, then 429 with Retry-After', async (t) => {
    for (let i = 1; i <= LIMITS.reads; i += 1) {
      const res = await from(app, '10.0.0.1', 'GET', '/v1/events');
      t.equal(res.statusCode, 200, `read ${i} is 200`);
      t.equal(res.headers['x-ratelimit-limit'], '5', 'X-RateLimit-Limit says the limit');
      t.equal(res.headers['x-ratelimit-remaining'], String(LIMITS.reads - i), 'and what is left');
    }
    const over = await from(app, '10.0.0.1', 'GET', '/v1/people');
    const body = assertProblem(t, over, 429, 'the sixth read');
    t.equal(body.type, '/problems/too-many-requests');
    t.match(body.detail, /More than 5 reads a minute/, 'the detail names the limit');
    const retryAfter = Number(over.headers['retry-after']);
    t.ok(retryAfter > 0 && retryAfter <= 60, `Retry-After is a number of seconds: ${retryAfter}`);
    t.equal(over.headers['cache-control'], 'no-store', 'the 429 is not cached');

    const other = await from(app, '10.0.0.2', 'GET', '/v1/events');
    t.equal(other.statusCode, 200, 'another address has its own budget');
  });

  await t.test('writes: 2 a minute for all write routes together, before the key', async (t) => {
    const address = '10.0.1.1';
    const first = await from(app, address, 'POST', '/v1/people', true);
    t.equal(first.statusCode, 400, 'a write is counted (here, an invalid body)');
    t.equal(first.headers['x-ratelimit-limit'], '2', 'writes have their own limit');
    const second = await from(app, address, 'PUT', '/v1/places/somewhere');
    t.equal(second.statusCode, 401, 'a write without a key counts too');
    const third = await from(app, address, 'POST', '/v1/imports', true);
    const body = assertProblem(t, third, 429, 'the third write, on a third route');
    t.match(body.detail, /More than 2 writes a minute/);
    t.ok(third.headers['retry-after'], 'with Retry-After');
    const noKey = await from(app, address, 'POST', '/v1/people');
    t.equal(
      noKey.statusCode,
      429,
      'refused before the key is looked at: keys cannot be guessed fast',
    );

    const read = await from(app, address, 'GET', '/v1/events');
    t.equal(read.statusCode, 200, 'reads from the same address still answer');
    t.equal(read.headers['x-ratelimit-limit'], '5', 'under the read limit');
  });

  await t.test('404s: 3 a minute, apart from the routes that exist', async (t) => {
    const address = '10.0.2.1';
    for (let i = 1; i <= LIMITS.notFound; i += 1) {
      const res = await from(app, address, 'GET', `/v1/guess-${i}`);
      assertProblem(t, res, 404, `guess ${i}`);
    }
    const over = await from(app, address, 'GET', '/wp-admin');
    const body = assertProblem(t, over, 429, 'the fourth guess');
    t.match(body.detail, /More than 3 requests to URLs that do not exist/);
    t.ok(over.headers['retry-after'], 'with Retry-After');
    const read = await from(app, address, 'GET', '/v1/events');
    t.equal(read.statusCode, 200, 'the API itself still answers that address');
  });
});

t.test('behind a trusted proxy, X-Forwarded-For names the client', async (t) => {
  const app = await buildTestApp(t, {
    seed: false,
    rateLimits: { reads: 2, writes: 2, notFound: 2 },
    trustProxy: ['127.0.0.1'],
  });
  const via = (client: string) =>
    app.inject({ method: 'GET', url: '/health', headers: { 'x-forwarded-for': client } });
  t.equal((await via('198.51.100.7')).statusCode, 200);
  t.equal((await via('198.51.100.7')).statusCode, 200);
  t.equal((await via('198.51.100.7')).statusCode, 429, "the client's third read is refused");
  t.equal((await via('198.51.100.8')).statusCode, 200, 'another client behind the proxy is not');
});

t.test('without rate limits (the tests default), nothing is counted', async (t) => {
  const app = await buildTestApp(t, { seed: false });
  for (let i = 0; i < 50; i += 1) await app.inject({ method: 'GET', url: '/nothing-here' });
  const res = await app.inject({ method: 'GET', url: '/v1/events' });
  t.equal(res.statusCode, 200);
  t.notOk(res.headers['x-ratelimit-limit'], 'no rate-limit headers');
});
