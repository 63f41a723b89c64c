/**
 * Where a newcomer lands: the index at `/` and `/v1`, OPTIONS and a wrong method answering with
 * `Allow`, `If-None-Match: *`, and problem types that resolve to a page.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { PROBLEM_TYPES } from '../../src/http/problem-types.js';
import { buildTestApp } from '../helper.js';
import { AUTH, KEY, person } from '../writes/helper.js';

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

t.test('GET / and GET /v1 list the collections, the docs and the OpenAPI document', async (t) => {
  const app = await buildTestApp(t);
  for (const url of ['/', '/v1']) {
    const res = await app.inject(url);
    t.equal(res.statusCode, 200, `${url} answers`);
    t.equal(res.headers['content-type'], 'application/json; charset=utf-8');
    const index = res.json();
    t.same(
      index.collections.map((c: { name: string }) => c.name).sort(),
      [
        'delegations',
        'events',
        'figures',
        'organizations',
        'people',
        'places',
        'sources',
        'statements',
      ],
      `${url} lists every collection`,
    );
    for (const link of [...index.collections, ...Object.values(index.links)] as {
      href: string;
    }[]) {
      const target = await app.inject(link.href === '/v1/search' ? '/v1/search?q=war' : link.href);
      t.ok(target.statusCode < 400, `${url}: ${link.href} answers (${target.statusCode})`);
    }
    t.equal(index.links.docs.href, '/docs');
    t.equal(index.links.openapi.href, '/openapi.json');
  }
  await app.ready();
  const doc = app.swagger() as { paths: Record<string, { get?: { operationId?: string } }> };
  t.ok(doc.paths['/']?.get && doc.paths['/v1']?.get, 'both are in the OpenAPI document');
  t.ok(doc.paths['/problems/{name}']?.get, 'and the problem pages');
});

t.test('OPTIONS and wrong methods answer with Allow', async (t) => {
  const app = await buildTestApp(t, { apiKeys: [KEY] });
  await app.ready();
  const doc = app.swagger() as { paths: Record<string, Record<string, unknown>> };

  await t.test(
    'every documented path: OPTIONS is 204 with Allow, a wrong method 405',
    async (t) => {
      for (const [template, item] of Object.entries(doc.paths)) {
        const path = template.replace(/\{[^}]+\}/g, 'korean-war');
        const documented = METHODS.filter((m) => item[m]).map((m) => m.toUpperCase());
        const options = await app.inject({ method: 'OPTIONS', url: path });
        t.equal(options.statusCode, 204, `OPTIONS ${path} is 204`);
        const allow = String(options.headers.allow ?? '').split(', ');
        for (const method of documented) t.ok(allow.includes(method), `${path} allows ${method}`);
        t.ok(allow.includes('OPTIONS'), `${path} allows OPTIONS`);
        for (const method of METHODS.map((m) => m.toUpperCase())) {
          if (allow.includes(method)) continue;
          const wrong = await app.inject({ method: method as 'GET', url: path });
          t.equal(wrong.statusCode, 405, `${method} ${path} is 405`);
          t.equal(wrong.headers['content-type'], 'application/problem+json; charset=utf-8');
          t.equal(
            wrong.headers.allow,
            options.headers.allow,
            `${method} ${path} names what is allowed`,
          );
          t.equal(wrong.json().type, '/problems/method-not-allowed');
        }
      }
    },
  );

  await t.test('a path with a trailing slash or a query is the same path', async (t) => {
    const res = await app.inject({ method: 'DELETE', url: '/v1/events/?limit=2' });
    t.equal(res.statusCode, 405);
    t.equal(res.headers.allow, 'GET, HEAD, POST, OPTIONS');
  });

  await t.test('an unknown path is still a 404, OPTIONS included', async (t) => {
    for (const method of ['GET', 'DELETE', 'OPTIONS'] as const) {
      const res = await app.inject({ method, url: '/v1/nothing-here' });
      t.equal(res.statusCode, 404, `${method} /v1/nothing-here is 404`);
      t.equal(res.headers.allow, undefined);
      t.equal(res.json().type, '/problems/not-found');
    }
  });

  await t.test('a CORS preflight is still answered by CORS', async (t) => {
    const res = await app.inject({
      method: 'OPTIONS',
      url: '/v1/events',
      headers: { origin: 'https://anywhere.example', 'access-control-request-method': 'GET' },
    });
    t.equal(res.statusCode, 204);
    t.equal(res.headers['access-control-allow-origin'], '*');
    const half = await app.inject({
      method: 'OPTIONS',
      url: '/v1/events',
      headers: { 'access-control-request-method': 'GET' },
    });
    t.equal(half.statusCode, 204, 'half a preflight (no Origin) is an OPTIONS like any other');
    t.equal(half.headers.allow, 'GET, HEAD, POST, OPTIONS');
  });
});

t.test('If-None-Match: * is a 304 on a GET of an existing resource', async (t) => {
  const app = await buildTestApp(t, { cacheMB: 8 });
  for (const url of [
    '/v1/events/korean-war',
    '/v1/people',
    '/v1/positions/mao-ning-spokeswoman-chinese-foreign-ministry',
  ]) {
    for (let i = 0; i < 2; i += 1) {
      const res = await app.inject({ url, headers: { 'if-none-match': '*' } });
      t.equal(res.statusCode, 304, `${url}${i ? ' (from the render cache)' : ''} is 304`);
    }
  }
  const missing = await app.inject({
    url: '/v1/events/no-such-event',
    headers: { 'if-none-match': '*' },
  });
  t.equal(missing.statusCode, 404, 'a missing one is still 404');
  const listed = await app.inject({
    url: '/v1/events/korean-war',
    headers: { 'if-none-match': '"x", W/"y"' },
  });
  t.equal(listed.statusCode, 200, 'a list of other tags is a 200');
  const etag = String(listed.headers.etag);
  const among = await app.inject({
    url: '/v1/events/korean-war',
    headers: { 'if-none-match': `"x", W/${etag}` },
  });
  t.equal(among.statusCode, 304, 'a list naming the ETag (weak or not) is a 304');
});

t.test('problem types resolve to a page that explains them', async (t) => {
  const app = await buildTestApp(t, { apiKeys: [KEY] });

  await t.test('every type has a page, and /problems lists them', async (t) => {
    const list = await app.inject('/problems');
    t.equal(list.statusCode, 200);
    for (const [name, type] of Object.entries(PROBLEM_TYPES)) {
      const page = await app.inject(`/problems/${name}`);
      t.equal(page.statusCode, 200, `/problems/${name} answers`);
      t.equal(page.headers['content-type'], 'text/html; charset=utf-8');
      t.match(page.body, type.title);
      t.match(list.body, `href="/problems/${name}"`, `/problems links ${name}`);
    }
    const none = await app.inject('/problems/no-such-problem');
    t.equal(none.statusCode, 404);
  });

  await t.test('every type the source sends has a page', async (t) => {
    const sent = new Set<string>();
    const walk = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
        entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)],
      );
    for (const file of walk('src').filter((f) => f.endsWith('.ts'))) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/new ApiProblem\(\s*\d+,\s*'([a-z-]+)'/g))
        sent.add(m[1] as string);
      for (const m of text.matchAll(/\[\s*\d+,\s*'([a-z-]+)',/g)) sent.add(m[1] as string);
    }
    t.ok(sent.size >= 15, `the source sends ${sent.size} types`);
    for (const name of sent) t.ok(PROBLEM_TYPES[name], `${name} has a page`);
  });

  await t.test('the type of each problem answered resolves', async (t) => {
    const json = { ...AUTH, 'content-type': 'application/json' };
    const requests = [
      { url: '/v1/events?limit=0' },
      { url: '/v1/events/no-such-event' },
      { method: 'DELETE', url: '/v1/events' },
      { method: 'POST', url: '/v1/people', payload: person('x', 'X') },
      {
        method: 'POST',
        url: '/v1/people',
        payload: person('x', 'X'),
        headers: { authorization: 'Bearer wrong' },
      },
      { method: 'POST', url: '/v1/people', payload: person('mao-ning', 'M'), headers: json },
      {
        method: 'PUT',
        url: '/v1/people/mao-ning',
        payload: person('mao-ning', 'M'),
        headers: { ...json, 'if-none-match': '*' },
      },
      { method: 'DELETE', url: '/v1/people/kim-jong-un', headers: AUTH },
      {
        method: 'POST',
        url: '/v1/people',
        payload: 'x',
        headers: { ...AUTH, 'content-type': 'text/plain' },
      },
      {
        method: 'POST',
        url: '/v1/people',
        payload: { ...person('y', 'Y'), country: 'atlantis' },
        headers: json,
      },
      {
        method: 'POST',
        url: '/v1/people',
        payload: person('z', 'Z', {
          citations: [{ source: 'article-2023-07-27', excerpt: 'not in the article at all 12345' }],
        }),
        headers: json,
      },
      { url: `/v1/events?q=${'a'.repeat(5000)}` },
    ];
    const types = new Set<string>();
    for (const request of requests) {
      const res = await app.inject(request as never);
      t.ok(
        res.statusCode >= 400,
        `${request.method ?? 'GET'} ${request.url.slice(0, 60)}: ${res.statusCode}`,
      );
      types.add(res.json().type);
    }
    t.ok(types.size >= 12, `${types.size} types answered: ${[...types].join(', ')}`);
    // A 429 from an app of its own, with two reads a minute.
    const limited = await buildTestApp(t, { rateLimits: { reads: 2, writes: 2, notFound: 2 } });
    for (let i = 0; i < 3; i += 1) {
      const res = await limited.inject('/v1/events');
      if (i === 2) {
        t.equal(res.statusCode, 429, 'the third read in a minute is refused');
        types.add(res.json().type);
      }
    }
    for (const type of types) {
      const page = await app.inject(type);
      t.equal(page.statusCode, 200, `${type} resolves`);
      t.equal(page.headers['content-type'], 'text/html; charset=utf-8');
    }
  });
});
