import t from 'tap';
import type { App } from '../../src/app.js';
import { cutOffPostgresDatabase } from '../backend.js';
import { buildTestApp, getJson } from '../helper.js';

/** An id of each kind that the seed holds, so that item routes answer 200 too. */
const KINDS: Record<string, string> = {
  events: 'korean-war',
  people: 'kim-jong-un',
  organizations: 'workers-party-of-korea',
  places: 'hoechang-county',
  delegations: 'sergei-shoigu-delegation-pyongyang-2023',
  statements: 'mao-ning-2023-07-25-li-hongzhong-visit',
  figures: 'cpv-soldiers-killed-korean-war',
  sources: 'article-2023-07-27',
};

interface Case {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  status: number;
  headers?: Record<string, string>;
  payload?: string;
  /** For a 400: the field it must name. */
  field?: [location: string, pointer: string];
}

function casesOf(kind: string, id: string): Case[] {
  const list = `/v1/${kind}`;
  return [
    { method: 'GET', url: list, status: 200 },
    { method: 'GET', url: `${list}/${id}`, status: 200 },
    { method: 'GET', url: `${list}?limit=0`, status: 400, field: ['query', '/limit'] },
    { method: 'GET', url: `${list}?limit=x`, status: 400, field: ['query', '/limit'] },
    { method: 'GET', url: `${list}?cursor=garbage`, status: 400, field: ['query', '/cursor'] },
    { method: 'GET', url: `${list}?q=`, status: 400, field: ['query', '/q'] },
    {
      method: 'GET',
      url: `${list}?colour=red`,
      status: 400,
      field: ['query', '/colour'],
    },
    { method: 'GET', url: `${list}/no-such-${kind}`, status: 404 },
    { method: 'GET', url: `${list}/Not_A_Slug`, status: 400, field: ['path', '/id'] },
    // Writes exist for every kind, but this app has no API key: 401 before anything else.
    { method: 'POST', url: list, status: 401 },
    { method: 'DELETE', url: `${list}/${id}`, status: 401 },
    { method: 'DELETE', url: `${list}/no-such-${kind}`, status: 401 },
  ];
}

/** Lists under an item: each answers 200, 404 for an unknown parent, 400 for bad keys. */
const SUB_LISTS: [parent: string, item: string, list: string][] = [
  ['events', 'korean-war-70th-anniversary-commemorations', 'children'],
  ['people', 'kim-jong-un', 'events'],
  ['people', 'mao-ning', 'statements'],
  ['people', 'sergei-shoigu', 'delegations'],
  ['places', 'dprk', 'events'],
  ['sources', 'article-2023-07-27', 'claims'],
];

function subListCases([parent, item, list]: (typeof SUB_LISTS)[number]): Case[] {
  const url = `/v1/${parent}/${item}/${list}`;
  return [
    { method: 'GET', url, status: 200 },
    { method: 'GET', url: `/v1/${parent}/no-such-item/${list}`, status: 404 },
    { method: 'GET', url: `${url}?limit=0`, status: 400, field: ['query', '/limit'] },
    { method: 'GET', url: `${url}?cursor=garbage`, status: 400, field: ['query', '/cursor'] },
    { method: 'GET', url: `/v1/${parent}/Bad_Id/${list}`, status: 400, field: ['path', '/id'] },
    // The path exists, the method does not: 405 with Allow.
    { method: 'POST', url, status: 405 },
  ];
}

const CASES: Case[] = [
  ...Object.entries(KINDS).flatMap(([kind, id]) => casesOf(kind, id)),
  ...SUB_LISTS.flatMap(subListCases),
  { method: 'GET', url: '/v1/search?q=kim', status: 200 },
  { method: 'GET', url: '/v1/search', status: 400, field: ['query', '/q'] },
  { method: 'GET', url: '/v1/search?q=kim&limit=0', status: 400, field: ['query', '/limit'] },
  { method: 'POST', url: '/v1/search', status: 405 },
  {
    // A write checks the key before it reads the body: without one, the bad JSON is not looked at.
    method: 'POST',
    url: '/v1/people',
    status: 401,
    headers: { 'content-type': 'application/json' },
    payload: '{not json',
  },
  { method: 'GET', url: '/v1/timeline', status: 200 },
  { method: 'GET', url: '/v1/timeline?from=2023-02-30', status: 400, field: ['query', '/from'] },
  { method: 'GET', url: '/v1/timeline?cursor=garbage', status: 400, field: ['query', '/cursor'] },
  { method: 'GET', url: '/openapi.json', status: 200 },
  { method: 'GET', url: '/health', status: 200 },
  { method: 'POST', url: '/health', status: 405 },
  { method: 'GET', url: '/v1/nothing', status: 404 },
  { method: 'GET', url: '/nothing/at/all', status: 404 },
  {
    method: 'PUT',
    url: '/v1/people/kim-jong-un',
    status: 401,
    headers: { 'content-type': 'application/json' },
    payload: '{"name":"x"}',
  },
  { method: 'PUT', url: '/v1/people/kim-jong-un/events', status: 405, payload: '{"name":"x"}' },
  {
    method: 'GET',
    url: '/v1/statements?from=2023-02-30&mode=shout',
    status: 400,
    field: ['query', '/mode'],
  },
  {
    // Fastify reads the body before it finds no route: the bad JSON is what it answers.
    method: 'POST',
    url: '/v1/search',
    status: 400,
    headers: { 'content-type': 'application/json' },
    payload: '{not json',
    field: ['body', '/'],
  },
  // A bad %-escape fails before routing, so no parameter can be named: the whole path is.
  { method: 'GET', url: '/v1/people/%E0%A4%A', status: 400, field: ['path', '/'] },
  // Ids may be up to 120 characters: one that long is looked up, not refused by the router.
  { method: 'GET', url: `/v1/people/${'a'.repeat(120)}`, status: 404 },
  { method: 'GET', url: `/v1/people/${'a'.repeat(121)}`, status: 400, field: ['path', '/id'] },
];

