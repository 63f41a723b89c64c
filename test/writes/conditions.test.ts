/**
 * No lost updates: PUT, PATCH and DELETE honour If-Match (412, the record untouched, on an ETag
 * that is no longer the record's), every write answers with the ETag GET then gives, and
 * If-None-Match: * refuses to create over a record that exists.
 */
import t from 'tap';
import { readSeedBundle } from '../../src/bundle/seed.js';
import { KINDS } from '../../src/kinds/index.js';
import { buildTestApp } from '../helper.js';
import { databaseDigest, KEY, person, send } from './helper.js';

const URL = '/v1/people/mao-ning';
const merge = { 'content-type': 'application/merge-patch+json' };

t.test('If-Match on PUT, PATCH and DELETE', async (t) => {
  // The render cache on, as in production: the ETag of a replayed GET must be the same.
  const app = await buildTestApp(t, { apiKeys: [KEY], cacheMB: 8 });
  const etagOf = async (url: string) => String((await send(app, 'GET', url)).headers.etag);

  await t.test('two editors read the same record; the second save is refused', async (t) => {
    const read = await etagOf(URL);
    const first = await send(
      app,
      'PATCH',
      URL,
      { description: 'first' },
      { ...merge, 'if-match': read },
    );
    t.equal(first.status, 200, "the first editor's save goes through");
    t.equal(first.headers.etag, await etagOf(URL), 'the answer carries the ETag GET now gives');
    t.not(first.headers.etag, read, 'a new ETag');

    const before = await databaseDigest(app);
    const second = await send(
      app,
      'PATCH',
      URL,
      { description: 'second' },
      { ...merge, 'if-match': read },
    );
    t.equal(second.status, 412, 'the stale ETag is refused');
    t.match(second.headers['content-type'], /^application\/problem\+json/);
    t.equal(second.body.type, '/problems/precondition-failed');
    t.equal(second.headers.etag, undefined, 'a problem has no ETag');
    t.equal(await databaseDigest(app), before, 'nothing was written');
    t.equal((await send(app, 'GET', URL)).body.description, 'first', 'the first save is kept');

    const retried = await send(
      app,
      'PATCH',
      URL,
      { description: 'second' },
      { ...merge, 'if-match': String(first.headers.etag) },
    );
    t.equal(retried.status, 200, 'with the fresh ETag the second save goes through');
  });

  await t.test(
    'PUT: a stale ETag is 412, the current one (or one in a list, or *) passes',
    async (t) => {
      const current = await send(
        app,
        'GET',
        '/v1/positions/mao-ning-spokeswoman-chinese-foreign-ministry',
      );
      const url = '/v1/positions/mao-ning-spokeswoman-chinese-foreign-ministry';
      const etag = String(current.headers.etag);
      const record = current.body;
      const stale = await send(app, 'PUT', url, record, { 'if-match': '"not-the-etag"' });
      t.equal(stale.status, 412);
      const listed = await send(app, 'PUT', url, record, { 'if-match': `"other", ${etag}` });
      t.equal(listed.status, 200, 'an If-Match list naming the current ETag passes');
      t.equal(listed.headers.etag, etag, 'the same record, the same ETag');
      const weak = await send(app, 'PUT', url, record, { 'if-match': `W/${etag}` });
      t.equal(weak.status, 412, 'a weak tag never matches If-Match (strong comparison)');
      const any = await send(app, 'PUT', url, record, { 'if-match': '*' });
      t.equal(any.status, 200, '* passes while the record exists');
      const absent = await send(app, 'PUT', '/v1/people/nobody-yet', person('nobody-yet', 'N'), {
        'if-match': '*',
      });
      t.equal(absent.status, 412, 'If-Match: * on a record that does not exist is a 412');
      t.equal((await send(app, 'GET', '/v1/people/nobody-yet')).status, 404, 'and creates nothing');
    },
  );

  await t.test(
    'DELETE with a stale ETag is refused, with the current one goes through',
    async (t) => {
      const created = await send(app, 'PUT', '/v1/people/short-lived', person('short-lived', 'S'));
      t.equal(created.status, 201);
      t.equal(
        created.headers.etag,
        await etagOf('/v1/people/short-lived'),
        'a create answers its ETag too',
      );
      const etag = String(created.headers.etag);
      await send(app, 'PATCH', '/v1/people/short-lived', { description: 'changed' }, merge);
      const stale = await send(app, 'DELETE', '/v1/people/short-lived', undefined, {
        'if-match': etag,
      });
      t.equal(stale.status, 412);
      t.equal((await send(app, 'GET', '/v1/people/short-lived')).status, 200, 'still there');
      const fresh = await etagOf('/v1/people/short-lived');
      const gone = await send(app, 'DELETE', '/v1/people/short-lived', undefined, {
        'if-match': fresh,
      });
      t.equal(gone.status, 204);
      t.equal((await send(app, 'GET', '/v1/people/short-lived')).status, 404);
    },
  );

  await t.test('a malformed If-Match is a 400 naming the header', async (t) => {
    const res = await send(
      app,
      'PATCH',
      URL,
      { description: 'x' },
      { ...merge, 'if-match': 'abc' },
    );
    t.equal(res.status, 400);
    t.match(res.body.errors, [{ in: 'header', field: 'if-match' }]);
  });
});

t.test('If-None-Match: * creates only', async (t) => {
  const app = await buildTestApp(t, { apiKeys: [KEY] });
  const exists = await send(app, 'PUT', URL, person('mao-ning', 'Mao Ning'), {
    'if-none-match': '*',
  });
  t.equal(exists.status, 412, 'PUT over an existing record is refused');
  t.equal((await send(app, 'GET', URL)).body.name, 'Mao Ning');
  const post = await send(app, 'POST', '/v1/people', person('mao-ning', 'Other'), {
    'if-none-match': '*',
  });
  t.equal(post.status, 412, 'POST of an existing id is a 412 with the condition');
  t.equal(post.body.type, '/problems/precondition-failed');
  const created = await send(app, 'PUT', '/v1/people/brand-new', person('brand-new', 'B'), {
    'if-none-match': '*',
  });
  t.equal(created.status, 201, 'PUT of a new id creates');
  const posted = await send(app, 'POST', '/v1/people', person('brand-newer', 'C'), {
    'if-none-match': '*',
  });
  t.equal(posted.status, 201, 'POST of a new id creates');
  t.equal(
    posted.headers.etag,
    String((await send(app, 'GET', '/v1/people/brand-newer')).headers.etag),
  );
});

t.test("every kind: a write's ETag is its GET's, inline and in a worker", async (t) => {
  const seed = readSeedBundle() as unknown as Record<string, { id: string }[]>;
  for (const readWorkers of [0, 1]) {
    const app = await buildTestApp(t, { apiKeys: [KEY], readWorkers, cacheMB: 8 });
    for (const kind of KINDS) {
      const record = seed[kind.name]?.find((r) => r.id === kind.example.id) ?? seed[kind.name]?.[0];
      if (!record) continue;
      const url = `/v1/${kind.name}/${record.id}`;
      let got = await send(app, 'GET', url);
      for (let i = 0; got.status === 503 && i < 100; i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        got = await send(app, 'GET', url);
      }
      const put = await send(app, 'PUT', url, record, { 'if-match': String(got.headers.etag) });
      t.equal(
        put.status,
        200,
        `${kind.name} (workers: ${readWorkers}): PUT with the GET's ETag passes`,
      );
      t.equal(put.headers.etag, got.headers.etag, `${kind.name}: the same record, the same ETag`);
    }
  }
});
