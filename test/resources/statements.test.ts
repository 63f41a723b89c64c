import t from 'tap';
import { readSeedBundle } from '../../src/bundle/seed.js';
import {
  assertCursorWalk,
  assertInvalid,
  assertNotFound,
  assertUnknownKey,
  ids,
} from '../expect.js';
import { buildTestApp, getJson } from '../helper.js';
import { buildWriteApp, SOURCE, send } from '../writes/helper.js';

const seed = readSeedBundle();
type SeedStatement = (typeof seed.statements)[number];

/** The API's order: by date (every seed date is a full day), undated last, then by id. */
function chronological(a: SeedStatement, b: SeedStatement): number {
  const [ka, kb] = [`${a.date ?? '9999'} ${a.id}`, `${b.date ?? '9999'} ${b.id}`];
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}
const seedIds = (keep: (s: SeedStatement) => boolean) =>
  ids(seed.statements.filter(keep).sort(chronological));

const LI_VISIT = 'mao-ning-2023-07-25-li-hongzhong-visit';
const KIM_TRIBUTE = 'mao-ning-2023-07-26-kim-tribute';
const UNDATED = 'russian-defense-ministry-shoigu-visit';

t.test('GET /v1/statements', async (t) => {
  const app = await buildTestApp(t);

  await t.test('lists every statement by date, undated last', async (t) => {
    const { status, body } = await getJson(app, '/v1/statements');
    t.equal(status, 200, 'GET /v1/statements is 200');
    t.same(
      ids(body.data),
      seedIds(() => true),
      'the seed statements, chronologically',
    );
    t.equal(body.data.length, 9, 'the article reports nine statements');
    t.equal(body.data[0].date.value, '2023-07-25', 'the first is of 25 July');
    t.equal(body.data.at(-1).id, UNDATED, "the ministry's undated statement comes last");
    t.equal(body.data.at(-1).date, null, 'with a null date');
  });

  await t.test('speaker=mao-ning lists her statements in date order', async (t) => {
    const { body } = await getJson(app, '/v1/statements?speaker=mao-ning');
    t.same(
      ids(body.data),
      [
        LI_VISIT,
        'mao-ning-2023-07-26-friendly-neighbors',
        'mao-ning-2023-07-26-important-consensus',
        KIM_TRIBUTE,
      ],
      'her four statements, 2023-07-25 first',
    );
    t.same(
      body.data.map((s: any) => s.date.value),
      ['2023-07-25', '2023-07-26', '2023-07-26', '2023-07-26'],
      'Tuesday, then Wednesday',
    );
    t.ok(
      body.data.every((s: any) => s.speaker.kind === 'person' && s.speaker.name === 'Mao Ning'),
      'every one is spoken by the person Mao Ning',
    );
    const kcna = await getJson(app, '/v1/statements?speaker=korean-central-news-agency');
    t.same(
      kcna.body.data.map((s: any) => [s.id, s.speaker]),
      [
        [
          'kcna-2023-07-26-airport-welcome',
          {
            kind: 'organization',
            id: 'korean-central-news-agency',
            name: 'Korean Central News Agency',
          },
        ],
      ],
      'an organization speaks too',
    );
  });

  await t.test('from and to take partial dates; undated statements never match', async (t) => {
    const day = await getJson(app, '/v1/statements?from=2023-07-26&to=2023-07-26');
    t.same(
      ids(day.body.data),
      seedIds((s) => s.date === '2023-07-26'),
      'from=to=2023-07-26 finds the statements of that day',
    );
    t.same(
      ids(day.body.data),
      [
        'kcna-2023-07-26-airport-welcome',
        'mao-ning-2023-07-26-friendly-neighbors',
        'mao-ning-2023-07-26-important-consensus',
        KIM_TRIBUTE,
      ],
      "KCNA's report and Mao Ning's three paraphrases",
    );
    const month = await getJson(app, '/v1/statements?from=2023-07');
    t.same(
      ids(month.body.data),
      seedIds((s) => s.date != null),
      'from=2023-07 finds every dated statement and not the undated one',
    );
    const upTo = await getJson(app, '/v1/statements?to=2023-07-25');
    t.same(
      ids(upTo.body.data),
      seedIds((s) => s.date === '2023-07-25'),
      'to=2023-07-25 stops at Tuesday',
    );
    const year = await getJson(app, '/v1/statements?from=2023&to=2023');
    t.equal(year.body.data.length, 8, 'the year 2023 holds the eight dated statements');
    const before = await getJson(app, '/v1/statements?to=2023-07-24');
    t.same(before.body.data, [], 'nothing was said before 25 July');
  });

  await t.test('mode tells a quote from a paraphrase', async (t) => {
    const quotes = await getJson(app, '/v1/statements?mode=quote');
    t.same(
      ids(quotes.body.data),
      ['kim-jong-un-wreath-ribbon-inscription', LI_VISIT],
      'the ribbon inscription and the Tuesday quote are quoted',
    );
    const paraphrases = await getJson(app, '/v1/statements?mode=paraphrase');
    t.same(
      ids(paraphrases.body.data),
      seedIds((s) => s.mode === 'paraphrase'),
      'the other seven are paraphrased',
    );
    t.equal(paraphrases.body.data.length, 7, 'seven paraphrases');
  });

  await t.test('event, delegation and q narrow the list', async (t) => {
    const cases: [string, string[], string][] = [
      [
        'event=kim-jong-un-wreath-laying-cpv-cemetery',
        seedIds((s) => s.event === 'kim-jong-un-wreath-laying-cpv-cemetery'),
        'the statements about the wreath-laying',
      ],
      [
        'delegation=sergei-shoigu-delegation-pyongyang-2023',
        ['kcna-2023-07-26-airport-welcome', UNDATED],
        'the two about the Russian delegation, undated last',
      ],
      ['delegation=li-hongzhong-delegation-pyongyang-2023', [LI_VISIT], 'the one about Li'],
      [
        'q=immortal',
        ['kim-jong-un-remarks-cpv-noble-soul', 'kim-jong-un-wreath-ribbon-inscription'],
        'q finds words of the text (compared as a set)',
      ],
      ['speaker=mao-ning&mode=quote', [LI_VISIT], 'speaker and mode combine'],
      ['speaker=mao-ning&from=2023-07-26&q=kim', [KIM_TRIBUTE], 'three filters combine'],
    ];
    for (const [query, expected, what] of cases) {
      const { body } = await getJson(app, `/v1/statements?${query}`);
      // q ranks by relevance, so a q answer is compared as a set.
      const got = query.includes('q=') ? ids(body.data).sort() : ids(body.data);
      t.same(got, expected, `?${query}: ${what}`);
    }
  });

  await t.test("place takes where a statement was made, never its event's place", async (t) => {
    const beijing = await getJson(app, '/v1/statements?place=beijing');
    t.same(
      ids(beijing.body.data),
      seedIds((s) => s.speaker.kind === 'person' && s.speaker.id === 'mao-ning'),
      "Mao Ning's four remarks were made in Beijing",
    );
    t.ok(
      beijing.body.data.every((s: any) => s.place?.id === 'beijing' && s.place.name === 'Beijing'),
      'each answers its own place',
    );
    const county = await getJson(app, '/v1/statements?place=hoechang-county');
    t.same(
      ids(county.body.data),
      ['kim-jong-un-gratitude-cpv-members', 'kim-jong-un-wreath-ribbon-inscription'],
      "Kim's words at the cemetery, a place inside the county; not Mao Ning's remarks on it",
    );
    t.notOk(
      ids(county.body.data).includes(KIM_TRIBUTE),
      'a remark about the wreath-laying is not placed at the wreath-laying',
    );
    const cemetery = await getJson(
      app,
      '/v1/statements?event=kim-jong-un-wreath-laying-cpv-cemetery&place=cpv-martyrs-cemetery-hoechang',
    );
    t.same(
      ids(cemetery.body.data),
      ['kim-jong-un-gratitude-cpv-members', 'kim-jong-un-wreath-ribbon-inscription'],
      'place and event combine: of the four about the wreath-laying, two were said there',
    );
    const noPlace = await getJson(
      app,
      '/v1/statements?place=dprk&speaker=korean-central-news-agency',
    );
    t.same(noPlace.body.data, [], 'a statement whose place is unknown matches no place');
    const nowhere = await getJson(app, '/v1/statements?place=no-such-place');
    t.same(nowhere.body.data, [], 'an unknown place matches nothing');
  });

  await t.test('the cursor walks the list to its end without repeats', async (t) => {
    const all = await assertCursorWalk(t, app, '/v1/statements');
    t.equal(all.at(-1), UNDATED, 'the walk reaches past the dated statements to the undated one');
    const hers = await assertCursorWalk(t, app, '/v1/statements?speaker=mao-ning');
    t.equal(hers.length, 4, 'a filtered walk keeps the filter on every page');
  });

  await t.test('bad input is a 400 problem naming the field', async (t) => {
    await assertInvalid(t, app, '/v1/statements?from=2023-02-30', '/from');
    await assertInvalid(t, app, '/v1/statements?to=2023-13', '/to');
    await assertInvalid(t, app, '/v1/statements?from=26%2F07%2F2023', '/from');
    await assertInvalid(t, app, '/v1/statements?mode=shout', '/mode');
    await assertInvalid(t, app, '/v1/statements?speaker=Mao%20Ning', '/speaker');
    await assertInvalid(t, app, '/v1/statements?event=Korean_War', '/event');
    await assertInvalid(t, app, '/v1/statements?delegation=x%20y', '/delegation');
    await assertInvalid(t, app, '/v1/statements?place=Beijing%20City', '/place');
    const people = await getJson(app, '/v1/people?limit=1');
    await assertInvalid(t, app, `/v1/statements?cursor=${people.body.next_cursor}`, '/cursor');
    await assertUnknownKey(t, app, '/v1/statements', 'date');
  });
});

