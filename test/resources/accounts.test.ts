/**
 * Whose account (issue 13, part 1) and excerpts checked against their source (part 6): a
 * citation says whom the cited source reports (the article, according to KCNA's report,
 * according to Kim), a source's claims include what others report it as saying, and an excerpt
 * is refused unless it is in its source's text, where its offsets are kept.
 */
import t from 'tap';
import type { App } from '../../src/app.js';
import { getJson } from '../helper.js';
import { buildImportApp, bundle, ndjson, postImport } from '../imports/imports-helper.js';
import { assertConsistent, buildWriteApp, databaseDigest, SOURCE, send } from '../writes/helper.js';

const WREATH_REPORT = 'kcna-report-2023-07-26-wreath';
const SHOIGU_REPORT = 'kcna-report-2023-07-26-shoigu';
const NOBLE_SOUL = 'kim-jong-un-remarks-cpv-noble-soul';
const WREATH_LAYING = 'kim-jong-un-wreath-laying-cpv-cemetery';

/** Every claim of a source, a page of `limit` at a time. */
async function claimsOf(app: App, source: string, query = '', limit = 100): Promise<any[]> {
  const claims: any[] = [];
  let cursor: string | null = null;
  do {
    const after: string = cursor === null ? '' : `&cursor=${cursor}`;
    const url = `/v1/sources/${source}/claims?limit=${limit}${query}${after}`;
    const { status, body } = await getJson(app, url);
    if (status !== 200) throw new Error(`${url} answered ${status}`);
    claims.push(...body.data);
    cursor = body.next_cursor;
  } while (cursor !== null);
  return claims;
}

/** The claims of a source read `limit` at a time, as `kind/id/excerpt` keys. */
const walkClaims = async (app: App, source: string, limit: number) =>
  (await claimsOf(app, source, '', limit)).map((c) => `${c.kind}/${c.id}/${c.excerpt}`);

