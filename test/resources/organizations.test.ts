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
const seedIds = (keep: (o: (typeof seed.organizations)[number]) => boolean) =>
  ids(seed.organizations.filter(keep).sort(byNameThenId));

t.test('GET /v1/organizations', async (t) => {
  const app = await buildTestApp(t);

  await t.test('lists every organization of the seed by name', async (t) => {
    const { status, body } = await getJson(app, '/v1/organizations?limit=100');
    t.equal(status, 200, 'GET /v1/organizations is 200');
    t.same(
      ids(body.data),
      seedIds(() => true),
      'the seed organizations, by name',
    );
    t.equal(body.data.length, 16, 'the article names sixteen organizations');
    const bureau = body.data.find((o: any) => o.id === 'cpc-political-bureau');
    t.same(
      bureau.parent,
      { id: 'cpc-central-committee', name: 'Communist Party of China Central Committee' },
      'a summary names the parent body',
    );
    t.same(bureau.country, { id: 'china', name: 'China' }, 'and the state it belongs to');
    const first = await getJson(app, '/v1/organizations');
    t.equal(first.body.data.length, 16, 'the default page of 20 holds all sixteen');
    t.equal(first.body.next_cursor, null, 'so there is no next page');
  });

  await t.test('q finds names and aliases', async (t) => {
    const kcna = await getJson(app, '/v1/organizations?q=kcna');
    t.same(ids(kcna.body.data), ['korean-central-news-agency'], 'q=kcna finds KCNA by its alias');
    const cpv = await getJson(app, '/v1/organizations?q=volunteers');
    t.same(ids(cpv.body.data), ['chinese-peoples-volunteers'], 'q=volunteers finds the CPV');
    const congress = await getJson(app, "/v1/organizations?q=people's%20congress");
    t.same(
      ids(congress.body.data).sort(),
      ['national-peoples-congress', 'npc-standing-committee'],
      "q=people's congress finds the NPC and its Standing Committee",
    );
  });

  await t.test('type and country narrow the list', async (t) => {
    const ministries = await getJson(app, '/v1/organizations?type=ministry');
    t.same(
      ids(ministries.body.data),
      ['chinese-foreign-ministry', 'dprk-defense-ministry', 'russian-defense-ministry'],
      'type=ministry finds the three ministries',
    );
    const chinese = await getJson(app, '/v1/organizations?type=ministry&country=china');
    t.same(ids(chinese.body.data), ['chinese-foreign-ministry'], 'and country=china keeps one');
    const states = await getJson(app, '/v1/organizations?type=state');
    t.same(ids(states.body.data), ['china', 'dprk-state', 'russia'], 'type=state finds 3 states');
    const ofChina = await getJson(app, '/v1/organizations?country=china&limit=100');
    t.same(
      ids(ofChina.body.data),
      seedIds((o) => o.country === 'china'),
      'country=china finds the seven Chinese bodies, not China itself',
    );
    t.equal(ofChina.body.data.length, 7, 'seven of them');
    const none = await getJson(app, '/v1/organizations?type=ministry&country=russia&q=foreign');
    t.same(none.body.data, [], 'all filters combine');
  });

  await t.test('the cursor walks the list to its end without repeats', async (t) => {
    const all = await assertCursorWalk(t, app, '/v1/organizations');
    t.equal(all.length, seed.organizations.length, 'the walk sees every seed organization');
    await assertCursorWalk(t, app, '/v1/organizations?country=china');
  });

  await t.test('bad input is a 400 problem naming the field', async (t) => {
    await assertInvalid(t, app, '/v1/organizations?country=China', '/country');
    await assertInvalid(t, app, `/v1/organizations?type=${'x'.repeat(61)}`, '/type');
    await assertInvalid(t, app, '/v1/organizations?type=', '/type');
    await assertInvalid(t, app, '/v1/organizations?limit=ten', '/limit');
    await assertInvalid(t, app, '/v1/organizations?cursor=not-a-cursor', '/cursor');
    const foreign = await statementsCursor(app);
    await assertInvalid(t, app, `/v1/organizations?cursor=${foreign}`, '/cursor');
    await assertUnknownKey(t, app, '/v1/organizations', 'kind');
  });
});