t.test('GET /v1/statements/{id}: a quote and a paraphrase', async (t) => {
  const app = await buildTestApp(t);

  const quote = await getJson(app, `/v1/statements/${LI_VISIT}`);
  t.equal(quote.status, 200, 'the quote is found');
  t.equal(quote.body.mode, 'quote', "Tuesday's words are Mao Ning's own");
  t.same(quote.body.speaker, { kind: 'person', id: 'mao-ning', name: 'Mao Ning' }, 'her words');
  t.same(quote.body.date, { value: '2023-07-25', precision: 'day' }, 'said on 25 July');
  t.same(
    quote.body.delegation,
    {
      id: 'li-hongzhong-delegation-pyongyang-2023',
      name: 'Chinese delegation led by Li Hongzhong',
    },
    'about the Chinese delegation',
  );
  t.equal(
    quote.body.event?.id,
    'korean-war-70th-anniversary-commemorations',
    'for the anniversary',
  );
  t.same(quote.body.place, { id: 'beijing', name: 'Beijing' }, 'said in Beijing');
  t.match(quote.body.text, /^We believe the visit will be conducive/, 'the words themselves');
  t.ok(
    quote.body.citations[0].excerpt.includes(`"${quote.body.text}"`),
    'the quoted text stands verbatim, in quotation marks, in the cited excerpt',
  );

  const paraphrase = await getJson(app, `/v1/statements/${KIM_TRIBUTE}`);
  t.equal(paraphrase.body.mode, 'paraphrase', "Wednesday's words are reported speech");
  t.same(paraphrase.body.date, { value: '2023-07-26', precision: 'day' }, 'said on 26 July');
  t.equal(paraphrase.body.event?.id, 'kim-jong-un-wreath-laying-cpv-cemetery', 'on the tribute');
  t.same(
    paraphrase.body.place,
    { id: 'beijing', name: 'Beijing' },
    'made in Beijing, not at the cemetery in Hoechang County where the tribute was (issue 13)',
  );
  t.equal(paraphrase.body.delegation, null, 'about no delegation');
  t.match(
    paraphrase.body.citations[0].excerpt,
    /spokeswoman Mao Ning said on Wednesday/,
    'the excerpt says who spoke',
  );

  const undated = await getJson(app, `/v1/statements/${UNDATED}`);
  t.equal(undated.body.date, null, "the ministry's statement has no date");
  t.equal(undated.body.place, null, 'nor a place: the article does not say where');
  t.same(
    undated.body.speaker,
    { kind: 'organization', id: 'russian-defense-ministry', name: 'Russian Defense Ministry' },
    'an organization spoke it',
  );

  await assertNotFound(t, app, '/v1/statements/no-such-statement');
  await assertInvalid(t, app, '/v1/statements/Mao%20Ning', '/id', 'path');
});