t.test('the seed: the article, according to two KCNA reports, according to Kim', async (t) => {
  const app = await buildWriteApp(t);

  await t.test('the two reports are two sources, both issued by KCNA', async (t) => {
    for (const id of [WREATH_REPORT, SHOIGU_REPORT]) {
      const { status, body } = await getJson(app, `/v1/sources/${id}`);
      t.equal(status, 200, `${id} exists`);
      t.same(body.issued_by, {
        id: 'korean-central-news-agency',
        name: 'Korean Central News Agency',
      });
    }
    const merged = await getJson(app, '/v1/sources/kcna-report-2023-07-26');
    t.equal(merged.status, 404, 'the merged report is gone');
    const { body: article } = await getJson(app, `/v1/sources/${SOURCE}`);
    t.same(
      article.cites.map((s: any) => s.id).sort(),
      [SHOIGU_REPORT, WREATH_REPORT],
      'the article cites both',
    );
  });

  await t.test("what KCNA's report claims: what the article took from it", async (t) => {
    const { body: report } = await getJson(app, `/v1/sources/${WREATH_REPORT}`);
    t.equal(report.claim_count, 0, 'no fact cites the report itself');
    t.ok(report.reported_claim_count >= 5, 'but several are reported as its account');
    const claims = await claimsOf(app, WREATH_REPORT);
    t.equal(claims.length, report.reported_claim_count, 'the claims view lists them all');
    t.ok(
      claims.every((c) => c.as === 'reported' && c.source.id === SOURCE),
      'each reported, by the article',
    );
    const ids = new Set(claims.map((c) => c.id));
    t.ok(ids.has(WREATH_LAYING), 'the wreath-laying');
    t.ok(ids.has(NOBLE_SOUL), "Kim's words");
    t.notOk(ids.has('kcna-2023-07-26-airport-welcome'), 'not the other report’s airport');
    const kim = claims.find((c) => c.id === NOBLE_SOUL);
    t.same(
      kim.according_to.map((s: any) => [s.kind, s.id]),
      [
        ['source', WREATH_REPORT],
        ['person', 'kim-jong-un'],
      ],
      'the chain, outermost first',
    );
    t.equal(kim.according_to[1].name, 'Kim Jong-un', 'each step named');
    t.same(await claimsOf(app, WREATH_REPORT, '&as=stated'), [], 'as=stated: none');
  });

  await t.test('what the article took from KCNA, and from Kim', async (t) => {
    const fromReport = await claimsOf(app, SOURCE, `&according_to=${WREATH_REPORT}`);
    t.ok(fromReport.length >= 5, 'several facts');
    t.ok(
      fromReport.every((c) => c.according_to.some((s: any) => s.id === WREATH_REPORT)),
      'each through that report',
    );
    const fromKim = await claimsOf(app, SOURCE, '&according_to=kim-jong-un');
    t.same(
      fromKim.map((c) => c.id),
      [NOBLE_SOUL],
      'according to Kim: his words, and only them',
    );
    const all = await claimsOf(app, SOURCE);
    t.ok(all.length > fromReport.length, 'without the filter, all the article states');
    t.same(await claimsOf(app, SOURCE, '&as=reported'), [], 'no source reports the article');
  });

  await t.test('according_to= on the lists of facts', async (t) => {
    const ids = async (url: string) => {
      const { status, body } = await getJson(app, url);
      return status === 200 ? body.data.map((item: any) => item.id) : status;
    };
    t.same(await ids(`/v1/events?according_to=${WREATH_REPORT}`), [WREATH_LAYING]);
    t.same(await ids('/v1/statements?according_to=kim-jong-un'), [NOBLE_SOUL], "Kim's words");
    t.same(
      await ids('/v1/places?according_to=korean-central-news-agency'),
      ['cpv-martyrs-cemetery-hoechang', 'pyongyang-international-airport'],
      "an organization: what its reports say (KCNA's two)",
    );
    const counted = await getJson(app, `/v1/places?according_to=${SHOIGU_REPORT}&count=true`);
    t.same([counted.body.data.length, counted.body.total], [1, 1], 'count=true counts the same');
    t.same(await ids('/v1/people?according_to=nobody'), [], 'an id no account names: none');
    t.same(
      await ids('/v1/events?according_to=korean-central-news-agency&from=2023-07&to=2023-07'),
      [WREATH_LAYING],
      'with the other filters',
    );
    const empty = await getJson(app, '/v1/events?according_to=');
    t.equal(empty.status, 400);
    t.equal(empty.body.errors[0].field, '/according_to');
    const both = await claimsOf(app, SOURCE, '&according_to=korean-central-news-agency');
    t.same(
      [...new Set(both.map((c) => c.according_to[0].id))].sort(),
      [SHOIGU_REPORT, WREATH_REPORT],
      "the claims view takes the organization too: what the article took from KCNA's reports",
    );
  });

  await t.test("an item's citations carry their account", async (t) => {
    const { body } = await getJson(app, `/v1/events/${WREATH_LAYING}`);
    // The first two excerpts are what KCNA reported; the others are the article's own.
    t.same(
      body.citations.map((c: any) => c.according_to.map((s: any) => s.id)),
      [[WREATH_REPORT], [WREATH_REPORT], [], []],
    );
    const { body: figure } = await getJson(app, '/v1/figures/cpv-soldiers-killed-korean-war');
    t.same(figure.citations[0].according_to, [], "the article's own: an empty account");
  });

  await t.test('claims come in the order of the text, their offsets on it', async (t) => {
    const { body: article } = await getJson(app, `/v1/sources/${SOURCE}`);
    const text = [...(article.text as string)];
    const claims = await claimsOf(app, SOURCE);
    const starts = claims.map((c) => c.offsets.start);
    t.same(
      starts,
      [...starts].sort((a, b) => a - b),
      'ascending offsets',
    );
    for (const claim of claims) {
      t.equal(
        text.slice(claim.offsets.start, claim.offsets.end).join(''),
        claim.excerpt,
        `${claim.kind}/${claim.id}: the offsets hold the excerpt`,
      );
    }
    t.equal(article.annotations.length, claims.length, 'the item marks every cited span');
    t.same(
      article.annotations.map((a: any) => [a.start, a.kind, a.id]),
      claims.map((c) => [c.offsets.start, c.kind, c.id]),
      'annotations in the order of the text',
    );
    t.same(
      await walkClaims(app, SOURCE, 3),
      claims.map((c) => `${c.kind}/${c.id}/${c.excerpt}`),
      'pages of 3 walk the same list',
    );
    t.same(
      await walkClaims(app, WREATH_REPORT, 2),
      (await claimsOf(app, WREATH_REPORT)).map((c) => `${c.kind}/${c.id}/${c.excerpt}`),
      'the reported part pages too',
    );
  });

  await t.test('a cursor of another list is refused', async (t) => {
    const { status, body } = await getJson(app, `/v1/sources/${SOURCE}/claims?cursor=abc`);
    t.equal(status, 400);
    t.equal(body.errors[0].field, '/cursor');
  });
});

