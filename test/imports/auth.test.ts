/** Imports need a key; the key's name is recorded and its secret is never logged. */
import { join } from 'node:path';
import { Writable } from 'node:stream';
import t from 'tap';
import { buildApp } from '../../src/app.js';
import { loadSeed } from '../../src/bundle/seed.js';
import { assertProblem } from '../expect.js';
import { tempDir } from '../helper.js';
import {
  buildImportApp,
  bundle,
  dump,
  KEY,
  NDJSON_TYPE,
  ndjson,
  OTHER_KEY,
  place,
  postImport,
} from './imports-helper.js';

const WRONG_SECRET = 'sk-annals-test-wrong-5e1d0c';

t.test('POST /v1/imports without a good key', async (t) => {
  const app = await buildImportApp(t);
  const before = await dump(app);
  const body = bundle({ places: [place('keyless')] });

  const none = await postImport(app, body, { key: null });
  const missing = assertProblem(t, none.res, 401, 'POST /v1/imports without a key');
  t.equal(missing.type, '/problems/unauthorized', 'an unauthorized problem');
  t.equal(none.res.headers['www-authenticate'], 'Bearer realm="annals"', 'asks for a bearer key');

  const wrong = await postImport(app, body, { key: { name: 'x', secret: WRONG_SECRET } });
  const forbidden = assertProblem(t, wrong.res, 403, 'POST /v1/imports with a wrong key');
  t.equal(forbidden.type, '/problems/forbidden', 'a forbidden problem');
  t.notMatch(wrong.res.body, WRONG_SECRET, 'the answer does not echo the key');

  const basic = await app.inject({
    method: 'POST',
    url: '/v1/imports',
    headers: { 'content-type': 'application/json', authorization: `Basic ${KEY.secret}` },
    payload: JSON.stringify(body),
  });
  assertProblem(t, basic, 401, 'POST /v1/imports with a key in another scheme');

  t.same(await dump(app), before, 'nothing was written');
  const log = await app.inject('/v1/imports');
  t.same(
    log.json().data.map((i: any) => i.key_name),
    ['seed'],
    'and no import was logged (the one line is the seed load)',
  );

  const good = await postImport(app, body, { key: OTHER_KEY });
  t.equal(good.status, 201, 'the other configured key works too');
  t.equal(good.record.key_name, OTHER_KEY.name, 'and the import records its name');
});

t.test('the key never appears in the logs', async (t) => {
  let logText = '';
  const stream = new Writable({
    write(chunk, _encoding, done) {
      logText += chunk.toString();
      done();
    },
  });
  const app = await buildApp({
    databasePath: join(tempDir(t), 'annals.db'),
    seedWhenEmpty: (db) => void loadSeed(db),
    corsOrigins: '*',
    apiKeys: [KEY, OTHER_KEY],
    // As src/server.ts configures it, at the most verbose level.
    logger: { level: 'trace', stream, redact: ['req.headers.authorization'] },
  });
  t.teardown(() => app.close());

  const ok = await postImport(app, bundle({ places: [place('logged-place')] }));
  t.equal(ok.status, 201, 'an import that succeeds');
  const rejected = await postImport(app, bundle({ places: [place('bad', { name: '' })] }));
  t.equal(rejected.status, 422, 'an import that is rejected');
  const lines = await postImport(app, ndjson([['places', place('logged-line')]]), {
    type: NDJSON_TYPE,
  });
  t.equal(lines.status, 201, 'an NDJSON import');
  // Whatever this answers (a 500 today, see rejections.test.ts), the error path logs the error.
  await postImport(app, bundle({ sources: [{ id: 'memo', title: 'M', cites: ['a-b', 'a-b'] }] }));
  const wrong = await postImport(app, bundle(), { key: { name: 'x', secret: WRONG_SECRET } });
  t.equal(wrong.status, 403, 'a wrong key');
  const lower = await app.inject({
    method: 'POST',
    url: '/v1/imports',
    headers: { 'content-type': 'text/plain', authorization: `bearer ${OTHER_KEY.secret}` },
    payload: 'x',
  });
  t.equal(lower.statusCode, 415, 'a good key on a body of the wrong type');
  await app.inject({
    method: 'GET',
    url: '/v1/imports',
    headers: { authorization: `Bearer ${KEY.secret}` },
  });
  await new Promise((resolve) => setImmediate(resolve));

  t.match(logText, /incoming request/, 'requests were logged');
  t.match(logText, /"url":"\/v1\/imports"/, 'with their urls');
  t.ok(logText.split('\n').length > 14, 'at least two lines a request');
  for (const [label, secret] of [
    ['the key', KEY.secret],
    ['the other key', OTHER_KEY.secret],
    ['the wrong key', WRONG_SECRET],
  ] as const) {
    t.notOk(logText.includes(secret), `${label} is nowhere in the log`);
  }
});