t.test('a statement is written and read back with its own place', async (t) => {
  const app = await buildWriteApp(t);
  const url = '/v1/statements/mao-ning-test-remark';
  const patch = { 'content-type': 'application/merge-patch+json' };
  const created = await send(app, 'POST', '/v1/statements', {
    id: 'mao-ning-test-remark',
    speaker: { kind: 'person', id: 'mao-ning' },
    date: '2023-07-26',
    event: 'kim-jong-un-wreath-laying-cpv-cemetery',
    kind: 'remarks',
    mode: 'paraphrase',
    text: 'a remark about the cemetery',
    citations: [{ source: SOURCE, excerpt: 'Mao Ning said on Wednesday' }],
  });
  t.equal(created.status, 201, 'a statement without a place is written: the field is optional');
  t.equal(created.body.place, null, 'its record holds place: null');
  const unplaced = await getJson(app, url);
  t.equal(unplaced.body.place, null, "the item answers no place, not its event's");
  const before = await getJson(app, '/v1/timeline?place=hoechang-county&kind=statement');
  t.notOk(
    ids(before.body.data).includes('mao-ning-test-remark'),
    "the timeline does not place it at its event's place",
  );

  const patched = await send(app, 'PATCH', url, { place: 'pyongyang' }, patch);
  t.equal(patched.status, 200, 'PATCH gives it a place');
  t.equal(patched.body.place, 'pyongyang', 'its record holds the place id');
  t.same((await getJson(app, url)).body.place, { id: 'pyongyang', name: 'Pyongyang' });
  const country = await getJson(app, '/v1/statements?place=dprk');
  t.same(
    ids(country.body.data),
    [
      'kim-jong-un-gratitude-cpv-members',
      'kim-jong-un-wreath-ribbon-inscription',
      'mao-ning-test-remark',
    ],
    "found under the DPRK, Pyongyang's parent, after Kim's words at the cemetery",
  );
  const timeline = await getJson(app, '/v1/timeline?place=pyongyang&kind=statement');
  t.same(ids(timeline.body.data), ['mao-ning-test-remark'], 'and on the timeline at Pyongyang');

  const dangling = await send(app, 'PATCH', url, { place: 'atlantis' }, patch);
  t.equal(dangling.status, 409, 'a place that does not exist is refused');
  t.match(JSON.stringify(dangling.body), '/place', 'naming the field');
});