t.test('writing accounts', async (t) => {
  const app = await buildWriteApp(t);
  const excerpt = 'Kim Jong-un, top leader of the Democratic';
  const place = (id: string, according_to: unknown[]) => ({
    id,
    name: 'Somewhere',
    type: 'site',
    citations: [{ source: SOURCE, excerpt, according_to }],
  });

  await t.test('a step naming nothing is a dangling reference, named', async (t) => {
    const res = await send(
      app,
      'POST',
      '/v1/places',
      place('nowhere', [{ kind: 'person', id: 'nobody' }]),
    );
    t.equal(res.status, 409);
    t.equal(res.body.errors[0].field, '/citations/0/according_to/0/id');
  });

  await t.test('a source cannot report itself', async (t) => {
    const res = await send(
      app,
      'POST',
      '/v1/places',
      place('selfish', [{ kind: 'source', id: SOURCE }]),
    );
    t.equal(res.status, 400);
    t.equal(res.body.errors[0].field, '/citations/0/according_to/0/id');
  });

  await t.test('a step listed twice is refused', async (t) => {
    const step = { kind: 'organization', id: 'korean-central-news-agency' };
    const res = await send(app, 'POST', '/v1/places', place('twice', [step, step]));
    t.equal(res.status, 400);
    t.match(res.body.errors[0].field, /^\/citations\/0\/according_to\/1/);
  });

  await t.test('written, read back and exported as given', async (t) => {
    const steps = [
      { kind: 'source', id: WREATH_REPORT },
      { kind: 'organization', id: 'korean-central-news-agency' },
    ];
    const created = await send(app, 'POST', '/v1/places', place('hearsay', steps));
    t.equal(created.status, 201);
    t.same(created.body.citations[0].according_to, steps, 'the stored record');
    const claims = await claimsOf(app, WREATH_REPORT);
    t.ok(
      claims.some((c) => c.id === 'hearsay'),
      'the report now also claims the place',
    );
  });

  await t.test('deleting a person named only in an account', async (t) => {
    const witness = { id: 'witness', name: 'A witness', citations: [{ source: SOURCE, excerpt }] };
    t.equal((await send(app, 'POST', '/v1/people', witness)).status, 201);
    const steps = [{ kind: 'person', id: 'witness' }];
    t.equal((await send(app, 'POST', '/v1/places', place('testimony', steps))).status, 201);
    const refused = await send(app, 'DELETE', '/v1/people/witness');
    t.equal(refused.status, 409, 'refused while an account names them');
    t.match(
      refused.body.errors[0].message,
      /place 'testimony' \(\/citations\/0\/according_to\/0\/id\)/,
    );
    const deleted = await send(app, 'DELETE', '/v1/people/witness?cascade=true');
    t.equal(deleted.status, 204);
    const { body } = await getJson(app, '/v1/places/testimony');
    t.same(body.citations[0].according_to, [], 'the place stays, its account loses the step');
    await assertConsistent(t, app);
  });

  await t.test('deleting a source named in accounts drops it from them', async (t) => {
    const deleted = await send(app, 'DELETE', `/v1/sources/${SHOIGU_REPORT}?cascade=true`);
    t.equal(deleted.status, 204);
    const { body } = await getJson(app, '/v1/statements/kcna-2023-07-26-airport-welcome');
    t.same(body.citations[0].according_to, [], 'the account loses the step, the citation stays');
    await assertConsistent(t, app);
  });
});

