import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import t from 'tap';
import { COMPRESSION_THRESHOLD } from '../../src/http/compression.js';
import { buildTestApp } from '../helper.js';

// Long enough to be compressed.
const LIST = '/v1/events?limit=100';

t.test('compression', async (t) => {
  const app = await buildTestApp(t);
  const get = (headers: Record<string, string> = {}, url = LIST) =>
    app.inject({ method: 'GET', url, headers });
  const plain = await get();
  const expected = plain.json();

  t.ok(plain.rawPayload.length > COMPRESSION_THRESHOLD, 'the list is over the threshold');

  await t.test('no Accept-Encoding: identity', async (t) => {
    t.notOk(plain.headers['content-encoding']);
    t.ok(String(plain.headers.vary).includes('accept-encoding'), 'Vary: Accept-Encoding anyway');
  });

  await t.test('Accept-Encoding: gzip answers gzip that decodes to the same JSON', async (t) => {
    const res = await get({ 'accept-encoding': 'gzip' });
    t.equal(res.headers['content-encoding'], 'gzip');
    t.ok(res.rawPayload.length < plain.rawPayload.length, 'smaller');
    t.same(JSON.parse(gunzipSync(res.rawPayload).toString('utf8')), expected);
    t.ok(String(res.headers.vary).includes('accept-encoding'));
  });

  await t.test('Accept-Encoding: br answers brotli that decodes to the same JSON', async (t) => {
    const res = await get({ 'accept-encoding': 'br' });
    t.equal(res.headers['content-encoding'], 'br');
    t.same(JSON.parse(brotliDecompressSync(res.rawPayload).toString('utf8')), expected);
  });

  await t.test('Accept-Encoding: identity answers identity', async (t) => {
    const res = await get({ 'accept-encoding': 'identity' });
    t.notOk(res.headers['content-encoding']);
    t.same(res.json(), expected);
  });

  await t.test('a short answer is not compressed', async (t) => {
    const res = await get({ 'accept-encoding': 'gzip, br' }, '/health');
    t.ok(res.rawPayload.length < COMPRESSION_THRESHOLD);
    t.notOk(res.headers['content-encoding']);
  });

  await t.test('the ETag is the same whatever the encoding, and 304s either way', async (t) => {
    const gzip = await get({ 'accept-encoding': 'gzip' });
    const br = await get({ 'accept-encoding': 'br' });
    t.equal(gzip.headers.etag, plain.headers.etag);
    t.equal(br.headers.etag, plain.headers.etag);
    for (const encoding of ['gzip', 'br', 'identity']) {
      const res = await get({
        'accept-encoding': encoding,
        'if-none-match': String(gzip.headers.etag),
      });
      t.equal(res.statusCode, 304, `304 when asking ${encoding}`);
      t.equal(res.rawPayload.length, 0, 'with no body, compressed or not');
      t.notOk(res.headers['content-encoding']);
    }
  });
});
