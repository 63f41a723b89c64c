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

const seed = readSeedBundle();
const FOUGHT = 'cpv-soldiers-fought-korean-war';
const KILLED = 'cpv-soldiers-killed-korean-war';

t.test('GET /v1/figures', async (t) => {
  const app = await buildTestApp(t);

  await t.test('lists every figure of the seed by id', async (t) => {
    const { status, body } = await getJson(app, '/v1/figures');
    t.equal(status, 200, 'GET /v1/figures is 200');
    t.same(ids(body.data), ids(seed.figures).sort(), 'the seed figures, by id');
    t.same(ids(body.data), [FOUGHT, KILLED], 'the soldiers who fought, then those killed');
    t.same(
      body.data.map((f: any) => [f.as_stated, f.value, f.qualifier]),
      [
        ['More than 2 million', 2000000, 'more_than'],
        ['Nearly 180,000', 180000, 'nearly'],
      ],
      'each figure keeps its hedge beside its value',
    );
  });

  await t.test('min and max match the range each hedge implies', async (t) => {
    const cases: [string, string[], string][] = [
      ['min=1000000', [FOUGHT], 'only "more than 2 million" reaches a million'],
      ['max=200000', [KILLED], 'only "nearly 180,000" reaches down to 200,000'],
      ['min=180000', [FOUGHT], '"nearly 180,000" never reaches 180,000 itself'],
      ['min=179999', [FOUGHT, KILLED], '"nearly 180,000" reaches 179,999'],
      ['max=2000000', [KILLED], '"more than 2 million" never comes down to 2 million'],
      ['max=2000001', [FOUGHT, KILLED], '"more than 2 million" reaches 2,000,001'],
      ['min=100000&max=3000000', [FOUGHT, KILLED], 'a wide range reaches both'],
      ['min=3000000&max=4000000', [FOUGHT], 'an open upper bound reaches any high range'],
      ['max=1e6', [KILLED], 'a number in exponent form is read as a number'],
    ];
    for (const [query, expected, what] of cases) {
      const { status, body } = await getJson(app, `/v1/figures?${query}`);
      t.equal(status, 200, `?${query} is 200`);
      t.same(ids(body.data), expected, `?${query}: ${what}`);
    }
  });

  await t.test('subject, event, qualifier and q narrow the list', async (t) => {
    const cases: [string, string[], string][] = [
      ['subject=chinese-peoples-volunteers', [FOUGHT, KILLED], 'both count CPV soldiers'],
      ['subject=dprk-army', [], 'none counts the DPRK army'],
      ['event=korean-war', [FOUGHT, KILLED], 'both are about the Korean War'],
      ['event=victory-day-2023', [], 'none is about Victory Day'],
      ['qualifier=nearly', [KILLED], 'the one hedged "nearly"'],
      ['qualifier=more_than', [FOUGHT], 'the one hedged "more than"'],
      ['qualifier=exact', [], 'no figure is exact'],
      ['q=killed', [KILLED], 'q matches what is counted'],
      ['q=ALONGSIDE', [FOUGHT], 'case-insensitively'],
      ['qualifier=nearly&min=1000000', [], 'filters combine'],
    ];
    for (const [query, expected, what] of cases) {
      const { body } = await getJson(app, `/v1/figures?${query}`);
      t.same(ids(body.data), expected, `?${query}: ${what}`);
    }
  });

  await t.test('the cursor walks the list to its end without repeats', async (t) => {
    const all = await assertCursorWalk(t, app, '/v1/figures');
    t.same(all, [FOUGHT, KILLED], 'the walk sees both figures');
  });

  await t.test('bad input is a 400 problem naming the field', async (t) => {
    await assertInvalid(t, app, '/v1/figures?min=abc', '/min');
    await assertInvalid(t, app, '/v1/figures?max=lots', '/max');
    await assertInvalid(t, app, '/v1/figures?min=Infinity', '/min');
    await assertInvalid(t, app, '/v1/figures?qualifier=roughly', '/qualifier');
    await assertInvalid(t, app, '/v1/figures?subject=CPV', '/subject');
    await assertInvalid(t, app, '/v1/figures?event=Korean%20War', '/event');
    await assertInvalid(t, app, '/v1/figures?limit=0', '/limit');
    await assertInvalid(t, app, '/v1/figures?cursor=bm90IGpzb24', '/cursor');
    await assertUnknownKey(t, app, '/v1/figures', 'value');
  });
});

t.test(`GET /v1/figures/${KILLED}: "nearly 180,000" with its bounds`, async (t) => {
  const app = await buildTestApp(t);
  const { status, body } = await getJson(app, `/v1/figures/${KILLED}`);
  t.equal(status, 200, 'the figure is found');
  t.equal(body.measure, 'CPV soldiers killed', 'it counts the CPV soldiers killed');
  t.equal(body.as_stated, 'Nearly 180,000', 'in the words of the article');
  t.equal(body.value, 180000, 'the value');
  t.equal(body.qualifier, 'nearly', 'the hedge');
  t.equal(body.unit, 'soldiers', 'the unit');
  t.same(
    body.bounds,
    { lower: null, lower_inclusive: false, upper: 180000, upper_inclusive: false },
    'short of 180,000, with no lower bound',
  );
  t.same(
    body.subject,
    { id: 'chinese-peoples-volunteers', name: "Chinese People's Volunteers" },
    'it is about the CPV',
  );
  t.same(body.event, { id: 'korean-war', name: 'Korean War' }, 'killed in the Korean War');
  t.match(body.note, /most buried in the DPRK or the Republic of Korea/, 'the note');
  t.same(
    body.citations.map((c: any) => [c.source.id, c.excerpt]),
    [
      [
        'article-2023-07-27',
        'Nearly 180,000 of them were killed, with most buried in the DPRK or the Republic of Korea.',
      ],
    ],
    'the sentence of the article it comes from',
  );

  const fought = await getJson(app, `/v1/figures/${FOUGHT}`);
  t.same(
    fought.body.bounds,
    { lower: 2000000, lower_inclusive: false, upper: null, upper_inclusive: false },
    '"more than 2 million": above 2 million, with no upper bound',
  );
  t.equal(fought.body.note, null, 'no note');

  await assertNotFound(t, app, '/v1/figures/no-such-figure');
  await assertInvalid(t, app, '/v1/figures/180000%20killed', '/id', 'path');
});