t.test('excerpts are checked against their source', async (t) => {
  const app = await buildWriteApp(t);
  const person = (id: string, excerpt: string, source = SOURCE) => ({
    id,
    name: 'Someone',
    citations: [{ source, excerpt }],
  });

  await t.test('a write citing words not in the text is 422, naming them', async (t) => {
    const before = await databaseDigest(app);
    const res = await send(
      app,
      'POST',
      '/v1/people',
      person('liar', 'this text is not in the article'),
    );
    t.equal(res.status, 422);
    t.match(res.headers['content-type'], /application\/problem\+json/);
    t.equal(res.body.errors[0].field, '/citations/0/excerpt');
    t.match(res.body.errors[0].message, /not in the text of source 'article-2023-07-27'/);
    t.equal(await databaseDigest(app), before, 'nothing written');
  });

  await t.test('spacing counts: the match is exact', async (t) => {
    const res = await send(app, 'POST', '/v1/people', person('spaced', 'Kim  Jong-un'));
    t.equal(res.status, 422);
  });

  await t.test('a PATCH to a bad excerpt is refused the same', async (t) => {
    const res = await send(app, 'PATCH', '/v1/people/kim-jong-un', {
      citations: [{ source: SOURCE, excerpt: 'invented words' }],
    });
    t.equal(res.status, 422);
    t.equal(res.body.errors[0].field, '/citations/0/excerpt');
  });

  await t.test("a source's new text must keep what is cited from it", async (t) => {
    const { body: article } = await getJson(app, `/v1/sources/${SOURCE}`);
    const res = await send(app, 'PATCH', `/v1/sources/${SOURCE}`, {
      text: article.text.replace('Nearly 180,000', 'Some'),
    });
    t.equal(res.status, 422);
    t.equal(res.body.errors[0].field, '/text');
    t.match(res.body.errors[0].message, /cpv-soldiers-killed-korean-war/);
  });

  await t.test('a source without text takes any excerpt, with no offsets', async (t) => {
    const created = await send(app, 'POST', '/v1/people', person('heard', 'words', WREATH_REPORT));
    t.equal(created.status, 201);
    const claims = await claimsOf(app, WREATH_REPORT, '&as=stated');
    t.same(
      claims.map((c) => [c.id, c.offsets]),
      [['heard', null]],
    );
  });

  await t.test('offsets count code points, not UTF-16 units', async (t) => {
    const text = '𝔄𝔫𝔫𝔞𝔩𝔰 — 平壤, 2023: the words';
    const source = { id: 'astral', title: 'Astral', text, cites: [], citations: [] };
    t.equal((await send(app, 'POST', '/v1/sources', source)).status, 201);
    t.equal(
      (await send(app, 'POST', '/v1/people', person('astral-1', 'the words', 'astral'))).status,
      201,
    );
    const [claim] = await claimsOf(app, 'astral');
    const start = [...text.slice(0, text.indexOf('the words'))].length;
    t.equal(start, 19, 'six letters outside the BMP count one each');
    t.not(start, text.indexOf('the words'), 'not the UTF-16 index');
    t.same(claim.offsets, { start, end: start + 9 });
    const moved = await send(app, 'PATCH', '/v1/sources/astral', { text: `Now ${text}` });
    t.equal(moved.status, 200, 'a text that keeps the excerpt');
    const [again] = await claimsOf(app, 'astral');
    t.same(again.offsets, { start: 23, end: 32 }, 'the offsets follow the text');
  });
});

t.test('imports check excerpts too', async (t) => {
  const app = await buildImportApp(t);

  await t.test('an excerpt not in its source is rejected with its pointer', async (t) => {
    const input = bundle({
      people: [
        { id: 'true-one', name: 'True', citations: [{ source: SOURCE, excerpt: 'Kim Jong-un' }] },
        {
          id: 'false-one',
          name: 'False',
          citations: [{ source: SOURCE, excerpt: 'no such words' }],
        },
      ],
    });
    const { status, report } = await postImport(app, input, { query: 'mode=partial' });
    t.equal(status, 201);
    t.equal(report.counts.people.created, 1, 'the good one written');
    t.equal(report.counts.people.rejected, 1, 'the bad one rejected');
    t.match(report.rejections[0], {
      kind: 'people',
      id: 'false-one',
      pointer: '/people/1/citations/0/excerpt',
    });
  });

  await t.test("the input's own text of a source counts, forward or not", async (t) => {
    const lines = ndjson([
      [
        'people',
        { id: 'early', name: 'Early', citations: [{ source: 'leaflet', excerpt: 'short' }] },
      ],
      ['sources', { id: 'leaflet', title: 'A leaflet', text: 'A short text.' }],
      ['people', { id: 'late', name: 'Late', citations: [{ source: 'leaflet', excerpt: 'long' }] }],
    ]);
    const { report } = await postImport(app, lines, {
      type: 'application/x-ndjson',
      query: 'mode=partial',
    });
    t.equal(report.counts.people.created, 1);
    t.match(report.rejections, [{ id: 'late', line: 3, pointer: '/citations/0/excerpt' }]);
    const [claim] = await claimsOf(app, 'leaflet');
    t.same([claim.id, claim.offsets], ['early', { start: 2, end: 7 }], 'written with its offsets');
  });

  await t.test('a new text that loses a cited excerpt rejects the source', async (t) => {
    const { status, report } = await postImport(
      app,
      bundle({ sources: [{ id: 'leaflet', title: 'A leaflet', text: 'A text.' }] }),
    );
    t.equal(status, 422);
    t.match(report.rejections, [{ kind: 'sources', id: 'leaflet', pointer: '/sources/0/text' }]);
    t.match(report.rejections[0].reason, /person 'early'/);
  });
});
