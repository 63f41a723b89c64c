import { createServer, get } from 'node:http';
import type { AddressInfo } from 'node:net';
import helmet from 'helmet';
import t from 'tap';
import { DOCS_CSP, HELMET_OPTIONS, helmetHeaders } from '../../src/http/security.js';
import { buildTestApp } from '../helper.js';

const API_CSP = "default-src 'none';frame-ancestors 'none'";

/** The headers every answer of the API carries, whatever its status. */
const EXPECTED: Record<string, string> = {
  'content-security-policy': API_CSP,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'SAMEORIGIN',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'cross-origin-resource-policy': 'same-origin',
  'cross-origin-opener-policy': 'same-origin',
};

t.test('security headers', async (t) => {
  const app = await buildTestApp(t, { rateLimits: { reads: 3, writes: 1, notFound: 1 } });

  for (const [url, status] of [
    ['/v1/events', 200],
    ['/v1/events/no-such-event', 404],
    ['/v1/events?limit=0', 400],
    ['/no-such-route', 404],
    ['/no-such-route', 429],
  ] as const) {
    await t.test(`GET ${url} (${status}) carries them`, async (t) => {
      const res = await app.inject({ method: 'GET', url });
      t.equal(res.statusCode, status);
      for (const [name, value] of Object.entries(EXPECTED)) {
        t.equal(res.headers[name], value, name);
      }
      t.notOk(res.headers['x-powered-by'], 'no X-Powered-By');
    });
  }

  await t.test('Swagger UI at /docs has a policy that lets it run, and loads', async (t) => {
    const page = await app.inject({ method: 'GET', url: '/docs/', remoteAddress: '10.9.9.9' });
    t.equal(page.statusCode, 200);
    t.equal(page.headers['content-security-policy'], DOCS_CSP, 'the docs policy');
    t.match(page.body, /<script src="\.\/static\/swagger-ui-bundle\.js"/, 'its scripts are files');
    t.notMatch(page.body, /<script>|<script [^>]*>[^<\s]/, 'and none is inline');
    const script = await app.inject({
      method: 'GET',
      url: '/docs/static/swagger-initializer.js',
      remoteAddress: '10.9.9.9',
    });
    t.equal(script.statusCode, 200, 'the initializer is served');
    t.equal(script.headers['x-content-type-options'], 'nosniff');
  });
});

/** Headers of any Node answer, not Helmet's. */
const NODE_HEADERS = new Set(['date', 'connection', 'keep-alive', 'content-length']);

/** What Helmet itself sends with the app's options: its middleware on a real Node response. */
async function helmetsOwnHeaders(): Promise<Record<string, string>> {
  const middleware = helmet(HELMET_OPTIONS);
  const server = createServer((req, res) => middleware(req, res, () => res.end()));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  try {
    return await new Promise((resolve, reject) => {
      get({ host: '127.0.0.1', port, path: '/', agent: false }, (res) => {
        res.resume();
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(res.headers)) {
          if (!NODE_HEADERS.has(name)) headers[name] = String(value);
        }
        resolve(headers);
      }).on('error', reject);
    });
  } finally {
    server.close();
  }
}

t.test('the headers are the ones Helmet itself sends', async (t) => {
  const helmets = await helmetsOwnHeaders();
  t.ok(Object.keys(helmets).length >= 10, 'Helmet sends its headers');
  t.same(helmetHeaders(HELMET_OPTIONS), helmets, "computed once, they equal Helmet's own");

  const app = await buildTestApp(t);
  const cases = [
    ['an API route', '/v1/events/korean-war', 200, helmets],
    ['an error', '/v1/events/no-such-event', 404, helmets],
    ['a problem from a hook', `/v1/events?q=${'x'.repeat(5000)}`, 414, helmets],
    ['Swagger UI', '/docs/', 200, { ...helmets, 'content-security-policy': DOCS_CSP }],
  ] as const;
  for (const [what, url, status, expected] of cases) {
    const res = await app.inject({ method: 'GET', url });
    t.equal(res.statusCode, status, `${what}: ${status}`);
    for (const [name, value] of Object.entries(expected)) {
      t.equal(res.headers[name], value, `${what}: ${name}`);
    }
  }
});

t.test('a policy computed per request cannot be set once', async (t) => {
  t.throws(
    () =>
      helmetHeaders({
        contentSecurityPolicy: {
          useDefaults: false,
          directives: { defaultSrc: ["'none'"], scriptSrc: [() => "'nonce-abc'"] },
        },
      }),
    /computed per request/,
  );
});