t.test('GET /v1/organizations/{id} shows bodies, members, words and events', async (t) => {
  const app = await buildTestApp(t);

  const party = await getJson(app, '/v1/organizations/communist-party-of-china');
  t.equal(party.status, 200, 'the CPC is found');
  t.equal(party.body.name, 'Communist Party of China', 'by its name');
  t.same(
    party.body.children,
    [{ id: 'cpc-central-committee', name: 'Communist Party of China Central Committee' }],
    'the CPC contains its Central Committee',
  );
  t.equal(party.body.parent, null, 'the CPC is part of no other body');

  const bureau = await getJson(app, '/v1/organizations/cpc-political-bureau');
  t.same(
    bureau.body.members,
    [
      {
        id: 'li-hongzhong-member-cpc-political-bureau',
        title: 'member',
        person: { id: 'li-hongzhong', name: 'Li Hongzhong' },
      },
    ],
    'Li Hongzhong is a member of the Political Bureau',
  );
  t.equal(bureau.body.parent.id, 'cpc-central-committee', 'inside the Central Committee');

  const wpk = await getJson(app, '/v1/organizations/workers-party-of-korea');
  t.same(
    wpk.body.members.map((m: any) => [m.person.id, m.title]),
    [['kim-jong-un', 'general secretary']],
    "Kim Jong-un is general secretary of the Workers' Party",
  );
  t.same(
    wpk.body.country,
    { id: 'dprk-state', name: "Democratic People's Republic of Korea" },
    "the Workers' Party belongs to the DPRK",
  );

  const cpv = await getJson(app, '/v1/organizations/chinese-peoples-volunteers');
  t.same(
    cpv.body.events.map((e: any) => [e.event.id, e.role, e.start]),
    [
      ['korean-war', 'fought', { value: '1950', precision: 'year' }],
      [
        'kim-jong-un-wreath-laying-cpv-cemetery',
        'honoured',
        { value: '2023-07-25', precision: 'day' },
      ],
    ],
    'the CPV fought the war and was honoured at the wreath-laying, by date',
  );
  t.same(cpv.body.aliases, ['CPV'], 'the CPV is also called CPV');

  const kcna = await getJson(app, '/v1/organizations/korean-central-news-agency');
  t.same(
    kcna.body.statements.map((s: any) => [s.id, s.date.value, s.kind]),
    [['kcna-2023-07-26-airport-welcome', '2023-07-26', 'report']],
    'KCNA reported the airport welcome on 26 July',
  );
  t.same(
    kcna.body.citations.map((c: any) => c.excerpt),
    ['the Korean Central News Agency reported', 'KCNA reported on Wednesday'],
    'KCNA is cited in the order of the seed',
  );

  const ministry = await getJson(app, '/v1/organizations/russian-defense-ministry');
  t.same(
    ministry.body.statements.map((s: any) => [s.id, s.date, s.mode]),
    [['russian-defense-ministry-shoigu-visit', null, 'paraphrase']],
    "the ministry's undated paraphrase is listed with a null date",
  );
  t.same(
    ministry.body.members.map((m: any) => [m.person.id, m.title]),
    [['sergei-shoigu', 'Defense Minister']],
    'Shoigu is the Russian Defense Minister',
  );

  const dprk = await getJson(app, '/v1/organizations/dprk-state');
  t.same(
    dprk.body.events.map((e: any) => [e.event.id, e.role]),
    [
      ['korean-war-70th-anniversary-commemorations', 'held'],
      ['victory-day-2023', 'marked'],
    ],
    'the DPRK held the commemorations and marked Victory Day',
  );

  await assertNotFound(t, app, '/v1/organizations/no-such-body');
  await assertInvalid(t, app, '/v1/organizations/KCNA', '/id', 'path');
});
