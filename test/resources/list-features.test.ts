/**
 * What every list shares (sort, cursor under each sort, count, ranked q, include, fields), on
 * events, people, statements and figures, and `names_by` on events.
 */
import t from 'tap';
import { assertCursorWalk, assertInvalid, ids } from '../expect.js';
import { buildTestApp, getJson } from '../helper.js';

interface ListCase {
  path: string;
  /** The kind in /v1/search. */
  kind: string;
  /** Each sort field and the seed's ids in that order (ascending). */
  sorts: Record<string, string[]>;
  /** A q that matches several items, and the ids it matches. */
  q: string;
  matches: string[];
}

const EVENTS_BY_START = [
  'korean-war',
  'korean-war-70th-anniversary-commemorations',
  'kim-jong-un-tribute-mao-anying-grave',
  'kim-jong-un-wreath-laying-cpv-cemetery',
  'victory-day-2023',
];
const PEOPLE_BY_NAME = [
  'kang-sun-nam',
  'kim-jong-un',
  'li-hongzhong',
  'mao-anying',
  'mao-ning',
  'mao-zedong',
  'sergei-shoigu',
];

const LISTS: ListCase[] = [
  {
    path: '/v1/events',
    kind: 'event',
    sorts: {
      start: EVENTS_BY_START,
      // Binary order: "70th..." < "Commemorations..." < "Kim Jong-un lays" < "Kim Jong-un places" < "Korean War".
      title: [
        'victory-day-2023',
        'korean-war-70th-anniversary-commemorations',
        'kim-jong-un-wreath-laying-cpv-cemetery',
        'kim-jong-un-tribute-mao-anying-grave',
        'korean-war',
      ],
    },
    q: 'korean',
    matches: [
      'korean-war',
      'korean-war-70th-anniversary-commemorations',
      'victory-day-2023',
      'kim-jong-un-wreath-laying-cpv-cemetery',
    ],
  },
  {
    path: '/v1/people',
    kind: 'person',
    sorts: { name: PEOPLE_BY_NAME, id: PEOPLE_BY_NAME },
    q: 'mao',
    matches: ['mao-anying', 'mao-ning', 'mao-zedong'],
  },
  {
    path: '/v1/statements',
    kind: 'statement',
    sorts: {
      // By day, ties by id, undated last.
      date: [
        'kim-jong-un-gratitude-cpv-members',
        'kim-jong-un-remarks-cpv-noble-soul',
        'kim-jong-un-wreath-ribbon-inscription',
        'mao-ning-2023-07-25-li-hongzhong-visit',
        'kcna-2023-07-26-airport-welcome',
        'mao-ning-2023-07-26-friendly-neighbors',
        'mao-ning-2023-07-26-important-consensus',
        'mao-ning-2023-07-26-kim-tribute',
        'russian-defense-ministry-shoigu-visit',
      ],
      id: [
        'kcna-2023-07-26-airport-welcome',
        'kim-jong-un-gratitude-cpv-members',
        'kim-jong-un-remarks-cpv-noble-soul',
        'kim-jong-un-wreath-ribbon-inscription',
        'mao-ning-2023-07-25-li-hongzhong-visit',
        'mao-ning-2023-07-26-friendly-neighbors',
        'mao-ning-2023-07-26-important-consensus',
        'mao-ning-2023-07-26-kim-tribute',
        'russian-defense-ministry-shoigu-visit',
      ],
    },
    q: 'mao',
    matches: [
      'mao-ning-2023-07-25-li-hongzhong-visit',
      'mao-ning-2023-07-26-friendly-neighbors',
      'mao-ning-2023-07-26-important-consensus',
      'mao-ning-2023-07-26-kim-tribute',
    ],
  },
  {
    path: '/v1/figures',
    kind: 'figure',
    sorts: {
      id: ['cpv-soldiers-fought-korean-war', 'cpv-soldiers-killed-korean-war'],
      // 180,000 killed before 2 million who fought.
      value: ['cpv-soldiers-killed-korean-war', 'cpv-soldiers-fought-korean-war'],
    },
    q: 'soldiers',
    matches: ['cpv-soldiers-fought-korean-war', 'cpv-soldiers-killed-korean-war'],
  },
];

