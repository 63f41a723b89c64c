import t from 'tap';
import { firstDay } from '../../src/domain/partial-date.js';
import { buildTestApp, getJson, walkList } from '../helper.js';

t.test('GET /v1/events', async (t) => {
  const app = await buildTestApp(t);

  await t.test(
    'from=2023-07-25&to=2023-07-25 finds the wreath-laying with Kim Jong-un',
    async (t) => {
      const { status, body } = await getJson(app, '/v1/events?from=2023-07-25&to=2023-07-25');
      t.equal(status, 200);
      const wreath = body.data.find((e: any) => e.type === 'wreath_laying');
      t.ok(wreath, 'the wreath-laying is listed');
      t.same(wreath.start, { value: '2023-07-25', precision: 'day' });
      t.notOk(
        body.data.some((e: any) => e.id === 'victory-day-2023'),
        'Victory Day (2023-07-27) is outside the range',
      );
      const detail = await getJson(app, `/v1/events/${wreath.id}`);
      const kim = detail.body.participants.find((p: any) => p.participant.id === 'kim-jong-un');
      t.ok(kim, 'Kim Jong-un is among the participants');
      t.equal(kim.role, 'laid the wreath');
      t.ok(kim.citations.length > 0, 'the participation cites its source');
    },
  );

  await t.test('from=1951&to=1951 finds the Korean War by overlap', async (t) => {
    const { body } = await getJson(app, '/v1/events?from=1951&to=1951');
    t.same(
      body.data.map((e: any) => e.id),
      ['korean-war'],
    );
    t.same(body.data[0].start, { value: '1950', precision: 'year' }, 'a year stays a year');
    t.same(body.data[0].end, { value: '1953', precision: 'year' });
  });

  await t.test('a range that touches only the last year still overlaps', async (t) => {
    const { body } = await getJson(app, '/v1/events?from=1953-12&to=1954');
    t.same(
      body.data.map((e: any) => e.id),
      ['korean-war'],
    );
  });

  await t.test('type, place (with the places inside it) and participant filter', async (t) => {
    const byType = await getJson(app, '/v1/events?type=war');
    t.same(
      byType.body.data.map((e: any) => e.id),
      ['korean-war'],
    );
    const inCounty = await getJson(app, '/v1/events?place=hoechang-county');
    t.same(
      inCounty.body.data.map((e: any) => e.id).sort(),
      ['kim-jong-un-tribute-mao-anying-grave', 'kim-jong-un-wreath-laying-cpv-cemetery'],
      'events at the cemetery and at the grave inside it',
    );
    const withKim = await getJson(app, '/v1/events?participant=kim-jong-un');
    t.ok(withKim.body.data.length >= 2);
    t.ok(withKim.body.data.every((e: any) => e.start.value.startsWith('2023')));
    const withCpv = await getJson(app, '/v1/events?participant=chinese-peoples-volunteers');
    t.ok(
      withCpv.body.data.some((e: any) => e.id === 'korean-war'),
      'organizations take part too',
    );
  });

  await t.test('q matches titles and the names others use', async (t) => {
    const byName = await getJson(app, '/v1/events?q=fatherland%20liberation');
    t.ok(
      byName.body.data.some((e: any) => e.id === 'korean-war'),
      'DPRK name finds the war',
    );
    const none = await getJson(app, '/v1/events?q=%25');
    t.equal(none.status, 400, 'a lone % has no words to search for');
  });

  await t.test('lists are in chronological order', async (t) => {
    const { body } = await getJson(app, '/v1/events');
    // By the first day each start can mean: `2023-W30` (from Monday 24 July) before `2023-07-25`.
    const starts = body.data.map((e: any) => firstDay(e.start.value));
    t.same(starts, [...starts].sort());
  });

  await t.test('the cursor walks the list to its end without repeats', async (t) => {
    const all = await getJson(app, '/v1/events?limit=100');
    const walk = await walkList(app, '/v1/events?limit=2');
    t.same(
      walk.ids,
      all.body.data.map((e: any) => e.id),
    );
    t.equal(new Set(walk.ids).size, walk.ids.length, 'no id twice');
    t.equal(walk.pages, Math.ceil(walk.ids.length / 2));
  });
});

t.test('GET /v1/events/korean-war shows names by who uses them', async (t) => {
  const app = await buildTestApp(t);
  const { status, body } = await getJson(app, '/v1/events/korean-war');
  t.equal(status, 200);
  t.same(
    body.names.map((n: any) => [n.used_by, n.name]),
    [
      ['DPRK', 'Fatherland Liberation War'],
      ['China', 'War to Resist U.S. Aggression and Aid Korea'],
      ['the West', 'Korean War'],
    ],
  );
  t.ok(body.citations.length > 0);
  t.equal(body.citations[0].source.id, 'article-2023-07-27');
  const commemorations = await getJson(
    app,
    '/v1/events/korean-war-70th-anniversary-commemorations',
  );
  t.same(commemorations.body.commemorates, { id: 'korean-war', name: 'Korean War' });
  t.ok(
    commemorations.body.children.some(
      (c: any) => c.id === 'kim-jong-un-wreath-laying-cpv-cemetery',
    ),
    'the wreath-laying is part of the commemorations',
  );
});

t.test('bad input on events is a 400 problem naming the field', async (t) => {
  const app = await buildTestApp(t);
  const cases: [string, string][] = [
    ['/v1/events?from=2023-02-30', '/from'],
    ['/v1/events?to=1951-13', '/to'],
    ['/v1/events?limit=0', '/limit'],
    ['/v1/events?limit=101', '/limit'],
    ['/v1/events?limit=ten', '/limit'],
    ['/v1/events?cursor=not-a-cursor', '/cursor'],
    ['/v1/events?place=Not%20A%20Slug', '/place'],
  ];
  for (const [url, field] of cases) {
    const res = await app.inject({ method: 'GET', url });
    t.equal(res.statusCode, 400, `${url} is 400`);
    t.match(res.headers['content-type'], /^application\/problem\+json/);
    t.ok(
      res.json().errors.some((e: any) => e.field === field),
      `${url} names ${field}`,
    );
  }
  const unknown = await app.inject({ method: 'GET', url: '/v1/events?colour=red' });
  t.equal(unknown.statusCode, 400, 'an unknown query key is 400');
  t.match(unknown.json().detail, /colour/);
  const missing = await app.inject({ method: 'GET', url: '/v1/events/no-such-event' });
  t.equal(missing.statusCode, 404);
  t.match(missing.headers['content-type'], /^application\/problem\+json/);
  t.match(missing.json(), { status: 404, type: '/problems/not-found' });
});
