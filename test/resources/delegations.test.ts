import t from 'tap';
import { readSeedBundle } from '../../src/bundle/seed.js';
import {
  assertCursorWalk,
  assertInvalid,
  assertNotFound,
  assertUnknownKey,
  byNameThenId,
  ids,
  statementsCursor,
} from '../expect.js';
import { buildTestApp, getJson } from '../helper.js';

const seed = readSeedBundle();
const SHOIGU = 'sergei-shoigu-delegation-pyongyang-2023';
const LI = 'li-hongzhong-delegation-pyongyang-2023';
const AIRPORT = { id: 'pyongyang-international-airport', name: 'Pyongyang International Airport' };

t.test('GET /v1/delegations', async (t) => {
  const app = await buildTestApp(t);

  await t.test('lists every delegation of the seed by name', async (t) => {
    const { status, body } = await getJson(app, '/v1/delegations');
    t.equal(status, 200, 'GET /v1/delegations is 200');
    t.same(
      ids(body.data),
      ids([...seed.delegations].sort(byNameThenId)),
      'the seed delegations, by name',
    );
    t.same(ids(body.data), [LI, SHOIGU], 'the Chinese delegation, then the Russian');
    t.same(
      body.data[1].arrival,
      { value: '2023-07-25', precision: 'day' },
      'a summary carries the arrival date with its precision',
    );
    t.equal(body.data[0].arrival, null, 'the Chinese arrival is not in the article');
  });

  await t.test('each filter finds the delegations it names', async (t) => {
    const cases: [string, string[], string][] = [
      ['leader=sergei-shoigu', [SHOIGU], 'the delegation Shoigu led'],
      ['leader=li-hongzhong', [LI], 'the delegation Li Hongzhong led'],
      ['leader=kim-jong-un', [], 'Kim Jong-un led none'],
      ['sender=china', [LI], 'the delegation China sent'],
      ['sender=russia', [SHOIGU], 'the delegation Russia sent'],
      [
        'event=korean-war-70th-anniversary-commemorations',
        [LI],
        'the one come for the anniversary',
      ],
      ['destination=pyongyang', [LI, SHOIGU], 'both went to Pyongyang'],
      ['destination=dprk', [LI, SHOIGU], 'Pyongyang lies in the DPRK, so both match'],
      ['destination=hoechang-county', [], 'none went to Hoechang County'],
      ['destination=pyongyang-international-airport', [], 'the airport is no destination'],
      ['q=russian', [SHOIGU], 'q matches the name'],
      ['q=DELEGATION', [LI, SHOIGU], 'q is case-insensitive (both match; compared as a set)'],
      ['sender=russia&destination=dprk', [SHOIGU], 'filters combine'],
    ];
    for (const [query, expected, what] of cases) {
      const { status, body } = await getJson(app, `/v1/delegations?${query}`);
      t.equal(status, 200, `?${query} is 200`);
      // q ranks by relevance, so a q answer is compared as a set.
      const got = query.includes('q=') ? ids(body.data).sort() : ids(body.data);
      t.same(got, expected, `?${query}: ${what}`);
    }
  });

  await t.test('the cursor walks the list to its end without repeats', async (t) => {
    const all = await assertCursorWalk(t, app, '/v1/delegations');
    t.same(all, [LI, SHOIGU], 'the walk sees both delegations');
  });

  await t.test('bad input is a 400 problem naming the field', async (t) => {
    await assertInvalid(t, app, '/v1/delegations?leader=Sergei%20Shoigu', '/leader');
    await assertInvalid(t, app, '/v1/delegations?sender=Russia', '/sender');
    await assertInvalid(t, app, '/v1/delegations?destination=pyong--yang', '/destination');
    await assertInvalid(t, app, '/v1/delegations?event=-war', '/event');
    await assertInvalid(t, app, '/v1/delegations?limit=1000', '/limit');
    await assertInvalid(t, app, '/v1/delegations?cursor=%5B%5D', '/cursor');
    const foreign = await statementsCursor(app);
    await assertInvalid(t, app, `/v1/delegations?cursor=${foreign}`, '/cursor');
    await assertUnknownKey(t, app, '/v1/delegations', 'members');
  });
});

t.test(`GET /v1/delegations/${SHOIGU} shows who came, who greeted them, where`, async (t) => {
  const app = await buildTestApp(t);
  const { status, body } = await getJson(app, `/v1/delegations/${SHOIGU}`);
  t.equal(status, 200, 'the delegation is found');
  t.equal(body.name, 'Russian delegation led by Sergei Shoigu', 'its name');
  t.same(body.leader, { id: 'sergei-shoigu', name: 'Sergei Shoigu' }, 'Shoigu leads it');
  t.same(body.sender, { id: 'russia', name: 'Russia' }, 'Russia sent it');
  t.same(body.destination, { id: 'pyongyang', name: 'Pyongyang' }, 'it went to Pyongyang');
  t.same(body.arrival, { value: '2023-07-25', precision: 'day' }, 'it arrived on 25 July, a day');
  t.same(body.arrival_place, AIRPORT, 'at Pyongyang International Airport');
  t.equal(body.event, null, 'the article ties it to no event');
  t.match(body.purpose, /an important stage/, 'the purpose as the ministry stated it');
  t.same(
    body.receivers,
    [
      {
        receiver: { kind: 'person', id: 'kang-sun-nam', name: 'Kang Sun-nam' },
        role: 'greeted',
        place: AIRPORT,
      },
      {
        receiver: { kind: 'group', label: 'senior DPRK officials' },
        role: 'greeted',
        place: AIRPORT,
      },
    ],
    'Kang Sun-nam and the senior DPRK officials greeted it at the airport',
  );
  t.same(body.members, [], 'the article names no other member');
  t.same(
    body.statements.map((s: any) => [s.id, s.speaker.kind, s.speaker.id, s.date?.value ?? null]),
    [
      [
        'kcna-2023-07-26-airport-welcome',
        'organization',
        'korean-central-news-agency',
        '2023-07-26',
      ],
      ['russian-defense-ministry-shoigu-visit', 'organization', 'russian-defense-ministry', null],
    ],
    "KCNA's dated report first, the ministry's undated statement last",
  );
  t.equal(body.citations.length, 3, 'three excerpts back the delegation');
  t.ok(
    body.citations.every((c: any) => c.source.id === 'article-2023-07-27'),
    'every excerpt is from the article',
  );
});

t.test(`GET /v1/delegations/${LI} shows the Chinese delegation`, async (t) => {
  const app = await buildTestApp(t);
  const { body } = await getJson(app, `/v1/delegations/${LI}`);
  t.same(body.leader, { id: 'li-hongzhong', name: 'Li Hongzhong' }, 'Li Hongzhong leads it');
  t.same(body.sender, { id: 'china', name: 'China' }, 'China sent it');
  t.equal(body.event?.id, 'korean-war-70th-anniversary-commemorations', 'for the anniversary');
  t.equal(body.arrival, null, 'no arrival date is known');
  t.equal(body.arrival_place, null, 'nor where it arrived');
  t.same(body.receivers, [], 'no receiver is named');
  t.same(
    body.statements.map((s: any) => [s.id, s.speaker.id, s.mode]),
    [['mao-ning-2023-07-25-li-hongzhong-visit', 'mao-ning', 'quote']],
    "Mao Ning's quote about the visit",
  );
  await assertNotFound(t, app, '/v1/delegations/no-such-delegation');
  await assertInvalid(t, app, '/v1/delegations/Shoigu', '/id', 'path');
});
