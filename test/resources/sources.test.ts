import t from 'tap';
import { readSeedBundle } from '../../src/bundle/seed.js';
import {
  assertCursorWalk,
  assertInvalid,
  assertNotFound,
  assertUnknownKey,
  ids,
  statementsCursor,
} from '../expect.js';
import { buildTestApp, getJson } from '../helper.js';

const seed = readSeedBundle();
const ARTICLE = 'article-2023-07-27';
const KCNA = 'kcna-report-2023-07-26-wreath';
const SHOIGU = 'kcna-report-2023-07-26-shoigu';
const articleRecord = seed.sources.find((s) => s.id === ARTICLE);
const kcnaRecord = seed.sources.find((s) => s.id === KCNA);
const shoiguRecord = seed.sources.find((s) => s.id === SHOIGU);

/** How many citations in the whole seed rest on `sourceId`: what `claim_count` must say. */
function citationsResting(sourceId: string): number {
  let count = 0;
  for (const value of Object.values(seed)) {
    if (!Array.isArray(value)) continue;
    for (const record of value as { citations?: { source: string }[] }[]) {
      count += (record.citations ?? []).filter((c) => c.source === sourceId).length;
    }
  }
  return count;
}

t.test('GET /v1/sources', async (t) => {
  const app = await buildTestApp(t);

  await t.test('lists every source of the seed by id, without full texts', async (t) => {
    const { status, body } = await getJson(app, '/v1/sources');
    t.equal(status, 200, 'GET /v1/sources is 200');
    t.same(ids(body.data), ids(seed.sources).sort(), 'the seed sources, by id');
    t.same(ids(body.data), [ARTICLE, SHOIGU, KCNA], 'the article, then the KCNA reports it cites');
    t.same(
      body.data.map((s: any) => [s.id, s.has_text]),
      [
        [ARTICLE, true],
        [SHOIGU, false],
        [KCNA, false],
      ],
      'we hold the text of the article, not of the KCNA reports',
    );
    t.ok(
      body.data.every((s: any) => !('text' in s)),
      'a list never carries a full text',
    );
    t.same(
      body.data[2].published,
      { value: '2023-07-26', precision: 'day' },
      'the reports were published on 26 July',
    );
  });

  await t.test('publisher and q narrow the list', async (t) => {
    const cases: [string, string[], string][] = [
      ['publisher=Korean%20Central%20News%20Agency', [SHOIGU, KCNA], 'the reports KCNA published'],
      ['publisher=Xinhua', [], 'nothing from Xinhua'],
      ['publisher=korean%20central%20news%20agency', [], 'publisher is an exact name'],
      ['q=tribute', [KCNA, ARTICLE], 'q matches the titles: the report on the tribute first'],
      ['q=report&publisher=Korean%20Central%20News%20Agency', [SHOIGU, KCNA], 'filters combine'],
    ];
    for (const [query, expected, what] of cases) {
      const { status, body } = await getJson(app, `/v1/sources?${query}`);
      t.equal(status, 200, `?${query} is 200`);
      t.same(ids(body.data), expected, `?${query}: ${what}`);
    }
    const ranked = await getJson(app, '/v1/sources?q=KOREAN%20CENTRAL');
    t.same(
      ids(ranked.body.data),
      [SHOIGU, KCNA, ARTICLE],
      'q=KOREAN CENTRAL: the reports titled so rank before the article that mentions it',
    );
  });

  await t.test('the cursor walks the list to its end without repeats', async (t) => {
    const all = await assertCursorWalk(t, app, '/v1/sources');
    t.same(all, [ARTICLE, SHOIGU, KCNA], 'the walk sees the three sources');
  });

  await t.test('bad input is a 400 problem naming the field', async (t) => {
    await assertInvalid(t, app, '/v1/sources?publisher=', '/publisher');
    await assertInvalid(t, app, `/v1/sources?publisher=${'x'.repeat(201)}`, '/publisher');
    await assertInvalid(t, app, '/v1/sources?q=', '/q');
    await assertInvalid(t, app, '/v1/sources?limit=many', '/limit');
    const foreign = await statementsCursor(app);
    await assertInvalid(t, app, `/v1/sources?cursor=${foreign}`, '/cursor');
    await assertUnknownKey(t, app, '/v1/sources', 'author');
  });
});

t.test(`GET /v1/sources/${ARTICLE} holds the article and what it cites`, async (t) => {
  const app = await buildTestApp(t);
  const { status, body } = await getJson(app, `/v1/sources/${ARTICLE}`);
  t.equal(status, 200, 'the article is found');
  t.equal(
    body.title,
    "Kim Jong-un pays tribute to Chinese People's Volunteers martyrs on war anniversary",
    'its title',
  );
  t.equal(body.has_text, true, 'we hold its text');
  t.equal(body.text, articleRecord?.text, 'the text is the one in the seed, whole');
  t.match(body.text, /Nearly 180,000 of them were killed/, 'the text has the figures');
  t.match(
    body.text,
    /greeted by senior DPRK officials including Defense Minister Kang Sun-nam/,
    'the text has the airport welcome',
  );
  t.same(
    body.cites,
    [
      { id: SHOIGU, name: shoiguRecord?.title },
      { id: KCNA, name: kcnaRecord?.title },
    ],
    'the article cites the two KCNA reports',
  );
  t.same(body.cited_by, [], 'nothing in the seed cites the article');
  t.equal(body.claim_count, citationsResting(ARTICLE), 'every citation in the seed rests on it');
  t.ok(body.claim_count > 80, 'more than eighty citations rest on the article');
  t.same(body.citations, [], 'the article is its own authority');
});

t.test(`GET /v1/sources/${KCNA} is known only through the article`, async (t) => {
  const app = await buildTestApp(t);
  const { status, body } = await getJson(app, `/v1/sources/${KCNA}`);
  t.equal(status, 200, 'the report is found');
  t.equal(body.publisher, 'Korean Central News Agency', 'KCNA published it');
  t.equal(body.has_text, false, 'we do not hold its text');
  t.equal(body.text, null, 'so the text is null');
  t.same(body.cites, [], 'it cites nothing we know of');
  t.same(
    body.cited_by,
    [{ id: ARTICLE, name: articleRecord?.title }],
    'the article cites it (cited_by)',
  );
  t.equal(body.claim_count, citationsResting(KCNA), 'no citation rests on it directly');
  t.same(
    body.citations.map((c: any) => [c.source.id, c.excerpt]),
    [
      [ARTICLE, "DPRK's state media reported on Wednesday"],
      [ARTICLE, 'the Korean Central News Agency reported'],
    ],
    'its record is backed by two excerpts of the article, in order',
  );

  await assertNotFound(t, app, '/v1/sources/no-such-source');
  await assertInvalid(t, app, '/v1/sources/KCNA', '/id', 'path');
});
