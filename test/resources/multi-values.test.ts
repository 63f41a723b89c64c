/**
 * Several values a filter (`type=war,anniversary`, or `type=war&type=anniversary`) and several ids
 * at once (`id=a,b,c`): the union of the one-value lists, in the list's order, paged by cursor.
 */
import t, { type Test } from 'tap';
import type { App } from '../../src/app.js';
import { LIMIT_MAX, VALUES_MAX } from '../../src/query/shapes.js';
import { assertCursorWalk, assertInvalid, ids } from '../expect.js';
import { buildTestApp, getJson } from '../helper.js';

type Page = { data: { id: string }[]; next_cursor: string | null; total?: number };

async function listed(t: Test, app: App, url: string): Promise<string[]> {
  const res = await getJson<Page>(app, url);
  t.equal(res.status, 200, `GET ${url} is 200`);
  return ids(res.body.data);
}

/** The ids of `path` filtered by each value alone, merged in the order of `whole` (all values). */
async function assertUnion(
  t: Test,
  app: App,
  path: string,
  param: string,
  values: string[],
): Promise<void> {
  const sep = path.includes('?') ? '&' : '?';
  const each = await Promise.all(
    values.map((value) => listed(t, app, `${path}${sep}${param}=${value}&limit=100`)),
  );
  for (const [i, got] of each.entries()) {
    t.ok(got.length > 0, `${path} ${param}=${values[i]} finds something`);
  }
  const comma = await listed(t, app, `${path}${sep}${param}=${values.join(',')}&limit=100`);
  const repeated = await listed(
    t,
    app,
    `${path}${sep}${values.map((v) => `${param}=${v}`).join('&')}&limit=100`,
  );
  t.same(
    [...comma].sort(),
    [...new Set(each.flat())].sort(),
    `${path} ${param}=${values.join(',')} is the union of each value's list`,
  );
  t.same(repeated, comma, `${path}: ${param} repeated answers as ${param} comma-separated`);
  // The list's order, and its pages by cursor, hold for the union.
  await assertCursorWalk(t, app, `${path}${sep}${param}=${values.join(',')}`);
  const counted = await getJson<Page>(app, `${path}${sep}${param}=${values.join(',')}&count=true`);
  t.equal(counted.body.total, comma.length, `${path} ${param}=several counts the union`);
}

t.test('a filter takes several values', async (t) => {
  const app = await buildTestApp(t);

  await t.test('events', async (t) => {
    await assertUnion(t, app, '/v1/events', 'type', ['war', 'anniversary', 'wreath_laying']);
    await assertUnion(t, app, '/v1/events', 'participant', [
      'kim-jong-un',
      'chinese-peoples-volunteers',
    ]);
    await assertUnion(t, app, '/v1/events', 'place', ['cpv-martyrs-cemetery-hoechang', 'dprk']);
    t.same(
      await listed(t, app, '/v1/events?status=held,cancelled&limit=100'),
      await listed(t, app, '/v1/events?status=held&limit=100'),
      'status=held,cancelled: the seed has no cancelled event',
    );
    // Under a date range, whose span classes are parts too: each part crossed with each value.
    await assertUnion(t, app, '/v1/events?from=1950&to=2023', 'type', ['war', 'anniversary']);
    const sorted = await listed(t, app, '/v1/events?type=war,anniversary&sort=-title&limit=100');
    const titles = await getJson<{ data: { title: string }[] }>(
      app,
      '/v1/events?type=war,anniversary&sort=-title&limit=100',
    );
    const names = titles.body.data.map((e) => e.title);
    t.same(names, [...names].sort().reverse(), 'sort=-title orders the union by title');
    t.ok(sorted.length >= 2, 'the union has several events');
  });

  await t.test('the other lists', async (t) => {
    await assertUnion(t, app, '/v1/organizations', 'type', ['ministry', 'state_media']);
    await assertUnion(t, app, '/v1/places', 'type', ['city', 'county']);
    await assertUnion(t, app, '/v1/statements', 'mode', ['quote', 'paraphrase']);
    await assertUnion(t, app, '/v1/delegations', 'status', ['held', 'announced']);
  });

  await t.test('the timeline', async (t) => {
    const itemsOf = async (query: string) => {
      const res = await getJson<{ data: { kind: string; id: string }[] }>(
        app,
        `/v1/timeline?${query}&limit=100`,
      );
      t.equal(res.status, 200, `GET /v1/timeline?${query} is 200`);
      return res.body.data.map((item) => `${item.kind}:${item.id}`);
    };
    const kim = await itemsOf('participant=kim-jong-un');
    const mao = await itemsOf('participant=mao-ning');
    const both = await itemsOf('participant=kim-jong-un,mao-ning');
    t.ok(kim.length > 0 && mao.length > 0, 'each participant has items');
    t.same([...both].sort(), [...new Set([...kim, ...mao])].sort(), 'participant=a,b is the union');
    const places = await itemsOf('place=hoechang-county&place=beijing');
    const hoechang = await itemsOf('place=hoechang-county');
    const beijing = await itemsOf('place=beijing');
    t.same(
      [...places].sort(),
      [...new Set([...hoechang, ...beijing])].sort(),
      'place repeated is the union',
    );
  });

  await t.test('bad values are 400 naming the parameter', async (t) => {
    await assertInvalid(t, app, '/v1/events?status=held,bogus', '/status');
    await assertInvalid(t, app, '/v1/events?place=dprk,Not_A_Slug', '/place');
    const many = Array.from({ length: VALUES_MAX + 1 }, (_, i) => `type-${i}`).join(',');
    await assertInvalid(t, app, `/v1/events?type=${many}`, '/type');
    await assertInvalid(t, app, '/v1/statements?mode=quote&mode=shout', '/mode');
  });
});

t.test('id= gives several items at once', async (t) => {
  const app = await buildTestApp(t);
  const wanted = ['victory-day-2023', 'korean-war', 'no-such-event'];
  const got = await listed(t, app, `/v1/events?id=${wanted.join(',')}`);
  t.same(got, ['korean-war', 'victory-day-2023'], 'the ids that exist, in the list’s order');
  const repeated = await listed(t, app, `/v1/events?${wanted.map((id) => `id=${id}`).join('&')}`);
  t.same(repeated, got, 'id repeated answers as id comma-separated');
  const filtered = await listed(t, app, '/v1/events?id=korean-war,victory-day-2023&type=war');
  t.same(filtered, ['korean-war'], 'id= narrows with the other filters');

  for (const path of [
    '/v1/people',
    '/v1/organizations',
    '/v1/places',
    '/v1/delegations',
    '/v1/statements',
    '/v1/figures',
    '/v1/sources',
  ]) {
    const first = await listed(t, app, `${path}?limit=3`);
    const back = await listed(t, app, `${path}?id=${[...first].reverse().join(',')}`);
    t.same(back, first, `${path}?id= gives those items, in the list's order`);
  }

  const walked = await assertCursorWalk(
    t,
    app,
    '/v1/events?id=korean-war,victory-day-2023,kim-jong-un-wreath-laying-cpv-cemetery',
  );
  t.equal(walked.length, 3, 'id= pages by cursor');

  const tooMany = Array.from({ length: LIMIT_MAX + 1 }, (_, i) => `event-${i}`).join(',');
  await assertInvalid(t, app, `/v1/events?id=${tooMany}`, '/id');
  await assertInvalid(t, app, '/v1/people?id=kim-jong-un,Kim%20Jong', '/id');
});
