import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import t, { type Test } from 'tap';
import type { App } from '../../src/app.js';
import { MAX_JSON_DEPTH, MAX_URL_LENGTH, nestsDeeperThan } from '../../src/http/limits.js';
import { WRITE_BODY_LIMIT } from '../../src/writes/routes.js';
import { assertProblem } from '../expect.js';
import { buildTestApp } from '../helper.js';

const KEY = { name: 'limits', secret: 'sk-annals-test-limits-4567' };
const AUTH = { authorization: `Bearer ${KEY.secret}` };

const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

function send(
  app: App,
  method: 'POST' | 'PUT' | 'PATCH',
  url: string,
  type: string,
  payload: string,
) {
  return app.inject({ method, url, headers: { ...AUTH, 'content-type': type }, payload });
}

t.test('nestsDeeperThan counts arrays and objects, not brackets inside strings', async (t) => {
  t.equal(nestsDeeperThan(nested(32), 32), false, '32 deep is within 32');
  t.equal(nestsDeeperThan(nested(33), 32), true, '33 deep is not');
  t.equal(nestsDeeperThan('{"a":{"b":[1,{"c":2}]}}', 4), false);
  t.equal(nestsDeeperThan('{"a":{"b":[1,{"c":2}]}}', 3), true);
  t.equal(nestsDeeperThan(`{"a":"${'['.repeat(100)}"}`, 1), false, 'brackets in a string');
  t.equal(nestsDeeperThan('{"a":"\\"[[[[","b":"\\\\"}', 1), false, 'escaped quotes');
  t.equal(
    nestsDeeperThan('{"a":"\\\\"}[[', 1),
    true,
    'an escaped backslash does not escape the quote after it',
  );
  t.equal(nestsDeeperThan('["unterminated', 0), true);
});

/** Each of `cases` refuses a body nested too deep with a 400 naming the limit. */
async function refusesDeep(
  t: Test,
  app: App,
  cases: [method: 'POST' | 'PUT' | 'PATCH', url: string, type: string][],
) {
  const deep = `{"id":"deep","name":"Deep","aliases":${nested(MAX_JSON_DEPTH + 10)}}`;
  for (const [method, url, type] of cases) {
    const res = await send(app, method, url, type, deep);
    const body = assertProblem(t, res, 400, `${method} ${url} (${type})`);
    t.match(body.detail, new RegExp(`nested more than ${MAX_JSON_DEPTH} deep`), 'names the limit');
    t.same(body.errors[0], {
      in: 'body',
      field: '/',
      message: `arrays and objects are nested more than ${MAX_JSON_DEPTH} deep, the limit`,
    });
  }
}

t.test('limits a client learns from a clear 4xx', async (t) => {
  const app = await buildTestApp(t, { apiKeys: [KEY] });

  await t.test(`a JSON body nested more than ${MAX_JSON_DEPTH} deep is 400`, async (t) => {
    await refusesDeep(t, app, [
      ['POST', '/v1/people', 'application/json'],
      ['PUT', '/v1/people/deep', 'application/json'],
      ['PATCH', '/v1/people/kim-jong-un', 'application/merge-patch+json'],
    ]);
    const million = await send(app, 'POST', '/v1/people', 'application/json', nested(1_000_000));
    assertProblem(t, million, 400, 'a million levels');
  });

  await t.test(`an import nested more than ${MAX_JSON_DEPTH} deep is 400`, (t) =>
    refusesDeep(t, app, [['POST', '/v1/imports', 'application/json']]),
  );

  await t.test('__proto__ and constructor.prototype keys are refused', async (t) => {
    for (const payload of [
      '{"id":"p","name":"P","__proto__":{"polluted":true}}',
      '{"id":"p","name":"P","constructor":{"prototype":{"polluted":true}}}',
    ]) {
      const res = await send(app, 'POST', '/v1/people', 'application/json', payload);
      assertProblem(t, res, 400, payload);
    }
    t.equal(({} as Record<string, unknown>).polluted, undefined, 'no prototype was polluted');
  });

  await t.test('invalid and empty JSON are 400 naming the body', async (t) => {
    for (const payload of ['{"id":', 'nul', '']) {
      const res = await send(app, 'POST', '/v1/people', 'application/json', payload);
      const body = assertProblem(t, res, 400, `POST ${JSON.stringify(payload)}`);
      t.equal(body.errors?.[0]?.field, '/', 'names the body');
    }
  });

  await t.test('a write body over 5 MiB is 413 naming the limit', async (t) => {
    const text = 'x'.repeat(WRITE_BODY_LIMIT);
    const payload = JSON.stringify({ id: 'huge', title: 'Huge', text, citations: [] });
    const res = await send(app, 'POST', '/v1/sources', 'application/json', payload);
    const body = assertProblem(t, res, 413, 'POST /v1/sources of 5 MiB and more');
    t.equal(body.type, '/problems/payload-too-large');
    t.match(body.detail, /5242880 bytes \(5 MiB\)/, 'names the limit');
  });

  await t.test(`a URL over ${MAX_URL_LENGTH} characters is 414`, async (t) => {
    const url = `/v1/events?q=${'a'.repeat(MAX_URL_LENGTH)}`;
    const res = await app.inject({ method: 'GET', url });
    const body = assertProblem(t, res, 414, 'a long query string');
    t.equal(body.type, '/problems/uri-too-long');
    t.match(body.detail, new RegExp(`${MAX_URL_LENGTH} characters`), 'names the limit');
    const within = await app.inject({ method: 'GET', url: url.slice(0, MAX_URL_LENGTH) });
    assertProblem(t, within, 400, 'at the limit, the schema answers: q is too long');
  });

  await t.test('a body of another media type is 415', async (t) => {
    const cases: [method: 'POST' | 'PUT' | 'PATCH', url: string, type: string][] = [
      ['POST', '/v1/people', 'text/plain'],
      ['PUT', '/v1/people/kim-jong-un', 'text/plain'],
      ['PATCH', '/v1/people/kim-jong-un', 'text/plain'],
      ['POST', '/v1/people', 'application/xml'],
      ['POST', '/v1/people', 'application/x-www-form-urlencoded'],
      ['POST', '/v1/imports', 'text/plain'],
      ['POST', '/v1/imports', 'application/xml'],
    ];
    for (const [method, url, type] of cases) {
      const res = await send(app, method, url, type, '{"id":"x"}');
      const body = assertProblem(t, res, 415, `${method} ${url} as ${type}`);
      t.equal(body.type, '/problems/unsupported-media-type');
    }
  });
});