t.test('every error answer is an RFC 9457 problem', async (t) => {
  const app = await buildTestApp(t);
  for (const c of CASES) {
    const label = `${c.method} ${c.url.length > 60 ? `${c.url.slice(0, 60)}…` : c.url}`;
    const res = await app.inject({
      method: c.method,
      url: c.url,
      headers: c.headers,
      payload: c.payload,
    });
    t.equal(res.statusCode, c.status, `${label} answers ${c.status}`);
    const type = String(res.headers['content-type']);
    if (res.statusCode < 400) {
      t.match(type, /^application\/json/, `${label} is application/json`);
      continue;
    }
    t.match(type, /^application\/problem\+json/, `${label} is application/problem+json`);
    const body = res.json();
    t.match(body.type, /^\/problems\/[a-z-]+$/, `${label} has a problem type`);
    t.ok(typeof body.title === 'string' && body.title.length > 0, `${label} has a title`);
    t.equal(body.status, res.statusCode, `${label}: status in the body is the HTTP status`);
    if (res.statusCode === 400) {
      t.ok(
        Array.isArray(body.errors) &&
          body.errors.length > 0 &&
          body.errors.every((e: any) => typeof e.in === 'string' && typeof e.field === 'string'),
        `${label}: every item of errors names in and field`,
      );
    }
    if (c.field) {
      const [where, field] = c.field;
      t.ok(
        body.errors?.some((e: any) => e.in === where && e.field === field),
        `${label} names ${where} ${field}`,
      );
    }
  }
});

t.test('GET /health answers that the API and its database are up', async (t) => {
  const app = await buildTestApp(t);
  const { status, headers, body } = await getJson(app, '/health');
  t.equal(status, 200, 'GET /health is 200');
  t.match(headers['content-type'], /^application\/json/, 'in JSON');
  t.same(body, { status: 'ok', database: 'ok' }, "{ status: 'ok', database: 'ok' }");
});

/**
 * The app's database stops answering: SQLite's connection closed; on PostgreSQL the database
 * refuses new connections and those open are ended.
 */
async function loseDatabase(app: App): Promise<void> {
  if (app.backend === 'sqlite') {
    app.db.$client.close();
    return;
  }
  await cutOffPostgresDatabase(app.postgres.primaryUrl);
}

t.test('without a database: 503 on /health, 500 elsewhere, no details leaked', async (t) => {
  const app = await buildTestApp(t);
  await loseDatabase(app);
  const health = await app.inject({ method: 'GET', url: '/health' });
  t.equal(health.statusCode, 503, 'GET /health is 503 when the database does not answer');
  t.match(health.headers['content-type'], /^application\/problem\+json/, 'as a problem');
  t.match(
    health.json(),
    { type: '/problems/unavailable', status: 503, detail: 'The database does not answer.' },
    'the problem says the database does not answer',
  );
  const person = await app.inject({ method: 'GET', url: '/v1/people/kim-jong-un' });
  t.equal(person.statusCode, 500, 'a read without a database is 500');
  t.match(person.headers['content-type'], /^application\/problem\+json/, 'as a problem');
  t.same(
    person.json(),
    {
      type: '/problems/internal',
      title: 'Internal server error',
      status: 500,
      detail: 'The error has been logged.',
      instance: '/v1/people/kim-jong-un',
    },
    'the 500 says only that it was logged',
  );
  t.notMatch(person.body, /database|sqlite|connection/i, 'the cause is not sent');
});
