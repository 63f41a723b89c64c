/**
 * GET /v1/events/facets: counts by type, year, place and status under the events list's filters,
 * each equal to what the list itself counts with that value added.
 */
import t from 'tap';
import { assertInvalid } from '../expect.js';
import { buildTestApp, getJson } from '../helper.js';
import { buildWriteApp, SOURCE, send } from '../writes/helper.js';

interface FacetCount {
  value: string | null;
  name?: string | null;
  count: number;
}
interface Facets {
  total: number;
  facets: Partial<Record<'type' | 'year' | 'place' | 'status', FacetCount[]>>;
}

t.test('GET /v1/events/facets counts the events list', async (t) => {
  const app = await buildTestApp(t);
  const facetsOf = async (query: string) => {
    const res = await getJson<Facets>(app, `/v1/events/facets${query}`);
    t.equal(res.status, 200, `GET /v1/events/facets${query} is 200`);
    return res.body;
  };
  const countOf = async (query: string) =>
    (await getJson<{ total: number }>(app, `/v1/events?count=true&limit=1${query}`)).body.total;

  for (const filters of [
    '',
    '&from=1950&to=1953',
    '&participant=kim-jong-un',
    '&q=wreath',
    '&type=war,tribute',
  ]) {
    const body = await facetsOf(`?by=type,year,place,status${filters}`);
    t.equal(
      body.total,
      await countOf(filters),
      `${filters || '(none)'}: total is the list's count`,
    );
    for (const [name, param] of [
      ['type', 'type'],
      ['place', 'place'],
      ['status', 'status'],
    ] as const) {
      const values = body.facets[name] ?? [];
      t.equal(
        values.reduce((sum, v) => sum + v.count, 0),
        body.total,
        `${filters || '(none)'}: the ${name} counts add up to the total`,
      );
      for (const { value, count } of values) {
        if (value === null || name === 'place') continue;
        // type= and status= narrow further; the list's count with the value is the facet's.
        const narrowed = filters.includes(`${param}=`)
          ? null
          : await countOf(`${filters}&${param}=${value}`);
        if (narrowed !== null)
          t.equal(count, narrowed, `${filters || '(none)'} ${name}=${value}: ${count}`);
      }
      const counts = values.map((v) => v.count);
      t.same(
        counts,
        [...counts].sort((a, b) => b - a),
        `${name}: the most frequent first`,
      );
    }
    const years = (body.facets.year ?? []).map((y) => y.value);
    t.same(years, [...years].sort(), 'years in order');
    t.equal(
      (body.facets.year ?? []).reduce((sum, v) => sum + v.count, 0),
      body.total,
      'the year counts add up to the total',
    );
  }

  const all = await facetsOf('');
  t.same(
    Object.keys(all.facets).sort(),
    ['place', 'type', 'year'],
    'type, year and place by default',
  );
  const one = await facetsOf('?by=year');
  t.same(Object.keys(one.facets), ['year'], 'by=year gives only the years');
  t.ok(
    one.facets.year?.some((y) => y.value === '1950' && y.count >= 1),
    'the Korean War starts in 1950',
  );
  const places = (await facetsOf('?by=place')).facets.place ?? [];
  t.ok(
    places.some((p) => p.value === 'dprk' && p.name === "Democratic People's Republic of Korea"),
    'a place is counted with its name',
  );
  const limited = await facetsOf('?by=type&limit=1');
  t.equal(limited.facets.type?.length, 1, 'limit bounds the values of a facet');

  await assertInvalid(t, app, '/v1/events/facets?by=colour', '/by');
  await assertInvalid(t, app, '/v1/events/facets?cursor=abc', '/cursor');
  await assertInvalid(t, app, '/v1/events/facets?type=Not%20A%20Type,' + 'x'.repeat(70), '/type');
});

t.test('GET /v1/events/facets counts an event of the year 9999 once, unfiltered', async (t) => {
  const app = await buildWriteApp(t);
  const created = await send(app, 'POST', '/v1/events', {
    id: 'far-future-meeting',
    type: 'meeting',
    title: 'A meeting in the last year a date can name',
    start: '9999-12-31',
    citations: [{ source: SOURCE, excerpt: 'met' }],
  });
  t.equal(created.status, 201, 'the event is written');
  // Unfiltered, the years are read as ranges of the start index up to the next year: 9999's
  // next is 10000, which sorts before 9999-12-31 as text.
  const res = await getJson<Facets>(app, '/v1/events/facets?by=year');
  t.equal(res.status, 200);
  t.same(res.body.facets.year?.at(-1), { value: '9999', count: 1 }, 'the last year is 9999, once');
});