/** Every string and array a client can send, with where it is, walked through `$ref`s once. */
function inputsOf(doc: any): { where: string; schema: any }[] {
  const found: { where: string; schema: any }[] = [];
  const seen = new Set<string>();
  const walk = (schema: any, where: string): void => {
    if (!schema) return;
    if (schema.$ref) {
      const name = String(schema.$ref).split('/').pop() ?? '';
      if (seen.has(name)) return;
      seen.add(name);
      walk(doc.components.schemas[name], `${where}→${name}`);
      return;
    }
    if (schema.type === 'string' || schema.type === 'array') found.push({ where, schema });
    for (const key of ['anyOf', 'oneOf', 'allOf']) {
      for (const [i, branch] of (schema[key] ?? []).entries()) walk(branch, `${where}/${key}/${i}`);
    }
    for (const [key, value] of Object.entries(schema.properties ?? {}))
      walk(value, `${where}.${key}`);
    walk(schema.items, `${where}[]`);
    if (typeof schema.additionalProperties === 'object')
      walk(schema.additionalProperties, `${where}{}`);
  };
  for (const [path, operations] of Object.entries<any>(doc.paths)) {
    for (const [method, operation] of Object.entries<any>(operations)) {
      for (const param of operation.parameters ?? []) {
        walk(param.schema, `${method} ${path} ${param.in} ${param.name}`);
      }
      for (const [type, content] of Object.entries<any>(operation.requestBody?.content ?? {})) {
        walk(content.schema, `${method} ${path} body (${type})`);
      }
    }
  }
  return found;
}

t.test('every string and list a client sends has a maximum length', async (t) => {
  const app = await buildTestApp(t, { seed: false });
  const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
  const inputs = inputsOf(doc);
  t.ok(inputs.length > 100, `${inputs.length} strings and lists found`);
  for (const { where, schema } of inputs) {
    if (schema.type === 'string') {
      const bounded =
        schema.maxLength !== undefined ||
        schema.enum !== undefined ||
        schema.const !== undefined ||
        schema.format === 'uuid' ||
        // NDJSON and CSV imports are streamed: bounded by line (MAX_LINE_BYTES), not in total.
        /imports body \((application\/x-ndjson|text\/csv)\)$/.test(where);
      t.ok(bounded, `${where}: maxLength ${schema.maxLength ?? schema.format ?? 'of an enum'}`);
    } else if (/imports body \(application\/json\)→BundleInput\.\w+$/.test(where)) {
      // A bundle's lists of records are bounded by the body limit (64 MiB), not by a count.
      t.equal(schema.maxItems, undefined, `${where}: bounded by the body size`);
    } else {
      t.ok(schema.maxItems !== undefined, `${where}: maxItems ${schema.maxItems}`);
    }
  }
});

t.test('headers over 16 KiB get a problem before Fastify sees the request', async (t) => {
  const app = await buildTestApp(t, { seed: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  const answer = await new Promise<string>((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(`GET /v1/events?q=${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`);
    });
    let text = '';
    socket.on('data', (chunk) => {
      text += chunk.toString('utf8');
    });
    socket.on('close', () => resolve(text));
    socket.on('error', reject);
  });
  const [head = '', body = ''] = answer.split('\r\n\r\n');
  t.match(head, /^HTTP\/1\.1 431 /, '431');
  t.match(head, /content-type: application\/problem\+json/i, 'a problem');
  t.match(JSON.parse(body), { type: '/problems/headers-too-large', status: 431 });
});

t.test('a NUL character in the URL is a 400 naming where, on every route', async (t) => {
  const app = await buildTestApp(t);
  const cases: [string, string, string][] = [
    ['/v1/events?according_to=a%00b', 'query', '/according_to'],
    ['/v1/events?type=war&participant=%00', 'query', '/participant'],
    ['/v1/people?q=%00', 'query', '/q'],
    ['/v1/events?a%00b=1', 'query', '/ab'],
    ['/v1/events/korean%00war', 'path', '/'],
  ];
  for (const [url, location, field] of cases) {
    const res = await app.inject({ method: 'GET', url });
    const body = assertProblem(t, res, 400, url);
    t.match(body.errors, [{ in: location, field, message: /NUL/ }], `${url} names ${field}`);
  }
  const fine = await app.inject({ method: 'GET', url: '/v1/events?according_to=a%2500b' });
  t.equal(fine.statusCode, 200, 'an escaped percent sign followed by 00 is no NUL');
});
