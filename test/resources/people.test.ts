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
const ARTICLE = 'article-2023-07-27';

t.test('GET /v1/people', async (t) => {
  const app = await buildTestApp(t);

  await t.test('lists every person of the seed by name', async (t) => {
    const { status, body } = await getJson(app, '/v1/people');
    t.equal(status, 200, 'GET /v1/people is 200');
    t.same(ids(body.data), ids([...seed.people].sort(byNameThenId)), 'the seed people, by name');
    t.equal(body.data.length, 7, 'the article names seven people');
    t.equal(body.next_cursor, null, 'seven fit the default page');
    const kim = body.data.find((p: any) => p.id === 'kim-jong-un');
    t.same(
      kim,
      {
        id: 'kim-jong-un',
        name: 'Kim Jong-un',
        aliases: ['Kim'],
        country: { id: 'dprk-state', name: "Democratic People's Republic of Korea" },
        description: "top leader of the Democratic People's Republic of Korea",
      },
      'a summary names the country, so no second request is needed',
    );
  });

  await t.test('q finds names and aliases, case-insensitively', async (t) => {
    const byAlias = await getJson(app, '/v1/people?q=shoigu');
    t.same(ids(byAlias.body.data), ['sergei-shoigu'], 'q=shoigu finds Sergei Shoigu');
    const upper = await getJson(app, '/v1/people?q=KIM');
    t.same(ids(upper.body.data), ['kim-jong-un'], 'q=KIM finds Kim Jong-un');
    const maos = await getJson(app, '/v1/people?q=mao');
    t.same(
      ids(maos.body.data).sort(),
      ['mao-anying', 'mao-ning', 'mao-zedong'],
      'q=mao finds the three Maos (in order of relevance)',
    );
  });

  await t.test('organization finds people holding a position in it or inside it', async (t) => {
    const party = await getJson(app, '/v1/people?organization=communist-party-of-china');
    t.same(
      ids(party.body.data),
      ['li-hongzhong'],
      'the CPC finds Li Hongzhong, member of its Political Bureau two levels down',
    );
    const bureau = await getJson(app, '/v1/people?organization=cpc-political-bureau');
    t.same(ids(bureau.body.data), ['li-hongzhong'], 'the Political Bureau itself finds him too');
    const npc = await getJson(app, '/v1/people?organization=national-peoples-congress');
    t.same(ids(npc.body.data), ['li-hongzhong'], 'the NPC finds its Standing Committee member');
    const wpk = await getJson(app, '/v1/people?organization=workers-party-of-korea');
    t.same(ids(wpk.body.data), ['kim-jong-un'], "the Workers' Party finds Kim Jong-un");
    const ministry = await getJson(app, '/v1/people?organization=chinese-foreign-ministry');
    t.same(ids(ministry.body.data), ['mao-ning'], 'the Foreign Ministry finds Mao Ning');
    const both = await getJson(app, '/v1/people?organization=communist-party-of-china&q=mao');
    t.same(both.body.data, [], 'filters combine: no Mao holds a CPC position in the article');
    const unknown = await getJson(app, '/v1/people?organization=no-such-body');
    t.same(unknown.body.data, [], 'an organization nobody belongs to finds nobody');
  });

  await t.test('the cursor walks the list to its end without repeats', async (t) => {
    const all = await assertCursorWalk(t, app, '/v1/people');
    t.equal(all.length, seed.people.length, 'the walk sees every seed person');
  });

  await t.test('bad input is a 400 problem naming the field', async (t) => {
    await assertInvalid(t, app, '/v1/people?organization=Communist%20Party', '/organization');
    await assertInvalid(t, app, '/v1/people?limit=0', '/limit');
    await assertInvalid(t, app, '/v1/people?limit=101', '/limit');
    await assertInvalid(t, app, '/v1/people?limit=1.5', '/limit');
    await assertInvalid(t, app, '/v1/people?q=%20%20', '/q');
    await assertInvalid(t, app, '/v1/people?q=%25', '/q');
    await assertInvalid(t, app, '/v1/people?cursor=not-a-cursor', '/cursor');
    const foreign = await statementsCursor(app);
    await assertInvalid(t, app, `/v1/people?cursor=${foreign}`, '/cursor');
    await assertUnknownKey(t, app, '/v1/people', 'org');
  });
});

