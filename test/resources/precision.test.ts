/**
 * Precision that matches the source (issue 13, part 3): week dates, approximate and uncertain
 * dates, how surely a date range matches an event, positions stated as of a date, and the status
 * of events and delegations as of their source.
 */
import t from 'tap';
import type { App } from '../../src/app.js';
import { getJson } from '../helper.js';
import { buildWriteApp, SOURCE, send } from '../writes/helper.js';

const WEEK = 'korean-war-70th-anniversary-commemorations';
const cites = (excerpt: string) => [{ source: SOURCE, excerpt }];

/** The id → match pairs of an events list (an empty object unless it answers 200). */
async function matches(app: App, query: string): Promise<Record<string, string>> {
  const { status, body } = await getJson(app, `/v1/events?${query}`);
  if (status !== 200) return { status: String(status) };
  return Object.fromEntries(body.data.map((e: any) => [e.id, e.match]));
}

t.test('"this week" is a week, and a day of it only possibly holds the events', async (t) => {
  const app = await buildWriteApp(t);

  await t.test('GET /v1/events/{week} gives the start at week precision', async (t) => {
    const { body } = await getJson(app, `/v1/events/${WEEK}`);
    t.same(body.start, { value: '2023-W30', precision: 'week' });
    t.equal(body.end, null, 'one week, start and end alike');
    t.equal(body.status, 'held');
  });

  await t.test('from=2023-07-28&to=2023-07-28 lists the week as possible only', async (t) => {
    const found = await matches(app, 'from=2023-07-28&to=2023-07-28');
    t.equal(found[WEEK], 'possible', 'the events of the week may not have been on that Friday');
    t.notOk('victory-day-2023' in found, 'Victory Day (Thursday 27 July) is not listed');
  });

  await t.test(
    'match=certain leaves the possible out; match=possible keeps only them',
    async (t) => {
      t.same(await matches(app, 'from=2023-07-28&to=2023-07-28&match=certain'), {});
      t.same(await matches(app, 'from=2023-07-28&to=2023-07-28&match=possible'), {
        [WEEK]: 'possible',
      });
    },
  );

  await t.test('a day-precision event on the day of the range is certain', async (t) => {
    const found = await matches(app, 'from=2023-07-25&to=2023-07-25');
    t.equal(found['kim-jong-un-wreath-laying-cpv-cemetery'], 'certain');
    t.equal(found[WEEK], 'possible');
  });

  await t.test('a range that holds the whole week surely overlaps it', async (t) => {
    t.equal((await matches(app, 'from=2023-07&to=2023-07'))[WEEK], 'certain');
    t.equal((await matches(app, 'from=2023-W30&to=2023-W30'))[WEEK], 'certain', 'a week query');
    const week = await matches(app, 'from=2023-W30&to=2023-W30');
    t.equal(week['victory-day-2023'], 'certain', 'Thursday of that week is in it');
    t.notOk(
      'korean-war' in (await matches(app, 'from=2023-W30&to=2023-W30')),
      'the war ended in 1953',
    );
  });

  await t.test('the Korean War (1950 to 1953) only possibly went on in March 1950', async (t) => {
    t.same(await matches(app, 'from=1950-03&to=1950-03'), { 'korean-war': 'possible' });
    t.same(await matches(app, 'from=1951&to=1951'), { 'korean-war': 'certain' });
    t.same(
      await matches(app, 'from=1953-12&to=1954'),
      { 'korean-war': 'possible' },
      'its end year may have ended before December',
    );
  });

  await t.test('without a range every event matches for certain', async (t) => {
    const found = await matches(app, 'limit=100');
    t.ok(Object.values(found).every((m) => m === 'certain'));
    t.same(await matches(app, 'match=possible'), {});
  });

  await t.test('the timeline says the same of its items', async (t) => {
    const { body } = await getJson(app, '/v1/timeline?from=2023-07-28&to=2023-07-28');
    t.same(
      body.data.map((i: any) => [i.kind, i.id, i.match]),
      [['event', WEEK, 'possible']],
    );
    const tuesday = await getJson(app, '/v1/timeline?from=2023-07-25&to=2023-07-25&kind=event');
    t.same(
      tuesday.body.data.map((i: any) => [i.id, i.match]),
      [
        [WEEK, 'possible'],
        ['kim-jong-un-tribute-mao-anying-grave', 'certain'],
        ['kim-jong-un-wreath-laying-cpv-cemetery', 'certain'],
      ],
    );
  });

  await t.test('week dates in queries are checked like other dates', async (t) => {
    const { status, body } = await getJson(app, '/v1/events?from=2023-W53');
    t.equal(status, 400);
    t.match(body.errors[0], { field: '/from', message: /2023 has no week 53/ });
    const badMatch = await getJson(app, '/v1/events?from=2023&match=sure');
    t.equal(badMatch.status, 400);
    t.equal(badMatch.body.errors[0].field, '/match');
  });
});