t.test('lists share sort, cursor, count and q', async (t) => {
  const app = await buildTestApp(t);
  const list = async (url: string) => {
    const res = await getJson(app, url);
    t.equal(res.status, 200, `GET ${url} is 200`);
    return res.body;
  };

  for (const c of LISTS) {
    const sep = (url: string) => (url.includes('?') ? '&' : '?');
    const qs = `q=${encodeURIComponent(c.q)}`;

    await t.test(`${c.path}: each sort and its reverse`, async (t) => {
      for (const [field, expected] of Object.entries(c.sorts)) {
        const up = await list(`${c.path}?sort=${field}&limit=100`);
        t.same(ids(up.data), expected, `sort=${field} orders the seed as expected`);
        const down = await list(`${c.path}?sort=-${field}&limit=100`);
        t.same(ids(down.data), [...expected].reverse(), `sort=-${field} is the exact reverse`);
      }
      const defaults = await list(`${c.path}?limit=100`);
      const [defaultField] = Object.entries(c.sorts).find(([, order]) =>
        order.every((id, i) => id === defaults.data[i]?.id),
      ) ?? ['none'];
      t.not(defaultField, 'none', `without sort the list is in one of its sorts (${defaultField})`);
    });

    await t.test(`${c.path}: bad sorts are 400 naming /sort`, async (t) => {
      await assertInvalid(t, app, `${c.path}?sort=rank`, '/sort');
      await assertInvalid(t, app, `${c.path}?sort=-rank`, '/sort');
      await assertInvalid(t, app, `${c.path}?sort=bogus`, '/sort');
      await assertInvalid(t, app, `${c.path}?sort=--id`, '/sort');
      await assertInvalid(t, app, `${c.path}?sort=`, '/sort');
      const foreign = c.path === '/v1/statements' ? 'start' : 'date';
      await assertInvalid(t, app, `${c.path}?sort=${foreign}`, '/sort');
    });

    await t.test(`${c.path}: the cursor walks every sort without repeats`, async (t) => {
      const urls = [
        ...Object.keys(c.sorts).flatMap((f) => [`${c.path}?sort=${f}`, `${c.path}?sort=-${f}`]),
        `${c.path}?${qs}`,
        `${c.path}?${qs}&sort=rank`,
        `${c.path}?${qs}&sort=-rank`,
        ...Object.keys(c.sorts).map((f) => `${c.path}?${qs}&sort=-${f}`),
      ];
      for (const url of urls) await assertCursorWalk(t, app, url);
    });

    await t.test(`${c.path}: a cursor is only good for the sort it came from`, async (t) => {
      const [first, second] = Object.keys(c.sorts) as [string, string];
      const cursorOf = async (url: string) => {
        const page = await list(`${url}${sep(url)}limit=1`);
        t.type(page.next_cursor, 'string', `${url} gives a cursor`);
        return encodeURIComponent(page.next_cursor);
      };
      const up = await cursorOf(`${c.path}?sort=${first}`);
      await assertInvalid(t, app, `${c.path}?sort=-${first}&cursor=${up}`, '/cursor');
      await assertInvalid(t, app, `${c.path}?sort=${second}&cursor=${up}`, '/cursor');
      await assertInvalid(t, app, `${c.path}?${qs}&cursor=${up}`, '/cursor');
      const down = await cursorOf(`${c.path}?sort=-${first}`);
      await assertInvalid(t, app, `${c.path}?sort=${first}&cursor=${down}`, '/cursor');
      const ranked = await cursorOf(`${c.path}?${qs}`);
      await assertInvalid(t, app, `${c.path}?cursor=${ranked}`, '/cursor');
      await assertInvalid(t, app, `${c.path}?${qs}&sort=-rank&cursor=${ranked}`, '/cursor');
      const same = await getJson(app, `${c.path}?${qs}&sort=rank&cursor=${ranked}`);
      t.equal(same.status, 200, 'a rank cursor is good for sort=rank, the default with q');
    });

    await t.test(`${c.path}: count=true adds the total`, async (t) => {
      const all = await list(`${c.path}?limit=100`);
      const counted = await list(`${c.path}?count=true&limit=1`);
      t.equal(counted.total, all.data.length, 'total is the number of items, not of the page');
      t.equal(counted.data.length, 1, 'the page still holds one');
      const next = await list(
        `${c.path}?count=true&limit=1&cursor=${encodeURIComponent(counted.next_cursor)}`,
      );
      t.equal(next.total, all.data.length, 'the next page counts them all too');
      const withQ = await list(`${c.path}?${qs}&count=true`);
      t.equal(withQ.total, c.matches.length, `with ${qs}: the number of matches`);
      t.equal(withQ.total, withQ.data.length, 'as many as the page lists');
      t.notOk('total' in all, 'no total without count');
      const no = await list(`${c.path}?count=false`);
      t.notOk('total' in no, 'no total with count=false');
      await assertInvalid(t, app, `${c.path}?count=yes`, '/count');
    });

    await t.test(`${c.path}: q is ranked and narrowed to the kind`, async (t) => {
      const page = await list(`${c.path}?${qs}&limit=100`);
      t.same([...ids(page.data)].sort(), [...c.matches].sort(), `${qs} finds these ${c.kind}s`);
      const hits = await list(`/v1/search?${qs}&limit=100`);
      const scores = new Map<string, number>(
        hits.data.filter((h: any) => h.kind === c.kind).map((h: any) => [h.id, h.score]),
      );
      t.same(
        [...scores.keys()].sort(),
        [...c.matches].sort(),
        `the same ${c.kind}s as /v1/search finds`,
      );
      const ranked = ids(page.data).map((id) => scores.get(id) as number);
      t.ok(
        ranked.every((s, i) => i === 0 || s <= (ranked[i - 1] as number)),
        'most relevant first: the search score never rises along the list',
      );
      t.ok(
        hits.data.some((h: any) => h.kind !== c.kind),
        `the words match other kinds too, which the ${c.kind} list leaves out`,
      );
    });
  }

  await t.test('q on lists: concrete rankings on the seed', async (t) => {
    const events = await list('/v1/events?q=korean');
    t.equal(events.data[0].id, 'korean-war', 'q=korean: the Korean War first');
    t.equal(
      events.data.at(-1).id,
      'kim-jong-un-wreath-laying-cpv-cemetery',
      'the wreath-laying, which says Korean only in its summary, last',
    );
    const statements = await list('/v1/statements?q=shoigu');
    t.same(
      ids(statements.data),
      ['kcna-2023-07-26-airport-welcome'],
      'q=shoigu: the one statement that names him (not the delegation he led)',
    );
    const people = await list('/v1/people?q=mao');
    t.same(ids(people.data), ['mao-anying', 'mao-ning', 'mao-zedong'], 'equal ranks: by id');
  });

  await t.test('count with filters', async (t) => {
    const day = await list('/v1/events?from=2023-07-25&to=2023-07-25&count=true');
    t.equal(day.total, 3, 'three events overlap 2023-07-25');
    t.same(
      ids(day.data),
      [
        'korean-war-70th-anniversary-commemorations',
        'kim-jong-un-tribute-mao-anying-grave',
        'kim-jong-un-wreath-laying-cpv-cemetery',
      ],
      'the commemorations week and the two acts of that day',
    );
    const paged = await list('/v1/events?from=2023-07-25&to=2023-07-25&count=true&limit=2');
    t.equal(paged.total, 3, 'total counts past the page');
    t.equal(paged.data.length, 2, 'the page holds two');
    const spoken = await list('/v1/statements?from=2023-07-26&to=2023-07-26&count=true');
    t.equal(spoken.total, 4, 'four statements are dated 2023-07-26');
    t.equal(spoken.total, spoken.data.length, 'as many as are listed');
    const none = await list('/v1/events?from=1900&to=1901&count=true');
    t.equal(none.total, 0, 'no match: total is 0');
    t.same(none.data, [], 'and the page is empty');
    const both = await list('/v1/events?q=korean&from=2023&count=true');
    t.equal(both.total, 3, 'q and a filter combine in the total');
  });
});

