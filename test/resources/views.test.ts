import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import type { App } from '../../src/app.js';
import { PROJECT_ROOT } from '../../src/paths.js';
import { runSql } from '../data.js';
import { buildTestApp, getJson } from '../helper.js';

/** Follows next_cursor from the first page to the last, returning every item in order. */
async function walkItems(app: App, url: string) {
  const items: any[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const sep = url.includes('?') ? '&' : '?';
    const page: string = cursor ? `${url}${sep}cursor=${encodeURIComponent(cursor)}` : url;
    const { status, body } = await getJson(app, page);
    if (status !== 200) throw new Error(`${page} answered ${status}`);
    items.push(...body.data);
    cursor = body.next_cursor;
    pages += 1;
  } while (cursor !== null && pages < 200);
  return { items, pages };
}

const ids = (items: { id: string }[]) => items.map((item) => item.id);

/** How many citations of the seed name this source. */
function seedCitationsOf(source: string): number {
  const seed = JSON.parse(
    readFileSync(join(PROJECT_ROOT, 'seed', 'article-2023-07-27.json'), 'utf8'),
  );
  let count = 0;
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === 'citations' && Array.isArray(value))
          count += value.filter((c) => c.source === source).length;
        else visit(value);
      }
    }
  };
  visit(seed);
  return count;
}

t.test('GET /v1/people/{id}/events, /statements and /delegations', async (t) => {
  const app = await buildTestApp(t);

  await t.test('events come with the role, by start', async (t) => {
    const { status, body } = await getJson(app, '/v1/people/kim-jong-un/events');
    t.equal(status, 200);
    t.same(
      body.data.map((e: any) => [e.id, e.role]),
      [
        ['kim-jong-un-tribute-mao-anying-grave', 'placed a flower'],
        ['kim-jong-un-wreath-laying-cpv-cemetery', 'laid the wreath'],
      ],
    );
    t.match(body.data[1], {
      type: 'wreath_laying',
      start: { value: '2023-07-25', precision: 'day' },
      end: null,
      place: { id: 'cpv-martyrs-cemetery-hoechang' },
    });
    const honoured = await getJson(app, '/v1/people/mao-anying/events');
    t.same(
      honoured.body.data.map((e: any) => [e.id, e.role]),
      [['kim-jong-un-tribute-mao-anying-grave', 'honoured']],
    );
    const none = await getJson(app, '/v1/people/mao-zedong/events');
    t.same(none.body, { data: [], next_cursor: null });
  });

  await t.test('statements by date, with their event', async (t) => {
    const { body } = await getJson(app, '/v1/people/mao-ning/statements');
    t.same(ids(body.data), [
      'mao-ning-2023-07-25-li-hongzhong-visit',
      'mao-ning-2023-07-26-friendly-neighbors',
      'mao-ning-2023-07-26-important-consensus',
      'mao-ning-2023-07-26-kim-tribute',
    ]);
    t.match(body.data[0], {
      date: { value: '2023-07-25', precision: 'day' },
      kind: 'remarks',
      mode: 'quote',
      event: { id: 'korean-war-70th-anniversary-commemorations' },
    });
    t.equal(body.data[1].event, null);
  });

  await t.test('delegations with the role: leader, receiver', async (t) => {
    const led = await getJson(app, '/v1/people/sergei-shoigu/delegations');
    t.same(led.body.data, [
      {
        id: 'sergei-shoigu-delegation-pyongyang-2023',
        name: 'Russian delegation led by Sergei Shoigu',
        role: 'leader',
        arrival: { value: '2023-07-25', precision: 'day' },
        destination: { id: 'pyongyang', name: 'Pyongyang' },
      },
    ]);
    const received = await getJson(app, '/v1/people/kang-sun-nam/delegations');
    t.same(
      received.body.data.map((d: any) => [d.id, d.role]),
      [['sergei-shoigu-delegation-pyongyang-2023', 'receiver']],
    );
    const li = await getJson(app, '/v1/people/li-hongzhong/delegations');
    t.match(li.body.data, [
      { id: 'li-hongzhong-delegation-pyongyang-2023', role: 'leader', arrival: null },
    ]);
    const none = await getJson(app, '/v1/people/kim-jong-un/delegations');
    t.same(none.body.data, []);
  });
});

