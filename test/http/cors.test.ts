import cors from '@fastify/cors';
import Fastify from 'fastify';
import t from 'tap';
import { corsOptions } from '../../src/http/cors.js';
import { buildTestApp } from '../helper.js';

const preflight = (origin: string) => ({
  method: 'OPTIONS' as const,
  url: '/v1/events',
  headers: {
    origin,
    'access-control-request-method': 'GET',
    'access-control-request-headers': 'authorization, if-none-match',
  },
});

const listOf = (value: unknown) =>
  String(value ?? '')
    .split(',')
    .map((h) => h.trim().toLowerCase());

t.test('CORS_ORIGINS=* lets any origin call the API', async (t) => {
  const app = await buildTestApp(t, { seed: false, corsOrigins: '*' });

  await t.test(
    'a preflight allows Authorization, Content-Type, If-Match, If-None-Match and Annals-Read-After',
    async (t) => {
      const res = await app.inject(preflight('https://anywhere.example'));
      t.equal(res.statusCode, 204);
      t.equal(res.headers['access-control-allow-origin'], '*');
      const allowed = listOf(res.headers['access-control-allow-headers']);
      for (const header of [
        'authorization',
        'content-type',
        'if-match',
        'if-none-match',
        'annals-read-after',
      ]) {
        t.ok(allowed.includes(header), `${header} is allowed`);
      }
      t.ok(listOf(res.headers['access-control-allow-methods']).includes('get'), 'GET is allowed');
    },
  );

  await t.test('a GET exposes ETag and the pagination headers to scripts', async (t) => {
    const res = await app.inject({
      method: 'GET',
      url: '/v1/events',
      headers: { origin: 'https://anywhere.example' },
    });
    t.equal(res.statusCode, 200);
    t.equal(res.headers['access-control-allow-origin'], '*');
    const exposed = listOf(res.headers['access-control-expose-headers']);
    for (const header of [
      'etag',
      'annals-read-after',
      'link',
      'x-total-count',
      'x-request-id',
      'retry-after',
      'x-ratelimit-remaining',
    ]) {
      t.ok(exposed.includes(header), `${header} is exposed`);
    }
  });
});

t.test('CORS_ORIGINS as a list allows those origins only', async (t) => {
  const allowed = 'https://annals.example';
  const app = await buildTestApp(t, {
    seed: false,
    corsOrigins: [allowed, 'http://localhost:5173'],
  });

  await t.test('a listed origin is echoed back, with Vary: Origin', async (t) => {
    const res = await app.inject(preflight(allowed));
    t.equal(res.statusCode, 204);
    t.equal(res.headers['access-control-allow-origin'], allowed);
    t.ok(listOf(res.headers['access-control-allow-headers']).includes('authorization'));
    t.ok(listOf(res.headers.vary).includes('origin'), 'caches key on the origin');
  });

  await t.test('an unlisted origin gets no Access-Control-Allow-Origin', async (t) => {
    const pre = await app.inject(preflight('https://evil.example'));
    t.notOk(pre.headers['access-control-allow-origin'], 'the preflight does not allow it');
    const get = await app.inject({
      method: 'GET',
      url: '/health',
      headers: { origin: 'https://evil.example' },
    });
    t.notOk(get.headers['access-control-allow-origin'], 'nor does the answer');
  });
});

t.test('the CORS headers of an answer are the ones @fastify/cors itself sends', async (t) => {
  const listed = 'https://annals.example';
  for (const origins of ['*', [listed, 'http://localhost:5173']] as const) {
    const corsOrigins = origins === '*' ? '*' : [...origins];
    const ours = await buildTestApp(t, { seed: false, corsOrigins });
    // @fastify/cors as the app used it before issue 11: its hook on every route.
    const theirs = Fastify();
    await theirs.register(cors, corsOptions(corsOrigins));
    theirs.get('/health', async () => ({}));
    t.teardown(() => theirs.close());
    for (const origin of [undefined, listed, 'https://evil.example']) {
      const headers = origin ? { origin } : {};
      const [a, b] = await Promise.all([
        ours.inject({ method: 'GET', url: '/health', headers }),
        theirs.inject({ method: 'GET', url: '/health', headers }),
      ]);
      for (const name of [
        'access-control-allow-origin',
        'access-control-expose-headers',
        'access-control-allow-credentials',
      ]) {
        t.equal(
          a.headers[name],
          b.headers[name],
          `${origins} from ${origin ?? 'no origin'}: ${name}`,
        );
      }
      t.same(
        listOf(a.headers.vary).filter((f) => f === 'origin'),
        listOf(b.headers.vary).filter((f) => f === 'origin'),
        `${origins} from ${origin ?? 'no origin'}: Vary: Origin as @fastify/cors has it`,
      );
    }
  }
});