t.test('GET /v1/people/kim-jong-un shows his positions, events and words', async (t) => {
  const app = await buildTestApp(t);
  const { status, body } = await getJson(app, '/v1/people/kim-jong-un');
  t.equal(status, 200, 'GET /v1/people/kim-jong-un is 200');
  t.equal(body.name, 'Kim Jong-un', 'his name');
  t.same(
    body.positions.map((p: any) => [p.title, p.organization?.id, p.organization?.name]),
    [
      ['general secretary', 'workers-party-of-korea', "Workers' Party of Korea"],
      ['president', 'state-affairs-commission', 'State Affairs Commission of the DPRK'],
    ],
    'general secretary of the WPK and president of the State Affairs Commission',
  );
  t.same(
    body.positions[0].citations,
    [
      {
        source: {
          id: ARTICLE,
          name: "Kim Jong-un pays tribute to Chinese People's Volunteers martyrs on war anniversary",
        },
        excerpt: "Kim, general secretary of the Workers' Party of Korea",
        according_to: [],
      },
    ],
    'a position cites the words of the article, its own account',
  );
  t.same(
    body.events.map((e: any) => [e.event.id, e.role, e.start.value]),
    [
      ['kim-jong-un-tribute-mao-anying-grave', 'placed a flower', '2023-07-25'],
      ['kim-jong-un-wreath-laying-cpv-cemetery', 'laid the wreath', '2023-07-25'],
    ],
    'the two events of 25 July and his role in each',
  );
  t.same(
    ids(body.statements),
    [
      'kim-jong-un-gratitude-cpv-members',
      'kim-jong-un-remarks-cpv-noble-soul',
      'kim-jong-un-wreath-ribbon-inscription',
    ],
    'his three statements',
  );
  t.equal(
    body.statements.find((s: any) => s.id === 'kim-jong-un-wreath-ribbon-inscription').mode,
    'quote',
    'the ribbon inscription is quoted',
  );
  t.same(body.relations, [], 'the article relates him to no one');
  t.same(body.delegations, [], 'he led, joined or received no delegation');
  t.equal(body.citations[0].source.id, ARTICLE, 'the person record cites the article');
  const whole = (total: number) => ({ total, more: null });
  t.same(
    body.lists,
    {
      positions: whole(2),
      relations: whole(0),
      events: whole(2),
      statements: whole(3),
      delegations: whole(0),
      citations: whole(body.citations.length),
    },
    'lists: every list is shown whole, so none points to more',
  );
});

t.test('the relation of Mao Anying to Mao Zedong shows from both people', async (t) => {
  const app = await buildTestApp(t);
  const expected = {
    id: 'mao-anying-eldest-son-of-mao-zedong',
    relation: 'eldest son of',
    person: { id: 'mao-anying', name: 'Mao Anying' },
    related_person: { id: 'mao-zedong', name: 'Mao Zedong' },
  };
  for (const id of ['mao-anying', 'mao-zedong']) {
    const { status, body } = await getJson(app, `/v1/people/${id}`);
    t.equal(status, 200, `GET /v1/people/${id} is 200`);
    t.equal(body.relations.length, 1, `${id} has one relation`);
    t.match(body.relations[0], expected, `${id}: Mao Anying is the eldest son of Mao Zedong`);
    t.equal(
      body.relations[0].citations[0]?.excerpt,
      'Mao Anying, the eldest son of Chairman Mao Zedong',
      `${id}: the relation cites the article`,
    );
  }
  const zedong = await getJson(app, '/v1/people/mao-zedong');
  t.same(
    zedong.body.positions.map((p: any) => [p.title, p.organization]),
    [['Chairman', null]],
    'Chairman, of no organization the article names',
  );
  const anying = await getJson(app, '/v1/people/mao-anying');
  t.same(
    anying.body.events.map((e: any) => [e.event.id, e.role]),
    [['kim-jong-un-tribute-mao-anying-grave', 'honoured']],
    'Mao Anying is honoured at the tribute',
  );
});

t.test('GET /v1/people/mao-ning lists her statements by date', async (t) => {
  const app = await buildTestApp(t);
  const { body } = await getJson(app, '/v1/people/mao-ning');
  t.same(
    body.positions.map((p: any) => [p.title, p.organization.id]),
    [['spokeswoman', 'chinese-foreign-ministry']],
    'Mao Ning is spokeswoman of the Chinese Foreign Ministry',
  );
  t.same(
    body.statements.map((s: any) => [s.id, s.date.value, s.mode]),
    [
      ['mao-ning-2023-07-25-li-hongzhong-visit', '2023-07-25', 'quote'],
      ['mao-ning-2023-07-26-friendly-neighbors', '2023-07-26', 'paraphrase'],
      ['mao-ning-2023-07-26-important-consensus', '2023-07-26', 'paraphrase'],
      ['mao-ning-2023-07-26-kim-tribute', '2023-07-26', 'paraphrase'],
    ],
    'the quote of Tuesday first, then the paraphrases of Wednesday',
  );
});

t.test('a person shows the delegations they led or received', async (t) => {
  const app = await buildTestApp(t);
  const cases: [string, string, string][] = [
    ['sergei-shoigu', 'sergei-shoigu-delegation-pyongyang-2023', 'leader'],
    ['li-hongzhong', 'li-hongzhong-delegation-pyongyang-2023', 'leader'],
    ['kang-sun-nam', 'sergei-shoigu-delegation-pyongyang-2023', 'receiver'],
  ];
  for (const [person, delegation, role] of cases) {
    const { body } = await getJson(app, `/v1/people/${person}`);
    t.same(
      body.delegations.map((d: any) => [d.delegation.id, d.role]),
      [[delegation, role]],
      `${person} is ${role} of ${delegation}`,
    );
  }
  const kang = await getJson(app, '/v1/people/kang-sun-nam');
  t.same(
    kang.body.positions.map((p: any) => [p.title, p.organization.id]),
    [['Defense Minister', 'dprk-defense-ministry']],
    'Kang Sun-nam is the DPRK Defense Minister',
  );
});

t.test('GET /v1/people/{id} errors', async (t) => {
  const app = await buildTestApp(t);
  await assertNotFound(t, app, '/v1/people/no-such-person');
  await assertInvalid(t, app, '/v1/people/Kim_Jong_Un', '/id', 'path');
});