t.test('include and fields', async (t) => {
  const app = await buildTestApp(t);

  await t.test('include on events expands each relation', async (t) => {
    const all = 'participants,names,citations,place,parent';
    const plain = await getJson(app, '/v1/events?limit=100');
    const full = await getJson(app, `/v1/events?include=${all}&limit=100`);
    t.equal(full.status, 200, `include=${all} is 200`);
    t.same(ids(full.body.data), ids(plain.body.data), 'the same ids in the same order');
    const ranked = await getJson(app, `/v1/events?q=korean&include=${all}`);
    const rankedPlain = await getJson(app, '/v1/events?q=korean');
    t.same(ids(ranked.body.data), ids(rankedPlain.body.data), 'with q too');
    const walked = await assertCursorWalk(t, app, `/v1/events?include=${all}`);
    t.same(walked, ids(plain.body.data), 'and page by page');

    const byId = new Map(full.body.data.map((e: any) => [e.id, e]));
    for (const event of full.body.data) {
      t.ok(Array.isArray(event.participants), `${event.id}: participants`);
      t.ok(Array.isArray(event.names), `${event.id}: names`);
      t.ok(Array.isArray(event.citations) && event.citations.length > 0, `${event.id}: citations`);
    }
    for (const event of plain.body.data) {
      for (const key of ['participants', 'names', 'citations']) {
        t.notOk(key in event, `${event.id}: no ${key} without include`);
      }
      t.same(Object.keys(event.place ?? {}).sort(), ['id', 'name'], `${event.id}: place as a ref`);
    }

    const wreath: any = byId.get('kim-jong-un-wreath-laying-cpv-cemetery');
    const kim = wreath.participants.find((p: any) => p.participant.id === 'kim-jong-un');
    t.match(
      kim,
      { participant: { kind: 'person', name: 'Kim Jong-un' }, role: 'laid the wreath' },
      'a participant with its role',
    );
    t.ok(kim.citations.length > 0, 'and the citations behind it');
    t.match(kim.citations[0], { source: { id: 'article-2023-07-27' }, excerpt: String });
    t.ok(
      wreath.participants.some((p: any) => p.participant.kind === 'group'),
      'unnamed groups take part too',
    );
    t.match(
      wreath.place,
      { id: 'cpv-martyrs-cemetery-hoechang', type: 'cemetery', parent: { id: 'hoechang-county' } },
      'the place is expanded with its type and parent',
    );
    t.match(
      wreath.parent,
      {
        id: 'korean-war-70th-anniversary-commemorations',
        name: 'Commemorations of the 70th anniversary of the end of the Korean War',
        type: 'commemoration',
        start: { value: '2023-W30', precision: 'week' },
        end: null,
      },
      'the parent is expanded with its type, start and end',
    );
    const war: any = byId.get('korean-war');
    t.same(
      war.names,
      [
        { name: 'Fatherland Liberation War', used_by: 'DPRK' },
        { name: 'War to Resist U.S. Aggression and Aid Korea', used_by: 'China' },
        { name: 'Korean War', used_by: 'the West' },
      ],
      'names in their order',
    );
    t.equal(war.parent, null, 'no parent stays null');
    t.same(
      war.participants.map((p: any) => p.role),
      ['fought', 'fought'],
      'both armies fought',
    );
    const detail = await getJson(app, '/v1/events/korean-war');
    t.same(war.citations, detail.body.citations, 'citations as the detail shows them');
    t.same(war.participants, detail.body.participants, 'participants as the detail shows them');

    const onlyPlace = await getJson(app, '/v1/events?include=place&limit=100');
    const tribute = onlyPlace.body.data.find(
      (e: any) => e.id === 'kim-jong-un-tribute-mao-anying-grave',
    );
    t.match(tribute.place, { id: 'mao-anying-grave', type: 'grave' }, 'include=place alone');
    t.notOk('names' in tribute, 'adds no names');
    t.same(
      tribute.parent,
      { id: 'kim-jong-un-wreath-laying-cpv-cemetery', name: wreath.title },
      'and leaves the parent a reference',
    );
  });

  await t.test('include=citations on people, statements and figures', async (t) => {
    for (const path of ['/v1/people', '/v1/statements', '/v1/figures']) {
      const plain = await getJson(app, `${path}?limit=100`);
      const cited = await getJson(app, `${path}?include=citations&limit=100`);
      t.equal(cited.status, 200, `${path}?include=citations is 200`);
      t.same(ids(cited.body.data), ids(plain.body.data), `${path}: the same ids, same order`);
      t.ok(
        cited.body.data.every((item: any) => item.citations.length > 0),
        `${path}: every item has its citations`,
      );
      t.notOk(
        plain.body.data.some((item: any) => 'citations' in item),
        `${path}: none without include`,
      );
      const sample = cited.body.data[0];
      const detail = await getJson(app, `${path}/${sample.id}`);
      t.same(sample.citations, detail.body.citations, `${path}: as ${sample.id}'s detail has them`);
    }
    const kim = await getJson(app, '/v1/people?q=kim&include=citations');
    t.match(
      kim.body.data[0].citations,
      [{ source: { id: 'article-2023-07-27' }, excerpt: /Kim Jong-un/ }],
      'Kim Jong-un is cited from the article',
    );
  });

  await t.test('bad include is 400 naming /include', async (t) => {
    await assertInvalid(t, app, '/v1/events?include=bogus', '/include');
    await assertInvalid(t, app, '/v1/events?include=place,bogus', '/include');
    await assertInvalid(t, app, '/v1/events?include=', '/include');
    await assertInvalid(t, app, '/v1/people?include=participants', '/include');
    await assertInvalid(t, app, '/v1/statements?include=bogus', '/include');
    await assertInvalid(t, app, '/v1/figures?include=bogus', '/include');
  });

  await t.test('fields keeps only the fields asked for, and id', async (t) => {
    const cases: [string, string[]][] = [
      ['/v1/events?fields=title,start', ['id', 'start', 'title']],
      ['/v1/events?fields=id', ['id']],
      ['/v1/events?fields=title&sort=-title', ['id', 'title']],
      ['/v1/people?fields=name', ['id', 'name']],
      ['/v1/statements?fields=text,date', ['date', 'id', 'text']],
      ['/v1/figures?fields=value,as_stated', ['as_stated', 'id', 'value']],
    ];
    for (const [url, keys] of cases) {
      const { status, body } = await getJson(app, url);
      t.equal(status, 200, `${url} is 200`);
      t.ok(body.data.length > 0, `${url} lists items`);
      t.ok(
        body.data.every((item: any) => Object.keys(item).sort().join() === keys.join()),
        `${url}: each item has exactly ${keys.join(', ')}`,
      );
      t.ok('next_cursor' in body, `${url}: the page keeps next_cursor`);
    }
    const trimmed = await getJson(app, '/v1/events?fields=title,start&limit=100');
    const whole = await getJson(app, '/v1/events?limit=100');
    t.same(
      trimmed.body.data,
      whole.body.data.map((e: any) => ({ id: e.id, title: e.title, start: e.start })),
      'the kept fields have the values of the whole items',
    );
    const walk = await assertCursorWalk(t, app, '/v1/events?fields=title');
    t.same(walk, ids(whole.body.data), 'fields pages like the whole list');
    const counted = await getJson(app, '/v1/events?fields=id&count=true');
    t.equal(counted.body.total, whole.body.data.length, 'fields keeps total with count=true');
  });

  await t.test('bad fields is 400 naming /fields', async (t) => {
    await assertInvalid(t, app, '/v1/events?fields=bogus', '/fields');
    await assertInvalid(t, app, '/v1/events?fields=title,bogus', '/fields');
    await assertInvalid(t, app, '/v1/events?fields=', '/fields');
    await assertInvalid(t, app, '/v1/people?fields=title', '/fields');
    await assertInvalid(t, app, '/v1/statements?fields=bogus', '/fields');
    await assertInvalid(t, app, '/v1/figures?fields=bogus', '/fields');
  });
});

