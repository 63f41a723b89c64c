/**
 * The render cache (src/http/reads/cache-hooks.ts) on the real app and a real file: hits and
 * misses counted in /metrics; a hit sends the same bytes and headers as a miss, and as an app
 * without the cache; a 304 from the cache runs no read; writes through the API and through
 * another connection are seen by the next read; the bound holds; CACHE_MB=0 keeps nothing.
 */
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import Sqlite from 'better-sqlite3';
import t from 'tap';
import type { App } from '../../src/app.js';
import { buildTestApp, sqliteOnly, tempDir, untilReadsAnswer } from '../helper.js';

const ONE_FILE = sqliteOnly('two apps on one SQLite file (databasePath)');
const WORKERS = sqliteOnly('the SQLite read workers');
const OTHER_CONNECTION = sqliteOnly(
  "a second connection to the SQLite file; PostgreSQL's: test/postgres/changes.test.ts",
);

const ITEM = '/v1/events/korean-war';
const KEY = { name: 'test', secret: 'test-secret-0123456789' };
const AUTH = { authorization: `Bearer ${KEY.secret}` };

const METRICS = [
  'annals_render_cache_hits_total',
  'annals_render_cache_misses_total',
  'annals_render_cache_stale_total',
  'annals_render_cache_evictions_total',
  'annals_render_cache_bytes',
  'annals_render_cache_max_bytes',
  'annals_render_cache_entries',
  'annals_read_pool_workers',
  'annals_read_pool_running',
  'annals_read_pool_queued',
  'annals_read_pool_completed_total',
  'annals_read_pool_timeouts_total',
  'annals_read_pool_refused_total',
  'annals_read_pool_replaced_total',
  'process_resident_memory_bytes',
  'nodejs_heap_size_total_bytes',
  'nodejs_heap_size_used_bytes',
  'nodejs_external_memory_bytes',
] as const;
type Metrics = Record<(typeof METRICS)[number], number>;

/** The metrics as numbers by name, from GET /metrics (NaN for one that is missing). */
async function metrics(app: App): Promise<Metrics> {
  const res = await app.inject('/metrics');
  const values = new Map<string, number>();
  for (const line of res.body.split('\n')) {
    const [name, value] = line.split(' ');
    if (name && value && !name.startsWith('#')) values.set(name, Number(value));
  }
  return Object.fromEntries(
    METRICS.map((name) => [name, values.get(name) ?? Number.NaN]),
  ) as Metrics;
}

/** Headers that differ between any two answers, cached or not. */
const VARYING = new Set(['date', 'x-ratelimit-remaining', 'x-ratelimit-reset']);
const comparable = (headers: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(headers).filter(([name]) => !VARYING.has(name)));

