/**
 * Boolean query parameters take `true`/`false` and `1`/`0` (issue 14: what PostgREST, Datasette and
 * form libraries send), and anything else is a 400 problem naming the parameter: `count` on
 * lists, `dry_run` on imports, `cascade` on deletes.
 */
import t from 'tap';
import { getJson } from '../helper.js';
import { buildImportApp, bundle, postImport } from '../imports/imports-helper.js';
import { buildWriteApp, person, send } from '../writes/helper.js';

t.test('count takes true/false and 1/0, and refuses other words', async (t) => {
  const app = await buildImportApp(t);
  const all = await getJson(app, '/v1/people?count=true&limit=1');
  t.equal(all.status, 200);
  t.type(all.body.total, 'number');
  t.ok(all.body.total > 1, 'the seed has several people');

  const one = await getJson(app, '/v1/people?count=1&limit=1');
  t.equal(one.status, 200);
  t.equal(one.body.total, all.body.total, 'count=1 counts as count=true does');

  for (const off of ['false', '0']) {
    const res = await getJson(app, `/v1/people?count=${off}&limit=1`);
    t.equal(res.status, 200);
    t.notOk('total' in res.body, `count=${off} gives no total`);
  }

  for (const bad of ['yes', 'TRUE', '2', '']) {
    const res = await getJson(app, `/v1/people?count=${encodeURIComponent(bad)}`);
    t.equal(res.status, 400, `count=${bad} is refused`);
    t.match(res.headers['content-type'], /^application\/problem\+json/);
    t.ok(
      res.body.errors.some((e: { field: string }) => e.field.includes('count')),
      'the problem names count',
    );
  }
});

t.test('dry_run=1 writes nothing, dry_run=0 writes', async (t) => {
  const app = await buildImportApp(t);
  const body = bundle({ people: [person('dry-run-boolean-person', 'Dry Run Boolean')] });
  const dry = await postImport(app, body, { query: 'dry_run=1' });
  t.equal(dry.status, 200);
  t.equal(dry.record.dry_run, true, 'the report says it was a dry run');
  t.equal(dry.report.totals.created, 1, 'it would create the person');
  t.equal((await getJson(app, '/v1/people/dry-run-boolean-person')).status, 404, 'not written');

  const wet = await postImport(app, body, { query: 'dry_run=0' });
  t.equal(wet.status, 201, 'created');
  t.equal((await getJson(app, '/v1/people/dry-run-boolean-person')).status, 200, 'written');

  const bad = await postImport(app, body, { query: 'dry_run=maybe' });
  t.equal(bad.status, 400);
});

t.test('cascade=1 deletes what refers to the record, cascade=0 refuses', async (t) => {
  const app = await buildWriteApp(t);
  const refused = await send(app, 'DELETE', '/v1/places/mao-anying-grave?cascade=0');
  t.equal(refused.status, 409, 'cascade=0 is no cascade');
  const done = await send(app, 'DELETE', '/v1/places/mao-anying-grave?cascade=1');
  t.equal(done.status, 204);
  t.equal((await getJson(app, '/v1/places/mao-anying-grave')).status, 404);
  t.equal(
    (await send(app, 'POST', '/v1/people', person('cascade-word', 'Cascade Word'))).status,
    201,
  );
  t.equal((await send(app, 'DELETE', '/v1/people/cascade-word?cascade=on')).status, 400);
});