t.test('person views keep undated items last and walk every role', async (t) => {
  const app = await buildTestApp(t);
  await runSql(
    app,
    `insert into statements (id, speaker_person_id, kind, mode, text)
       values ('mao-ning-undated', 'mao-ning', 'remarks', 'quote', 'Undated words')`,
  );
  await runSql(
    app,
    `insert into delegation_members (delegation_id, ordinal, person_id, role)
       values ('li-hongzhong-delegation-pyongyang-2023', 0, 'mao-ning', 'member')`,
  );
  await runSql(
    app,
    `insert into delegation_receivers (delegation_id, ordinal, person_id, role)
       values ('li-hongzhong-delegation-pyongyang-2023', 0, 'mao-ning', 'greeted'),
              ('li-hongzhong-delegation-pyongyang-2023', 1, 'mao-ning', 'saw off'),
              ('sergei-shoigu-delegation-pyongyang-2023', 9, 'mao-ning', 'greeted')`,
  );

  const said = await walkItems(app, '/v1/people/mao-ning/statements?limit=1');
  t.same(ids(said.items), [
    'mao-ning-2023-07-25-li-hongzhong-visit',
    'mao-ning-2023-07-26-friendly-neighbors',
    'mao-ning-2023-07-26-important-consensus',
    'mao-ning-2023-07-26-kim-tribute',
    'mao-ning-undated',
  ]);
  t.equal(said.items[4].date, null, 'an undated statement comes last');

  const roles = await walkItems(app, '/v1/people/mao-ning/delegations?limit=1');
  t.same(
    roles.items.map((d: any) => [d.id, d.role]),
    [
      ['sergei-shoigu-delegation-pyongyang-2023', 'receiver'],
      ['li-hongzhong-delegation-pyongyang-2023', 'member'],
      ['li-hongzhong-delegation-pyongyang-2023', 'receiver'],
    ],
    'by arrival (unknown last), one item per role, a receiver at two places once',
  );
});

t.test('GET /v1/places/{id}/events and /v1/events/{id}/children', async (t) => {
  const app = await buildTestApp(t);
  const county = await getJson(app, '/v1/places/hoechang-county/events');
  t.same(
    ids(county.body.data),
    ['kim-jong-un-tribute-mao-anying-grave', 'kim-jong-un-wreath-laying-cpv-cemetery'],
    'events at the cemetery and at the grave inside it',
  );
  const country = await getJson(app, '/v1/places/dprk/events');
  t.same(ids(country.body.data), [
    'korean-war-70th-anniversary-commemorations',
    'kim-jong-un-tribute-mao-anying-grave',
    'kim-jong-un-wreath-laying-cpv-cemetery',
    'victory-day-2023',
  ]);
  t.same(country.body.data[0].start, { value: '2023-W30', precision: 'week' }, '"this week"');
  t.equal(country.body.data[0].end, null);
  const none = await getJson(app, '/v1/places/republic-of-korea/events');
  t.same(none.body.data, []);

  const week = await getJson(app, '/v1/events/korean-war-70th-anniversary-commemorations/children');
  t.same(
    ids(week.body.data),
    ['kim-jong-un-wreath-laying-cpv-cemetery', 'victory-day-2023'],
    'one level down only: the tribute is a child of the wreath-laying',
  );
  const wreath = await getJson(app, '/v1/events/kim-jong-un-wreath-laying-cpv-cemetery/children');
  t.same(ids(wreath.body.data), ['kim-jong-un-tribute-mao-anying-grave']);
  const war = await getJson(app, '/v1/events/korean-war/children');
  t.same(war.body, { data: [], next_cursor: null });
});

