/**
 * A JSON bundle's body goes to the import worker as bytes and is parsed there: the same checks and
 * problems as every JSON body of the app, a clear 413 over the limit, and a worker that goes on
 * importing after a body it refused.
 */
import t from 'tap';
import { JSON_BODY_LIMIT } from '../../src/bundle/http/import-routes.js';
import { assertProblem } from '../expect.js';
import { getJson } from '../helper.js';
import { buildImportApp, bundle, KEY, place, postImport } from './imports-helper.js';

t.test('a JSON body is parsed in the import worker', async (t) => {
  const app = await buildImportApp(t);

  await t.test('a body that is not JSON the app takes is 400 naming the body', async (t) => {
    const cases: [label: string, body: string, message: RegExp][] = [
      ['invalid JSON', '{"format": "annals-bundle",', /^not valid JSON/],
      ['an empty body', ' ', /^the body is empty/],
      ['a __proto__ key', '{"format":"annals-bundle","__proto__":{"x":1}}', /^not valid JSON/],
      ['nesting past the limit', `{"places":${'['.repeat(40)}${']'.repeat(40)}}`, /nested more/],
    ];
    for (const [label, body, message] of cases) {
      const { res, json } = await postImport(app, body);
      assertProblem(t, res, 400, label);
      t.equal(json.errors?.[0]?.field, '/', `${label}: names the body`);
      t.match(json.errors?.[0]?.message, message, `${label}: says why`);
    }
    const { body } = await getJson(app, '/v1/imports');
    t.same(
      body.data.map((i: any) => i.key_name),
      ['seed'],
      'a body that was not parsed is no import: none is recorded (the one line is the seed load)',
    );
  });

  await t.test('the worker imports the next body after refusing some', async (t) => {
    const { status, record } = await postImport(app, bundle({ places: [place('tarnwick')] }));
    t.equal(status, 201, '201');
    t.equal(record.report.totals.created, 1, 'the place is created');
  });

  await t.test('a charset parameter and a byte-order mark are taken', async (t) => {
    const text = `\uFEFF${JSON.stringify(bundle({ places: [place('fennick')] }))}`;
    const { status } = await postImport(app, text, { type: 'application/json; charset=utf-8' });
    t.equal(status, 201, '201');
    t.equal((await getJson(app, '/v1/places/fennick')).status, 200, 'the place is there');
  });

  await t.test(`a body over ${JSON_BODY_LIMIT} bytes is 413 pointing to NDJSON`, async (t) => {
    const res = await app.inject({
      method: 'POST',
      url: '/v1/imports',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY.secret}` },
      payload: Buffer.alloc(JSON_BODY_LIMIT + 1, ' '),
    });
    const body = assertProblem(t, res, 413, 'one byte over the limit');
    t.match(body.detail, /64 MiB.*application\/x-ndjson/, 'names the limit and NDJSON');
  });

  await t.test('other errors of the import routes keep their problems', async (t) => {
    const res = await app.inject({ method: 'GET', url: '/v1/imports/not-a-uuid' });
    assertProblem(t, res, 400, 'GET /v1/imports/not-a-uuid');
  });
});