t.test('names_by titles an event as a party names it', async (t) => {
  const app = await buildTestApp(t);
  const war = (query: string) => getJson(app, `/v1/events/korean-war${query}`);

  const dprk = await war('?names_by=DPRK');
  t.equal(dprk.status, 200, 'names_by=DPRK is 200');
  t.equal(dprk.body.title, 'Fatherland Liberation War', 'the DPRK name');
  t.equal(dprk.body.named_by, 'DPRK', 'named_by says whose name it is');

  const lower = await war('?names_by=dprk');
  t.equal(lower.body.title, 'Fatherland Liberation War', 'names_by is case-insensitive');
  t.equal(lower.body.named_by, 'DPRK', 'named_by as stored, not as asked');

  const china = await war('?names_by=China');
  t.equal(china.body.title, 'War to Resist U.S. Aggression and Aid Korea', 'the Chinese name');
  t.equal(china.body.named_by, 'China');

  const west = await war(`?names_by=${encodeURIComponent('the West')}`);
  t.equal(west.body.title, 'Korean War', 'the West calls it the Korean War');
  t.equal(west.body.named_by, 'the West');

  const mars = await war('?names_by=Mars');
  t.equal(mars.status, 200, 'a party with no name for it is still 200');
  t.equal(mars.body.title, 'Korean War', 'and keeps the neutral title');
  t.notOk('named_by' in mars.body, 'with no named_by');

  const plain = await war('');
  t.equal(plain.body.title, 'Korean War', 'without names_by: the neutral title');
  t.notOk('named_by' in plain.body, 'and no named_by');
  t.same(dprk.body.names, plain.body.names, 'names_by changes the title, not the list of names');

  const list = await getJson(app, '/v1/events?names_by=DPRK&limit=100');
  const byId = new Map(list.body.data.map((e: any) => [e.id, e]));
  t.match(
    byId.get('korean-war'),
    { title: 'Fatherland Liberation War', named_by: 'DPRK' },
    'the list titles the war the DPRK way',
  );
  t.match(
    byId.get('victory-day-2023'),
    { title: 'Victory Day', named_by: 'DPRK' },
    'and Victory Day',
  );
  const wreath: any = byId.get('kim-jong-un-wreath-laying-cpv-cemetery');
  t.notOk('named_by' in wreath, 'an event the DPRK has no name for keeps its title');
  const plainList = await getJson(app, '/v1/events?limit=100');
  t.same(ids(list.body.data), ids(plainList.body.data), 'the same events, same order');

  const pickedFields = await getJson(app, '/v1/events?names_by=China&fields=title&type=war');
  t.same(
    pickedFields.body.data,
    [{ id: 'korean-war', title: 'War to Resist U.S. Aggression and Aid Korea' }],
    'fields=title keeps the named title',
  );

  await assertInvalid(t, app, '/v1/events/korean-war?names_by=', '/names_by');
  await assertInvalid(t, app, `/v1/events?names_by=${'x'.repeat(101)}`, '/names_by');
});
