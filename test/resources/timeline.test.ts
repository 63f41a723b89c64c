import t from 'tap';
import type { App } from '../../src/app.js';
import { firstDay } from '../../src/domain/partial-date.js';
import { runSql } from '../data.js';
import { buildTestApp, getJson } from '../helper.js';

type Item = { kind: string; id: string; title: string; date: any; end: any; place: any };

/** `kind/id` of every item, in order: ids alone may repeat across kinds. */
const keys = (items: Item[]) => items.map((item) => `${item.kind}/${item.id}`);

async function timeline(app: App, query = '') {
  const { status, body } = await getJson(app, `/v1/timeline${query ? `?${query}` : ''}`);
  return { status, items: body.data as Item[], body };
}

/** Follows next_cursor to the end, returning every item's `kind/id`. */
async function walk(app: App, query: string) {
  const seen: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const url: string = `/v1/timeline?${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const { status, body } = await getJson(app, url);
    if (status !== 200) throw new Error(`${url} answered ${status}`);
    seen.push(...keys(body.data));
    cursor = body.next_cursor;
    pages += 1;
  } while (cursor !== null && pages < 100);
  return { seen, pages };
}

const SEED_TIMELINE = [
  'event/korean-war',
  'event/korean-war-70th-anniversary-commemorations',
  'delegation_arrival/sergei-shoigu-delegation-pyongyang-2023',
  'event/kim-jong-un-tribute-mao-anying-grave',
  'event/kim-jong-un-wreath-laying-cpv-cemetery',
  'statement/kim-jong-un-gratitude-cpv-members',
  'statement/kim-jong-un-remarks-cpv-noble-soul',
  'statement/kim-jong-un-wreath-ribbon-inscription',
  'statement/mao-ning-2023-07-25-li-hongzhong-visit',
  'statement/kcna-2023-07-26-airport-welcome',
  'statement/mao-ning-2023-07-26-friendly-neighbors',
  'statement/mao-ning-2023-07-26-important-consensus',
  'statement/mao-ning-2023-07-26-kim-tribute',
  'event/victory-day-2023',
];

t.test('GET /v1/timeline on the seed', async (t) => {
  const app = await buildTestApp(t);

  await t.test('lists events, dated statements and arrivals by day, kind, id', async (t) => {
    const { status, items, body } = await timeline(app);
    t.equal(status, 200);
    t.same(keys(items), SEED_TIMELINE);
    t.equal(body.next_cursor, null);
    t.notOk(
      items.some((i) => i.id === 'russian-defense-ministry-shoigu-visit'),
      'an undated statement never appears',
    );
    t.notOk(
      items.some((i) => i.id === 'li-hongzhong-delegation-pyongyang-2023'),
      'a delegation without an arrival date never appears',
    );
  });

  await t.test(
    'from=2023-07-25&to=2023-07-27 lists the wreath-laying, the arrival of Shoigu and Mao Ning in date order',
    async (t) => {
      const { items } = await timeline(app, 'from=2023-07-25&to=2023-07-27');
      t.same(keys(items), SEED_TIMELINE.slice(1), 'all but the Korean War, which ended in 1953');
      const at = (key: string) => keys(items).indexOf(key);
      const wreath = at('event/kim-jong-un-wreath-laying-cpv-cemetery');
      const arrival = at('delegation_arrival/sergei-shoigu-delegation-pyongyang-2023');
      const maoNing = items.filter((i) => i.title.startsWith('Mao Ning: '));
      t.ok(wreath >= 0 && arrival >= 0, 'the wreath-laying and the arrival are listed');
      t.equal(maoNing.length, 4, "Mao Ning's four remarks are listed");
      t.ok(arrival < wreath, 'arrivals come before events on the same day');
      t.ok(
        maoNing.every((m) => at(`statement/${m.id}`) > wreath),
        "Mao Ning's remarks come after the wreath-laying",
      );
      // By the first day each date can mean: `2023-W30` (from Monday 24 July) first.
      const days = items.map((i) => firstDay(i.date.value));
      t.same(days, [...days].sort(), 'in date order');
    },
  );

  await t.test('each kind shows its title, dates with precision and place', async (t) => {
    const { items } = await timeline(app);
    const byKey = new Map(items.map((i) => [`${i.kind}/${i.id}`, i]));
    const war = byKey.get('event/korean-war');
    t.same(war?.date, { value: '1950', precision: 'year' }, 'a year stays a year');
    t.same(war?.end, { value: '1953', precision: 'year' });
    t.same(war?.place, { id: 'korean-peninsula', name: 'Korean Peninsula' });
    const arrival = byKey.get('delegation_arrival/sergei-shoigu-delegation-pyongyang-2023');
    t.match(arrival, {
      title: 'Russian delegation led by Sergei Shoigu arrives',
      date: { value: '2023-07-25', precision: 'day' },
      end: null,
      place: { id: 'pyongyang-international-airport' },
    });
    const ribbon = byKey.get('statement/kim-jong-un-wreath-ribbon-inscription');
    t.equal(
      ribbon?.title,
      "Kim Jong-un: Martyrs of the Chinese People's Volunteers Will Be Immortal",
    );
    t.same(
      ribbon?.place,
      {
        id: 'cpv-martyrs-cemetery-hoechang',
        name: "Cemetery of the Chinese People's Volunteers martyrs",
      },
      'a statement has its own place: the ribbon was read at the cemetery',
    );
    t.same(
      byKey.get('statement/mao-ning-2023-07-26-kim-tribute')?.place,
      { id: 'beijing', name: 'Beijing' },
      "Mao Ning's remark on the wreath-laying was made in Beijing, not at the cemetery (issue 13)",
    );
    t.equal(
      byKey.get('statement/kim-jong-un-remarks-cpv-noble-soul')?.place,
      null,
      "no place of its own, no place: never its event's",
    );
    t.equal(
      byKey.get('statement/kcna-2023-07-26-airport-welcome')?.place,
      null,
      'no place said, no place',
    );
    const long = byKey.get('statement/mao-ning-2023-07-25-li-hongzhong-visit');
    t.ok(long?.title.startsWith('Mao Ning: We believe the visit'), 'speaker: text');
    t.ok(long && long.title.length <= 100 && long.title.endsWith('…'), 'a long text is cut');
  });

  await t.test('from/to match by overlap, with partial dates', async (t) => {
    const war = await timeline(app, 'from=1951&to=1951');
    t.same(keys(war.items), ['event/korean-war']);
    const day26 = await timeline(app, 'from=2023-07-26&to=2023-07-26');
    t.same(keys(day26.items), [
      'event/korean-war-70th-anniversary-commemorations',
      'statement/kcna-2023-07-26-airport-welcome',
      'statement/mao-ning-2023-07-26-friendly-neighbors',
      'statement/mao-ning-2023-07-26-important-consensus',
      'statement/mao-ning-2023-07-26-kim-tribute',
    ]);
    const before = await timeline(app, 'to=2023-07-24');
    t.same(keys(before.items), SEED_TIMELINE.slice(0, 2));
    const july = await timeline(app, 'from=2023-07&to=2023-07');
    t.same(keys(july.items), SEED_TIMELINE.slice(1), 'a month covers every day of it');
  });

  await t.test('place takes the places inside it', async (t) => {
    const county = await timeline(app, 'place=hoechang-county');
    t.same(
      keys(county.items),
      [
        'event/kim-jong-un-tribute-mao-anying-grave',
        'event/kim-jong-un-wreath-laying-cpv-cemetery',
        'statement/kim-jong-un-gratitude-cpv-members',
        'statement/kim-jong-un-wreath-ribbon-inscription',
      ],
      "the county's events and the words said there: not Mao Ning's remarks about them",
    );
    t.notOk(
      keys(county.items).some((key) => key.startsWith('statement/mao-ning')),
      'no remark made in Beijing is placed in Hoechang County (issue 13)',
    );
    const beijing = await timeline(app, 'place=beijing');
    t.same(
      keys(beijing.items),
      [
        'statement/mao-ning-2023-07-25-li-hongzhong-visit',
        'statement/mao-ning-2023-07-26-friendly-neighbors',
        'statement/mao-ning-2023-07-26-important-consensus',
        'statement/mao-ning-2023-07-26-kim-tribute',
      ],
      "Mao Ning's four remarks, made in Beijing",
    );
    const city = await timeline(app, 'place=pyongyang');
    t.same(
      keys(city.items),
      ['delegation_arrival/sergei-shoigu-delegation-pyongyang-2023'],
      'an arrival at the airport is an arrival in Pyongyang',
    );
    const country = await timeline(app, 'place=dprk');
    t.same(keys(country.items), [
      'event/korean-war-70th-anniversary-commemorations',
      'delegation_arrival/sergei-shoigu-delegation-pyongyang-2023',
      'event/kim-jong-un-tribute-mao-anying-grave',
      'event/kim-jong-un-wreath-laying-cpv-cemetery',
      'statement/kim-jong-un-gratitude-cpv-members',
      'statement/kim-jong-un-wreath-ribbon-inscription',
      'event/victory-day-2023',
    ]);
  });

  await t.test('participant takes people and organizations, in every role', async (t) => {
    const kim = await timeline(app, 'participant=kim-jong-un');
    t.same(keys(kim.items), [
      'event/kim-jong-un-tribute-mao-anying-grave',
      'event/kim-jong-un-wreath-laying-cpv-cemetery',
      'statement/kim-jong-un-gratitude-cpv-members',
      'statement/kim-jong-un-remarks-cpv-noble-soul',
      'statement/kim-jong-un-wreath-ribbon-inscription',
    ]);
    const arrival = ['delegation_arrival/sergei-shoigu-delegation-pyongyang-2023'];
    t.same(keys((await timeline(app, 'participant=sergei-shoigu')).items), arrival, 'leader');
    t.same(keys((await timeline(app, 'participant=kang-sun-nam')).items), arrival, 'receiver');
    const state = await timeline(app, 'participant=dprk-state');
    t.same(keys(state.items), [
      'event/korean-war-70th-anniversary-commemorations',
      'event/victory-day-2023',
    ]);
    const kcna = await timeline(app, 'participant=korean-central-news-agency');
    t.same(keys(kcna.items), ['statement/kcna-2023-07-26-airport-welcome'], 'a speaker');
    const nobody = await timeline(app, 'participant=nobody');
    t.same(nobody.items, [], 'an unknown id matches nothing');
  });

  await t.test('event takes the events under it at any depth', async (t) => {
    const week = await timeline(app, 'event=korean-war-70th-anniversary-commemorations');
    t.same(keys(week.items), [
      'event/korean-war-70th-anniversary-commemorations',
      'event/kim-jong-un-tribute-mao-anying-grave',
      'event/kim-jong-un-wreath-laying-cpv-cemetery',
      'statement/kim-jong-un-gratitude-cpv-members',
      'statement/kim-jong-un-remarks-cpv-noble-soul',
      'statement/kim-jong-un-wreath-ribbon-inscription',
      'statement/mao-ning-2023-07-25-li-hongzhong-visit',
      'statement/mao-ning-2023-07-26-kim-tribute',
      'event/victory-day-2023',
    ]);
    const tribute = await timeline(app, 'event=kim-jong-un-tribute-mao-anying-grave');
    t.same(keys(tribute.items), ['event/kim-jong-un-tribute-mao-anying-grave']);
  });

  await t.test('kind narrows, and combines with the other filters', async (t) => {
    const arrivals = await timeline(app, 'kind=delegation_arrival');
    t.same(keys(arrivals.items), ['delegation_arrival/sergei-shoigu-delegation-pyongyang-2023']);
    const said = await timeline(app, 'kind=statement');
    t.same(
      keys(said.items),
      SEED_TIMELINE.filter((k) => k.startsWith('statement/')),
    );
    const kimEvents = await timeline(app, 'kind=event&participant=kim-jong-un&from=2023-07-25');
    t.same(keys(kimEvents.items), [
      'event/kim-jong-un-tribute-mao-anying-grave',
      'event/kim-jong-un-wreath-laying-cpv-cemetery',
    ]);
  });

  await t.test('limit=1 walks the whole timeline without repeats', async (t) => {
    const all = await walk(app, 'limit=1');
    t.same(all.seen, SEED_TIMELINE);
    t.equal(all.pages, SEED_TIMELINE.length);
    const range = await walk(app, 'limit=2&from=2023-07-25&to=2023-07-27');
    t.same(range.seen, SEED_TIMELINE.slice(1));
    const said = await walk(app, 'limit=3&kind=statement');
    t.same(
      said.seen,
      SEED_TIMELINE.filter((k) => k.startsWith('statement/')),
    );
    const first = await timeline(app, 'limit=3');
    t.same(keys(first.items), SEED_TIMELINE.slice(0, 3));
    t.type(first.body.next_cursor, 'string');
  });
});

t.test('arrivals known to the month or the year overlap as spans', async (t) => {
  const app = await buildTestApp(t);
  const insert =
    'insert into delegations (id, name, arrival, arrival_first_day, arrival_last_day) values (?, ?, ?, ?, ?)';
  await runSql(
    app,
    insert,
    'august-delegation',
    'August delegation',
    '2023-08',
    '2023-08-01',
    '2023-08-31',
  );
  await runSql(
    app,
    insert,
    'year-delegation',
    'Year delegation',
    '2022',
    '2022-01-01',
    '2022-12-31',
  );
  const august = await timeline(app, 'kind=delegation_arrival&from=2023-08-15&to=2023-08-20');
  t.same(keys(august.items), ['delegation_arrival/august-delegation']);
  t.same(august.items[0]?.date, { value: '2023-08', precision: 'month' });
  const lastDay = await timeline(app, 'kind=delegation_arrival&from=2022-12-31&to=2023-01');
  t.same(keys(lastDay.items), ['delegation_arrival/year-delegation']);
  const after = await timeline(app, 'kind=delegation_arrival&from=2023-09');
  t.same(after.items, [], 'an arrival in August is over by September');
  const all = await walk(app, 'limit=1&kind=delegation_arrival');
  t.same(all.seen, [
    'delegation_arrival/year-delegation',
    'delegation_arrival/sergei-shoigu-delegation-pyongyang-2023',
    'delegation_arrival/august-delegation',
  ]);
});

t.test('bad input on the timeline is a 400 problem naming the field', async (t) => {
  const app = await buildTestApp(t);
  const forged = (key: unknown[]) => Buffer.from(JSON.stringify(key)).toString('base64url');
  const cases: [string, string][] = [
    ['from=2023-02-30', '/from'],
    ['to=1951-13', '/to'],
    ['limit=0', '/limit'],
    ['limit=101', '/limit'],
    ['kind=war', '/kind'],
    ['place=Not%20A%20Slug', '/place'],
    ['event=Korean_War', '/event'],
    ['participant=%20', '/participant'],
    ['cursor=not-a-cursor', '/cursor'],
    [`cursor=${forged(['start', '2023-07-25', 'x'])}`, '/cursor'],
    [`cursor=${forged(['timeline', '2023-07-25', 'battle', 'x'])}`, '/cursor'],
    [`cursor=${forged(['timeline', 2023, 'event', 'x'])}`, '/cursor'],
  ];
  for (const [query, field] of cases) {
    const res = await app.inject({ method: 'GET', url: `/v1/timeline?${query}` });
    t.equal(res.statusCode, 400, `${query} is 400`);
    t.match(res.headers['content-type'], /^application\/problem\+json/);
    t.ok(
      res.json().errors.some((e: any) => e.field === field),
      `${query} names ${field}`,
    );
  }
  for (const key of ['colour=red', 'q=war']) {
    const res = await app.inject({ method: 'GET', url: `/v1/timeline?${key}` });
    t.equal(res.statusCode, 400, `an unknown key (${key}) is 400`);
    t.match(res.json().detail, key.split('=')[0]);
  }
});
