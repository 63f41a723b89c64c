/**
 * The headers CORS advertises are sent: `Link: <…>; rel="next"` while a list or a view has a next
 * page (the request's own URL with the next cursor), `X-Total-Count` with `count=true`; both the
 * same when the render cache replays the answer, inline and from a read worker.
 */
import t, { type Test } from 'tap';
import type { App } from '../../src/app.js';
import { nextPageUrl } from '../../src/http/reads/page-headers.js';
import { buildTestApp, sqliteOnly, untilReadsAnswer } from '../helper.js';

const WORKERS = sqliteOnly('the SQLite read workers');

const nextOf = (link: unknown): string | undefined =>
  /^<([^>]+)>; rel="next"$/.exec(String(link ?? ''))?.[1];

t.test('nextPageUrl keeps the query and replaces the cursor', async (t) => {
  t.equal(nextPageUrl('/v1/events', 'abc'), '/v1/events?cursor=abc');
  t.equal(
    nextPageUrl('/v1/events?type=war&cursor=old&limit=2', 'n+w/='),
    '/v1/events?type=war&cursor=n%2Bw%2F%3D&limit=2',
    'the old cursor replaced in place, the new one escaped',
  );
});

async function checks(t: Test, app: App) {
  await t.test(
    'a list with a next page links to it; following the links walks the list',
    async (t) => {
      const seen: string[] = [];
      let url: string | undefined = '/v1/events?limit=2&sort=start';
      let pages = 0;
      while (url && pages < 50) {
        const res = await app.inject(url);
        t.equal(res.statusCode, 200, `${url} answers`);
        const body = res.json();
        seen.push(...body.data.map((e: { id: string }) => e.id));
        const next = nextOf(res.headers.link);
        if (body.next_cursor === null) {
          t.equal(res.headers.link, undefined, 'the last page has no Link');
        } else {
          t.ok(next, `${url}: Link rel="next" while next_cursor is set`);
          t.equal(new URL(next as string, 'http://x').searchParams.get('cursor'), body.next_cursor);
          t.equal(
            new URL(next as string, 'http://x').searchParams.get('sort'),
            'start',
            'the query is kept',
          );
        }
        url = next;
        pages += 1;
      }
      const all = (await app.inject('/v1/events?limit=100&sort=start')).json();
      t.same(
        seen,
        all.data.map((e: { id: string }) => e.id),
        'the Links walk every event, in order',
      );
      t.ok(pages > 1, `over ${pages} pages`);
    },
  );

  await t.test('count=true sends X-Total-Count', async (t) => {
    const res = await app.inject('/v1/people?limit=1&count=true');
    t.equal(res.headers['x-total-count'], String(res.json().total));
    t.ok(Number(res.headers['x-total-count']) > 1);
    const without = await app.inject('/v1/people?limit=1');
    t.equal(without.headers['x-total-count'], undefined, 'not without count=true');
    t.ok(nextOf(without.headers.link), 'the Link is there without count too');
  });

  await t.test('a view of an item links to its next page', async (t) => {
    const res = await app.inject('/v1/sources/article-2023-07-27/claims?limit=1');
    t.equal(res.statusCode, 200);
    t.ok(
      nextOf(res.headers.link)?.startsWith('/v1/sources/article-2023-07-27/claims?limit=1&cursor='),
    );
  });

  await t.test('a replayed answer carries the same headers; a 304 does not', async (t) => {
    const url = '/v1/people?limit=2&count=true';
    const first = await app.inject(url);
    const hitsBefore = app.reads.cacheStats()?.hits ?? 0;
    const replay = await app.inject(url);
    t.equal(app.reads.cacheStats()?.hits, hitsBefore + 1, 'the second is a render-cache hit');
    t.equal(replay.headers.link, first.headers.link);
    t.equal(replay.headers['x-total-count'], first.headers['x-total-count']);
    t.ok(replay.headers.link);
    const compressed = await app.inject({
      url: '/v1/events?limit=3&count=true',
      headers: { 'accept-encoding': 'br' },
    });
    const compressedAgain = await app.inject({
      url: '/v1/events?limit=3&count=true',
      headers: { 'accept-encoding': 'br' },
    });
    t.equal(compressedAgain.headers.link, compressed.headers.link, 'compressed replays too');
    t.ok(compressedAgain.headers['x-total-count']);
    const notModified = await app.inject({
      url,
      headers: { 'if-none-match': String(first.headers.etag) },
    });
    t.equal(notModified.statusCode, 304);
    t.equal(notModified.headers.link, undefined, 'a 304 sends no Link (the stored one stands)');
  });
}

t.test('inline reads, render cache on', async (t) => {
  const app = await buildTestApp(t, { cacheMB: 8 });
  await checks(t, app);
});

t.test('a read worker, render cache on', WORKERS, async (t) => {
  const app = await buildTestApp(t, { cacheMB: 8, readWorkers: 1 });
  await untilReadsAnswer(app);
  await checks(t, app);
});