t.test('/metrics is Prometheus text, hidden from the OpenAPI document', async (t) => {
  const app = await buildTestApp(t, { cacheMB: 64 });
  const res = await app.inject('/metrics');
  t.equal(res.statusCode, 200);
  t.equal(res.headers['content-type'], 'text/plain; version=0.0.4; charset=utf-8');
  t.equal(res.headers['cache-control'], 'no-store');
  t.match(res.body, /^# TYPE annals_render_cache_hits_total counter$/m);
  const values = await metrics(app);
  for (const name of METRICS) t.ok(Number.isFinite(values[name]), `${name} is reported`);
  t.equal(values.annals_render_cache_max_bytes, 64 * 2 ** 20);
  t.ok(
    values.process_resident_memory_bytes > values.nodejs_heap_size_used_bytes &&
      values.nodejs_heap_size_total_bytes >= values.nodejs_heap_size_used_bytes &&
      values.nodejs_heap_size_used_bytes > 1e6,
    'the process memory is reported: RSS above the heap in use, the heap above 1 MB',
  );
  const openapi = (await app.inject('/openapi.json')).json() as { paths: object };
  t.notOk('/metrics' in openapi.paths, 'not in the OpenAPI document');
  t.equal((await metrics(app)).annals_render_cache_hits_total, 0, '/metrics itself is not cached');
});

t.test(
  'inline reads: hits, misses and the same answer as without the cache',
  ONE_FILE,
  async (t) => {
    const databasePath = join(tempDir(t), 'annals.db');
    const origins = ['https://a.example'];
    const rateLimits = { reads: 1000, writes: 1000, notFound: 1000 };
    const plain = await buildTestApp(t, { databasePath, corsOrigins: origins, rateLimits });
    await plain.ready();
    const app = await buildTestApp(t, {
      databasePath,
      corsOrigins: origins,
      rateLimits,
      cacheMB: 64,
    });
    const headers = { origin: 'https://a.example' };

    await t.test('the second GET is a hit with the same bytes and headers', async (t) => {
      const before = await metrics(app);
      const miss = await app.inject({ url: ITEM, headers });
      const hit = await app.inject({ url: ITEM, headers });
      const after = await metrics(app);
      t.equal(after.annals_render_cache_misses_total - before.annals_render_cache_misses_total, 1);
      t.equal(after.annals_render_cache_hits_total - before.annals_render_cache_hits_total, 1);
      t.equal(after.annals_render_cache_entries, 1);
      t.equal(hit.statusCode, 200);
      t.equal(hit.body, miss.body);
      t.same(
        comparable(hit.headers),
        comparable(miss.headers),
        'same headers but the varying ones',
      );
      const uncached = await plain.inject({ url: ITEM, headers });
      t.same(comparable(hit.headers), comparable(uncached.headers), 'as an app with no cache');
      t.equal(hit.headers.etag, uncached.headers.etag, "caching.ts's ETag, byte for byte");
      t.equal(hit.headers['access-control-allow-origin'], 'https://a.example', 'CORS');
      t.ok(hit.headers['content-security-policy'], 'security headers');
      t.ok(
        Number(hit.headers['x-ratelimit-remaining']) <
          Number(miss.headers['x-ratelimit-remaining']),
        'a hit counts against the rate limit',
      );
    });

    await t.test('a matching If-None-Match gets the same 304 from the cache', async (t) => {
      const { etag } = (await app.inject({ url: ITEM, headers })).headers;
      const conditional = { ...headers, 'if-none-match': String(etag) };
      const fromCache = await app.inject({ url: ITEM, headers: conditional });
      const uncached = await plain.inject({ url: ITEM, headers: conditional });
      t.equal(fromCache.statusCode, 304);
      t.equal(fromCache.rawPayload.length, 0);
      t.same(comparable(fromCache.headers), comparable(uncached.headers));
      // A miss answered 304 (the key is new) stores nothing, and a later GET is a miss again. (An
      // item beside the item: a list's answers also vary on Accept, JSON or CSV.)
      const fresh = '/v1/events/victory-day-2023';
      const full = await plain.inject({ url: fresh, headers });
      const cold = await app.inject({
        url: fresh,
        headers: { ...headers, 'if-none-match': String(full.headers.etag) },
      });
      t.equal(cold.statusCode, 304);
      const { etag: _cold, ...coldHeaders } = comparable(cold.headers);
      const { etag: _hit, ...hitHeaders } = comparable(fromCache.headers);
      t.same(coldHeaders, hitHeaders, 'a miss 304 looks the same, its own ETag apart');
    });

    await t.test('gzip and br variants decode to the identity bytes', async (t) => {
      const list = '/v1/events?limit=50&include=participants';
      const identity = await app.inject({ url: list, headers });
      t.ok(identity.rawPayload.length > 1024, 'over the compression threshold');
      for (const encoding of ['br', 'gzip'] as const) {
        const accept = { ...headers, 'accept-encoding': encoding };
        const first = await app.inject({ url: list, headers: accept });
        const again = await app.inject({ url: list, headers: accept });
        const uncached = await plain.inject({ url: list, headers: accept });
        const decode = encoding === 'br' ? brotliDecompressSync : gunzipSync;
        for (const [what, res] of [
          ['made for a hit', first],
          ['kept', again],
        ] as const) {
          t.equal(res.headers['content-encoding'], encoding, `${encoding} ${what}`);
          t.same(decode(res.rawPayload), identity.rawPayload, `${encoding} ${what} decodes`);
          t.same(
            comparable(res.headers),
            comparable(uncached.headers),
            `${encoding} ${what}: headers`,
          );
        }
        t.same(
          again.rawPayload,
          uncached.rawPayload,
          `${encoding}: the bytes @fastify/compress makes`,
        );
      }
      const misses = (await metrics(app)).annals_render_cache_misses_total;
      const compressedMiss = await app.inject({
        url: '/v1/events?limit=49&include=participants',
        headers: { ...headers, 'accept-encoding': 'gzip, br' },
      });
      t.equal((await metrics(app)).annals_render_cache_misses_total, misses + 1, 'a miss');
      t.equal(compressedMiss.headers['content-encoding'], 'br', 'compressed on a miss too');
      const identityHit = await app.inject({
        url: '/v1/events?limit=49&include=participants',
        headers,
      });
      t.notOk(identityHit.headers['content-encoding'], 'the identity bytes were kept as well');
      t.same(brotliDecompressSync(compressedMiss.rawPayload), identityHit.rawPayload);
    });

    await t.test(
      'URLs are keyed without a trailing slash and with sorted parameters',
      async (t) => {
        const before = await metrics(app);
        await app.inject({ url: '/v1/events?limit=3&from=1950&fields=title', headers });
        const same = await app.inject({
          url: '/v1/events/?fields=title&from=1950&limit=3',
          headers,
        });
        const after = await metrics(app);
        t.equal(same.statusCode, 200);
        t.equal(after.annals_render_cache_hits_total - before.annals_render_cache_hits_total, 1);
      },
    );

    await t.test('timeline, search and the import log are cached too', async (t) => {
      const urls = ['/v1/timeline?limit=2', '/v1/search?q=wreath', '/v1/imports'];
      const before = await metrics(app);
      for (const url of urls) {
        const miss = await app.inject({ url, headers });
        const hit = await app.inject({ url, headers });
        t.equal(hit.statusCode, 200, url);
        t.equal(hit.body, miss.body, url);
      }
      const after = await metrics(app);
      t.equal(after.annals_render_cache_hits_total - before.annals_render_cache_hits_total, 3);
    });

    await t.test('HEAD is answered as without the cache, and not stored', async (t) => {
      const before = await metrics(app);
      const head = await app.inject({ method: 'HEAD', url: '/v1/events?limit=4', headers });
      const uncached = await plain.inject({ method: 'HEAD', url: '/v1/events?limit=4', headers });
      t.equal(head.statusCode, 200);
      t.same(comparable(head.headers), comparable(uncached.headers));
      t.equal((await metrics(app)).annals_render_cache_entries, before.annals_render_cache_entries);
    });

    await t.test('problems are not stored', async (t) => {
      const before = await metrics(app);
      for (const url of ['/v1/events/no-such-event', '/v1/events?limit=0', '/v1/events?cursor=x']) {
        t.ok((await app.inject({ url, headers })).statusCode >= 400, url);
        t.ok((await app.inject({ url, headers })).statusCode >= 400, url);
      }
      const after = await metrics(app);
      t.equal(after.annals_render_cache_entries, before.annals_render_cache_entries);
      t.equal(after.annals_render_cache_hits_total, before.annals_render_cache_hits_total);
    });
  },
);

t.test('pooled reads: a 304 runs no read; a write is seen by the next read', WORKERS, async (t) => {
  const app = await buildTestApp(t, { readWorkers: 2, cacheMB: 64, apiKeys: [KEY] });
  await app.ready();
  await untilReadsAnswer(app, '/v1/events?limit=1&fields=title');
  const person = '/v1/people/kim-jong-un';

  const first = await app.inject(person);
  t.equal(first.statusCode, 200);
  const completed = app.reads.stats()?.completed;
  const notModified = await app.inject({
    url: person,
    headers: { 'if-none-match': String(first.headers.etag) },
  });
  t.equal(notModified.statusCode, 304);
  const hit = await app.inject(person);
  t.equal(hit.body, first.body);
  t.equal(app.reads.stats()?.completed, completed, 'no worker ran a read for either');
  t.equal((await metrics(app)).annals_read_pool_completed_total, completed);

  const patched = await app.inject({
    method: 'PATCH',
    url: person,
    headers: AUTH,
    payload: { name: 'Kim Jong Un (patched)' },
  });
  t.equal(patched.statusCode, 200);
  const stale = (await metrics(app)).annals_render_cache_stale_total;
  const after = await app.inject({ url: person, remoteAddress: '10.0.0.2' });
  t.equal(after.json().name, 'Kim Jong Un (patched)', 'another client sees the write at once');
  t.not(after.headers.etag, first.headers.etag);
  t.equal(
    (await metrics(app)).annals_render_cache_stale_total,
    stale + 1,
    'the old answer was stale',
  );
  t.equal(app.reads.stats()?.completed, (completed ?? 0) + 1, 'read again in a worker');
});

t.test('inline reads: a write through the API is seen by the next read', async (t) => {
  const app = await buildTestApp(t, { cacheMB: 64, apiKeys: [KEY] });
  const list = '/v1/people?fields=name&limit=100';
  const before = (await app.inject(list)).json() as { data: { id: string; name: string }[] };
  t.ok(before.data.some((p) => p.id === 'kim-jong-un'));
  const created = await app.inject({
    method: 'PUT',
    url: '/v1/people/kim-jong-un',
    headers: AUTH,
    payload: {
      id: 'kim-jong-un',
      name: 'Kim Jong Un (replaced)',
      aliases: [],
      citations: [{ source: 'article-2023-07-27', excerpt: 'Kim Jong-un' }],
    },
  });
  t.equal(created.statusCode, 200);
  const after = (await app.inject(list)).json() as { data: { id: string; name: string }[] };
  t.equal(after.data.find((p) => p.id === 'kim-jong-un')?.name, 'Kim Jong Un (replaced)');
});

t.test(
  'a commit by another connection is seen by the next request',
  OTHER_CONNECTION,
  async (t) => {
    const databasePath = join(tempDir(t), 'annals.db');
    const app = await buildTestApp(t, { databasePath, cacheMB: 64 });
    // Over the network, as another process's write and the next request would meet: a request
    // arrives in a later turn of the event loop than the answer before it.
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    const other = new Sqlite(databasePath);
    t.teardown(() => other.close());
    const url = `${base}/v1/people/kim-jong-un`;

    const first = await fetch(url);
    t.equal(((await first.json()) as { name: string }).name, 'Kim Jong-un');
    await (await fetch(url)).arrayBuffer();
    t.equal((await metrics(app)).annals_render_cache_hits_total, 1, 'cached');

    other
      .prepare("update people set name = 'Kim Jong-un (elsewhere)' where id = ?")
      .run('kim-jong-un');
    const after = await fetch(url);
    t.equal(((await after.json()) as { name: string }).name, 'Kim Jong-un (elsewhere)');
    t.equal((await metrics(app)).annals_render_cache_stale_total, 1);
  },
);

t.test('a small cache evicts the least recently used and stays within its bound', async (t) => {
  const cacheMB = 16 / 1024; // 16 KiB: answers of 1 KiB at most are stored
  const app = await buildTestApp(t, { cacheMB });
  const bound = cacheMB * 2 ** 20;
  const urls = Array.from(
    { length: 60 },
    (_, n) => `/v1/events?fields=title&limit=${1 + (n % 3)}&from=${1900 + n}`,
  );
  for (const u of urls) t.equal((await app.inject(u)).statusCode, 200, u);
  const values = await metrics(app);
  t.ok(values.annals_render_cache_evictions_total > 0, 'answers were evicted');
  t.ok(values.annals_render_cache_bytes <= bound, `${values.annals_render_cache_bytes} ≤ ${bound}`);
  t.ok(values.annals_render_cache_entries < urls.length);

  const last = urls[urls.length - 1] as string;
  await app.inject(last);
  t.equal((await metrics(app)).annals_render_cache_hits_total, 1, 'the most recent is kept');
  await app.inject(urls[0] as string);
  t.equal((await metrics(app)).annals_render_cache_hits_total, 1, 'the oldest is gone');
});

t.test('CACHE_MB=0 stores nothing', async (t) => {
  const app = await buildTestApp(t, { cacheMB: 0 });
  const a = await app.inject(ITEM);
  const b = await app.inject({ url: ITEM, headers: { 'if-none-match': String(a.headers.etag) } });
  t.equal(b.statusCode, 304, 'revalidation still works');
  const values = await metrics(app);
  t.equal(values.annals_render_cache_entries, 0);
  t.equal(values.annals_render_cache_hits_total, 0);
  t.equal(values.annals_render_cache_misses_total, 0);
  t.equal(values.annals_render_cache_max_bytes, 0);
  t.equal(app.reads.cacheStats(), null);
});
