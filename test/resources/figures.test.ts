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
      ['max=10', [], '"nearly 180,000" never comes down to 10 (issue 13)'],
      ['max=161999', [], '"nearly 180,000" starts at 162,000, 0.9 of it'],
      ['max=162000', [KILLED], '"nearly 180,000" reaches 162,000, its lower bound included'],
      ['max=170000', [KILLED], '"nearly 180,000" may be 170,000'],
      ['min=100000&max=150000', [], 'a range below both matches neither'],
      ['min=100000000', [FOUGHT], '"more than 2 million" sets no upper bound'],
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
    {
      lower: 162000,
      lower_inclusive: true,
      upper: 180000,
      upper_inclusive: false,
      rule: 'nearly X: [0.9·X, X)',
    },
    'short of 180,000 and not far short: from 162,000, with the rule it comes from',
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
    {
      lower: 2000000,
      lower_inclusive: false,
      upper: null,
      upper_inclusive: false,
      rule: 'more than X: (X, ∞)',
    },
    '"more than 2 million": above 2 million, with no upper bound',
  );
  t.equal(fought.body.note, null, 'no note');

  await assertNotFound(t, app, '/v1/figures/no-such-figure');
  await assertInvalid(t, app, '/v1/figures/180000%20killed', '/id', 'path');
});

t.test('every hedge of the table, written and queried over HTTP', async (t) => {
  const app = await buildWriteApp(t);
  const figure = (id: string, value: number, qualifier: string, asStated: string) => ({
    id,
    subject: 'chinese-peoples-volunteers',
    event: null,
    measure: 'CPV soldiers killed',
    value,
    qualifier,
    unit: 'soldiers',
    as_stated: asStated,
    citations: [{ source: SOURCE, excerpt: 'Nearly 180,000 of them were killed' }],
  });
  const written: [string, number, string, string, object][] = [
    [
      'about-200',
      200,
      'about',
      'About 200',
      { lower: 180, upper: 220, rule: 'about X: [0.9·X, 1.1·X]' },
    ],
    [
      'almost-50',
      50,
      'almost',
      'Almost 50',
      { lower: 45, upper: 50, rule: 'almost X: [0.9·X, X)' },
    ],
    [
      'at-least-30',
      30,
      'at_least',
      'At least 30',
      { lower: 30, upper: null, rule: 'at least X: [X, ∞)' },
    ],
    [
      'less-than-20',
      20,
      'less_than',
      'Fewer than 20',
      { lower: null, upper: 20, rule: 'less than X: (−∞, X)' },
    ],
    ['at-most-5', 5, 'at_most', 'At most 5', { lower: null, upper: 5, rule: 'at most X: (−∞, X]' }],
    ['exactly-12', 12, 'exact', '12', { lower: 12, upper: 12, rule: 'X: [X, X]' }],
  ];
  for (const [id, value, qualifier, asStated, bounds] of written) {
    const res = await send(app, 'POST', '/v1/figures', figure(id, value, qualifier, asStated));
    t.equal(res.status, 201, `POST "${asStated}" is 201`);
    const { body } = await getJson(app, `/v1/figures/${id}`);
    t.match(body.bounds, bounds, `"${asStated}" answers its bounds and the rule`);
  }
  const cases: [string, string[], string][] = [
    ['qualifier=about&min=220', ['about-200'], '"about 200" reaches 220'],
    ['qualifier=about&min=221', [], 'but not 221'],
    ['qualifier=about&max=180', ['about-200'], '"about 200" comes down to 180'],
    ['qualifier=about&max=179', [], 'but not to 179'],
    ['qualifier=about&max=10', [], '"about" is no longer open on both sides'],
    ['qualifier=almost&max=44', [], '"almost 50" starts at 45'],
    ['qualifier=almost&min=50', [], '"almost 50" never reaches 50'],
    ['qualifier=almost&min=49&max=49', ['almost-50'], '"almost 50" may be 49'],
    ['qualifier=at_least&min=1000000', ['at-least-30'], '"at least 30" has no upper bound'],
    ['qualifier=less_than&max=-5', ['less-than-20'], '"fewer than 20" has no lower bound'],
    ['qualifier=less_than&min=20', [], '"fewer than 20" never reaches 20'],
    ['qualifier=at_most&min=5', ['at-most-5'], '"at most 5" reaches 5'],
    ['qualifier=exact&min=12&max=12', ['exactly-12'], 'an exact figure is its value'],
    ['qualifier=exact&min=13', [], 'and nothing more'],
  ];
  for (const [query, expected, what] of cases) {
    const { status, body } = await getJson(app, `/v1/figures?${query}`);
    t.equal(status, 200, `?${query} is 200`);
    t.same(ids(body.data), expected, `?${query}: ${what}`);
  }
});

t.test('the OpenAPI document gives the table of hedges with min, max and qualifier', async (t) => {
  const app = await buildTestApp(t);
  const { body } = await getJson(app, '/openapi.json');
  const parameters: any[] = body.paths['/v1/figures'].get.parameters;
  const described = (name: string): string => {
    const parameter = parameters.find((q) => q.name === name);
    if (!parameter) throw new Error(`no parameter ${name}`);
    return parameter.description;
  };
  for (const name of ['min', 'max', 'qualifier']) {
    const text = described(name);
    for (const row of [
      '`nearly` ("nearly X"): [0.9·X, X)',
      '`almost` ("almost X"): [0.9·X, X)',
      '`about` ("about X"): [0.9·X, 1.1·X]',
      '`more_than` ("more than X"): (X, ∞)',
    ]) {
      t.match(text, row, `${name} gives ${row}`);
    }
  }
  t.match(described('max'), '`max=10` leaves out "nearly 180,000"', 'max names the bug it fixes');
});
