import t from 'tap';
import { DOCS_CSP } from '../../src/http/security.js';
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