t.test('approximate and uncertain dates', async (t) => {
  const app = await buildWriteApp(t);
  const event = (id: string, start: string, end: string | null = null) => ({
    id,
    type: 'test',
    title: `Test ${id}`,
    start,
    end,
    citations: cites('The country marks the anniversary on Thursday as Victory Day.'),
  });

  await t.test('POST /v1/events keeps the qualifier and shows it', async (t) => {
    const created = await send(app, 'POST', '/v1/events', event('around-1900', '1900~'));
    t.equal(created.status, 201);
    const { body } = await getJson(app, '/v1/events/around-1900');
    t.same(body.start, { value: '1900~', precision: 'year', qualifier: 'approximate' });
    const record = await send(app, 'GET', '/v1/export?format=json&kind=events');
    const stored = record.body.events.find((e: any) => e.id === 'around-1900');
    t.equal(stored.start, '1900~', 'the record keeps the date as given');
  });

  await t.test('an approximate year may mean the year before or after, never surely', async (t) => {
    t.same(await matches(app, 'from=1899&to=1899'), { 'around-1900': 'possible' });
    t.same(await matches(app, 'from=1900&to=1900'), { 'around-1900': 'possible' });
    t.same(await matches(app, 'from=1902&to=1902'), {}, 'two years off is out');
    t.same(
      await matches(app, 'from=1899&to=1901'),
      { 'around-1900': 'certain' },
      'the three years it can mean hold it surely',
    );
  });

  await t.test('an uncertain day, and a span with an uncertain end', async (t) => {
    t.equal((await send(app, 'POST', '/v1/events', event('perhaps', '1910-05-10?'))).status, 201);
    const { body } = await getJson(app, '/v1/events/perhaps');
    t.same(body.start, { value: '1910-05-10?', precision: 'day', qualifier: 'uncertain' });
    t.same(await matches(app, 'from=1910-05-09&to=1910-05-09'), { perhaps: 'possible' });
    const span = event('span', '1920', '1925%');
    t.equal((await send(app, 'POST', '/v1/events', span)).status, 201);
    t.same(await matches(app, 'from=1923&to=1923'), { span: 'certain' });
    t.same(
      await matches(app, 'from=1924&to=1924'),
      { span: 'certain' },
      '1925% means 1924 to 1926: the span surely reaches 1924',
    );
    t.same(await matches(app, 'from=1925&to=1926'), { span: 'possible' });
  });

  await t.test('a malformed qualifier is a 400 problem naming the field', async (t) => {
    const res = await send(app, 'POST', '/v1/events', event('bad', '1900~~'));
    t.equal(res.status, 400);
    t.equal(res.body.errors[0].field, '/start');
  });
});

t.test('positions are stated as of a date', async (t) => {
  const app = await buildWriteApp(t);
  const id = 'sergei-shoigu-defense-minister-russia';

  await t.test('GET /v1/positions/{id} carries as_of', async (t) => {
    const { body } = await getJson(app, `/v1/positions/${id}`);
    t.equal(body.start, null);
    t.equal(body.end, null);
    t.equal(body.as_of, '2023-07-27', 'Defense Minister as of the article, not timelessly');
  });

  await t.test("GET /v1/people/{id} shows each position's as_of", async (t) => {
    const { body } = await getJson(app, '/v1/people/kim-jong-un');
    const secretary = body.positions.find((p: any) => p.title === 'general secretary');
    t.same(secretary.as_of, { value: '2023-07-27', precision: 'day' });
    const mao = await getJson(app, '/v1/people/mao-zedong');
    t.equal(mao.body.positions[0].as_of, null, "Mao Zedong's chairmanship is not of 2023");
  });

  await t.test('as_of must fall between start and end', async (t) => {
    const position = {
      id: 'test-position',
      person: 'kim-jong-un',
      title: 'test',
      start: '2012',
      as_of: '2011-12',
      citations: cites("Kim, general secretary of the Workers' Party of Korea"),
    };
    const before = await send(app, 'POST', '/v1/positions', position);
    t.equal(before.status, 400);
    t.match(before.body.errors[0], { field: '/as_of', message: /before the start \(2012\)/ });
    const ok = await send(app, 'POST', '/v1/positions', { ...position, as_of: '2023-W30' });
    t.equal(ok.status, 201);
    t.equal((await getJson(app, '/v1/positions/test-position')).body.as_of, '2023-W30');
    const noAsOf = await send(app, 'PUT', '/v1/positions/test-position', {
      ...position,
      as_of: undefined,
    });
    t.equal(noAsOf.status, 200);
    t.equal((await getJson(app, '/v1/positions/test-position')).body.as_of, null, 'left out: null');
  });
});