t.test('GET /v1/sources/{id}/claims', async (t) => {
  const app = await buildTestApp(t);
  const { status, body } = await getJson(app, '/v1/sources/article-2023-07-27/claims?limit=100');
  t.equal(status, 200);
  t.equal(body.data.length, seedCitationsOf('article-2023-07-27'), 'every citation of the source');
  const order = body.data.map((c: any) => c.offsets.start);
  t.same(
    order,
    [...order].sort((a: number, b: number) => a - b),
    'in the order of the text',
  );
  const title = (kind: string, id: string) =>
    body.data.find((c: any) => c.kind === kind && c.id === id)?.title;
  t.equal(title('event', 'korean-war'), 'Korean War');
  t.equal(title('person', 'mao-ning'), 'Mao Ning');
  t.equal(title('place', 'hoechang-county'), 'Hoechang County');
  t.equal(title('organization', 'russia'), 'Russia');
  t.equal(
    title('delegation', 'li-hongzhong-delegation-pyongyang-2023'),
    'Chinese delegation led by Li Hongzhong',
  );
  t.equal(title('figure', 'cpv-soldiers-killed-korean-war'), 'Nearly 180,000 CPV soldiers killed');
  t.equal(
    title('participation', 'wreath-laying-kim-jong-un'),
    "Kim Jong-un laid the wreath Kim Jong-un lays a wreath at the Chinese People's Volunteers martyrs cemetery",
  );
  t.match(
    title('participation', 'wreath-laying-senior-officials'),
    /^senior officials accompanied /,
  );
  t.equal(
    title('position', 'mao-ning-spokeswoman-chinese-foreign-ministry'),
    'Mao Ning: spokeswoman, Chinese Foreign Ministry',
  );
  t.equal(title('position', 'mao-zedong-chairman'), 'Mao Zedong: Chairman');
  t.equal(
    title('relation', 'mao-anying-eldest-son-of-mao-zedong'),
    'Mao Anying eldest son of Mao Zedong',
  );
  t.equal(
    title('statement', 'kim-jong-un-wreath-ribbon-inscription'),
    "Kim Jong-un: Martyrs of the Chinese People's Volunteers Will Be Immortal",
  );
  t.match(
    title('statement', 'russian-defense-ministry-shoigu-visit'),
    /^Russian Defense Ministry: /,
  );
  t.match(title('source', 'kcna-report-2023-07-26-wreath'), /^Korean Central News Agency report/);
  const ribbon = body.data.find((c: any) => c.id === 'kim-jong-un-wreath-ribbon-inscription');
  t.match(ribbon.excerpt, /The ribbons of the wreath presented by Kim read/);
  t.same(
    body.data.filter((c: any) => c.id === 'korean-war').map((c: any) => c.excerpt),
    [
      "the country's Fatherland Liberation War (1950-53)",
      'in what is also known in the West as the Korean War',
      'The war is known in China as the War to Resist U.S. Aggression and Aid Korea',
      'More than 2 million CPV soldiers fought alongside the DPRK army in the conflict from 1950 to 1953',
    ],
    "one fact's citations in the order given",
  );

  const walked = await walkItems(app, '/v1/sources/article-2023-07-27/claims?limit=1');
  t.same(walked.items, body.data, 'limit=1 walks every claim once, in order');
  const kcna = await getJson(app, '/v1/sources/kcna-report-2023-07-26-wreath/claims?as=stated');
  t.same(kcna.body, { data: [], next_cursor: null }, 'a source nothing cites itself');
});

const VIEWS = [
  '/v1/people/kim-jong-un/events',
  '/v1/people/mao-ning/statements',
  '/v1/people/sergei-shoigu/delegations',
  '/v1/places/dprk/events',
  '/v1/events/korean-war-70th-anniversary-commemorations/children',
  '/v1/sources/article-2023-07-27/claims',
];

t.test('every view walks with limit=1 to the full list without repeats', async (t) => {
  const app = await buildTestApp(t);
  for (const url of VIEWS) {
    const full = await getJson(app, `${url}?limit=100`);
    const walked = await walkItems(app, `${url}?limit=1`);
    t.same(walked.items, full.body.data, `${url} walks to the full list`);
    t.equal(walked.pages, Math.max(1, full.body.data.length), `${url}: one page per item`);
  }
});

t.test('views answer 404 for a missing parent and 400 for bad input', async (t) => {
  const app = await buildTestApp(t);
  const missing: [string, string][] = [
    ['/v1/people/nobody/events', 'person'],
    ['/v1/people/nobody/statements', 'person'],
    ['/v1/people/nobody/delegations', 'person'],
    ['/v1/places/atlantis/events', 'place'],
    ['/v1/events/no-such-event/children', 'event'],
    ['/v1/sources/no-such-source/claims', 'source'],
  ];
  for (const [url, kind] of missing) {
    const res = await app.inject({ method: 'GET', url });
    t.equal(res.statusCode, 404, `${url} is 404`);
    t.match(res.headers['content-type'], /^application\/problem\+json/);
    t.match(res.json(), { status: 404, type: '/problems/not-found', detail: `No ${kind} has` });
  }
  const placeCursor = (await getJson(app, '/v1/places/dprk/events?limit=1')).body.next_cursor;
  for (const url of VIEWS) {
    const cases: [string, string][] = [
      [`${url}?limit=0`, '/limit'],
      [`${url}?limit=101`, '/limit'],
      [`${url}?cursor=not-a-cursor`, '/cursor'],
      [`${url.replace(/\/v1\/(\w+)\/[^/]+/, '/v1/$1/Not_A_Slug')}`, '/id'],
    ];
    if (!url.startsWith('/v1/places/')) {
      cases.push([`${url}?cursor=${placeCursor}`, '/cursor']);
    }
    for (const [bad, field] of cases) {
      const res = await app.inject({ method: 'GET', url: bad });
      t.equal(res.statusCode, 400, `${bad} is 400`);
      t.match(res.headers['content-type'], /^application\/problem\+json/);
      t.ok(
        res.json().errors.some((e: any) => e.field === field),
        `${bad} names ${field}`,
      );
    }
    const unknown = await app.inject({ method: 'GET', url: `${url}?colour=red` });
    t.equal(unknown.statusCode, 400, `${url}?colour=red is 400`);
    t.match(unknown.json().detail, /colour/);
  }
});
