import t from 'tap';
import { getJson } from '../helper.js';
import { buildWriteApp, KEY, person, send } from './helper.js';

t.test('writes need an API key; reads do not', async (t) => {
  const app = await buildWriteApp(t);
  const body = person('zanzibar-quetzal', 'Zanzibar Quetzal');
  const cases: [string, Record<string, string>, number][] = [
    ['no Authorization header', { authorization: '' }, 401],
    [
      'a Basic header',
      { authorization: `Basic ${Buffer.from(`x:${KEY.secret}`).toString('base64')}` },
      401,
    ],
    ['a wrong key', { authorization: 'Bearer not-the-secret-at-all' }, 403],
  ];
  for (const [label, headers, status] of cases) {
    for (const [method, url] of [
      ['POST', '/v1/people'],
      ['PUT', '/v1/people/zanzibar-quetzal'],
      ['PATCH', '/v1/people/kim-jong-un'],
      ['DELETE', '/v1/people/kim-jong-un'],
    ] as const) {
      const res = await app.inject({
        method,
        url,
        headers: headers.authorization ? headers : {},
        ...(method === 'DELETE' ? {} : { payload: method === 'PATCH' ? { name: 'x' } : body }),
      });
      t.equal(res.statusCode, status, `${method} ${url} with ${label} answers ${status}`);
      t.match(res.headers['content-type'], /^application\/problem\+json/);
    }
  }
  const unread = await app.inject({
    method: 'POST',
    url: '/v1/people',
    headers: { 'content-type': 'application/json' },
    payload: '{not json',
  });
  t.equal(unread.statusCode, 401, 'the key is checked before the body is read');
  const badJson = await send(app, 'POST', '/v1/people', '{not json', {
    'content-type': 'application/json',
  });
  t.equal(badJson.status, 400, 'with the key, bad JSON answers 400');
  t.same(
    badJson.body.errors.map((e: any) => `${e.in} ${e.field}`),
    ['body /'],
  );
  const missing = await app.inject({ method: 'POST', url: '/v1/people', payload: body });
  t.match(missing.headers['www-authenticate'], /^Bearer/, '401 says how to authenticate');
  t.equal((await getJson(app, '/v1/people/zanzibar-quetzal')).status, 404, 'nothing was written');
  t.equal((await getJson(app, '/v1/people/kim-jong-un')).status, 200, 'reads stay public');
  t.equal(
    (await getJson(app, '/v1/positions/kim-jong-un-general-secretary-workers-party-of-korea'))
      .status,
    200,
  );
});