t.test('events and delegations have a status as of their source', async (t) => {
  const app = await buildWriteApp(t);
  const li = 'li-hongzhong-delegation-pyongyang-2023';

  await t.test('"will lead a delegation" is announced, not held', async (t) => {
    const { body } = await getJson(app, `/v1/delegations/${li}`);
    t.equal(body.status, 'announced');
    const shoigu = await getJson(app, '/v1/delegations/sergei-shoigu-delegation-pyongyang-2023');
    t.equal(shoigu.body.status, 'held', 'the Russian delegation arrived');
  });

  await t.test('GET /v1/delegations?status= filters', async (t) => {
    const announced = await getJson(app, '/v1/delegations?status=announced');
    t.same(
      announced.body.data.map((d: any) => d.id),
      [li],
    );
    const held = await getJson(app, '/v1/delegations?status=held');
    t.same(
      held.body.data.map((d: any) => d.id),
      ['sergei-shoigu-delegation-pyongyang-2023'],
    );
    const bad = await getJson(app, '/v1/delegations?status=done');
    t.equal(bad.status, 400);
    t.equal(bad.body.errors[0].field, '/status');
  });

  await t.test('GET /v1/events?status= filters; every seeded event was held', async (t) => {
    const all = await getJson(app, '/v1/events?limit=100');
    t.ok(all.body.data.every((e: any) => e.status === 'held'));
    t.same((await getJson(app, '/v1/events?status=announced')).body.data, []);
  });

  await t.test('a record without status is held; a given one is kept', async (t) => {
    const event = {
      id: 'a-scheduled-parade',
      type: 'parade',
      title: 'A parade',
      start: '2023-07-27',
      citations: cites('The country marks the anniversary on Thursday as Victory Day.'),
    };
    t.equal((await send(app, 'POST', '/v1/events', event)).status, 201);
    t.equal((await getJson(app, `/v1/events/${event.id}`)).body.status, 'held');
    const patched = await send(app, 'PATCH', `/v1/events/${event.id}`, { status: 'scheduled' });
    t.equal(patched.status, 200);
    t.same(
      (await getJson(app, '/v1/events?status=scheduled')).body.data.map((e: any) => e.id),
      [event.id],
    );
    const bad = await send(app, 'PATCH', `/v1/events/${event.id}`, { status: 'postponed' });
    t.equal(bad.status, 400);
  });
});

t.test('a qualified year reaches the years on each side in every date filter', async (t) => {
  const app = await buildWriteApp(t);
  const said = {
    id: 'kcna-around-2022',
    speaker: { kind: 'organization', id: 'korean-central-news-agency' },
    text: 'A remark of about 2022',
    kind: 'report',
    mode: 'paraphrase',
    date: '2022~',
    citations: cites('the Korean Central News Agency reported'),
  };
  const created = await send(app, 'POST', '/v1/statements', said);
  t.equal(created.status, 201, JSON.stringify(created.body));
  const statements = await getJson(app, '/v1/statements?from=2023-06&to=2023-06');
  t.ok(
    statements.body.data.some((s: any) => s.id === said.id),
    '2022~ may be 2023: the statements list finds it',
  );
  const timeline = await getJson(app, '/v1/timeline?from=2023-06&to=2023-06&kind=statement');
  t.same(
    timeline.body.data.map((i: any) => [i.id, i.match]),
    [[said.id, 'possible']],
    'and so does the timeline, as possible',
  );
});
