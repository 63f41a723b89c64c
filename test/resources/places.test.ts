import t from 'tap';
import { readSeedBundle } from '../../src/bundle/seed.js';
import {
  assertCursorWalk,
  assertInvalid,
  assertNotFound,
  assertUnknownKey,
  byNameThenId,
  ids,
} from '../expect.js';
import { buildTestApp, getJson } from '../helper.js';

const seed = readSeedBundle();
const dprkRef = { id: 'dprk', name: "Democratic People's Republic of Korea" };

/** The seed's places inside `id` at any depth, by name: what `within` must answer. */
function insideOf(id: string): string[] {
  const parentOf = new Map(seed.places.map((p) => [p.id, p.parent ?? null]));
  const isInside = (placeId: string): boolean => {
    const parent = parentOf.get(placeId) ?? null;
    return parent !== null && (parent === id || isInside(parent));
  };
  return ids(seed.places.filter((p) => isInside(p.id)).sort(byNameThenId));
}

t.test('GET /v1/places', async (t) => {
  const app = await buildTestApp(t);

  await t.test('lists every place of the seed by name', async (t) => {
    const { status, body } = await getJson(app, '/v1/places');
    t.equal(status, 200, 'GET /v1/places is 200');
    t.same(ids(body.data), ids([...seed.places].sort(byNameThenId)), 'the seed places, by name');
    t.equal(body.data.length, 10, 'the article names ten places');
    t.same(
      body.data.find((p: any) => p.id === 'hoechang-county'),
      {
        id: 'hoechang-county',
        name: 'Hoechang County',
        type: 'county',
        aliases: [],
        parent: { id: 'south-pyongan-province', name: 'South Pyongan Province' },
      },
      'a summary names the parent place',
    );
  });

  await t.test('within lists the places inside another, at any depth', async (t) => {
    const inDprk = await getJson(app, '/v1/places?within=dprk');
    t.same(ids(inDprk.body.data), insideOf('dprk'), 'within=dprk matches the seed hierarchy');
    t.same(
      [...ids(inDprk.body.data)].sort(),
      [
        'cpv-martyrs-cemetery-hoechang',
        'hoechang-county',
        'mao-anying-grave',
        'pyongyang',
        'pyongyang-international-airport',
        'south-pyongan-province',
      ],
      'six places down to the grave, four levels deep',
    );
    t.notOk(ids(inDprk.body.data).includes('dprk'), 'the DPRK is not inside itself');
    const inCounty = await getJson(app, '/v1/places?within=hoechang-county');
    t.same(
      ids(inCounty.body.data),
      ['cpv-martyrs-cemetery-hoechang', 'mao-anying-grave'],
      'the cemetery and the grave inside it',
    );
    const inCity = await getJson(app, '/v1/places?within=pyongyang');
    t.same(
      ids(inCity.body.data),
      ['pyongyang-international-airport'],
      'the airport is in the city',
    );
    const inGrave = await getJson(app, '/v1/places?within=mao-anying-grave');
    t.same(inGrave.body.data, [], 'nothing is inside the grave');
  });

  await t.test('type and q narrow the list', async (t) => {
    const countries = await getJson(app, '/v1/places?type=country');
    t.same(ids(countries.body.data), ['dprk', 'republic-of-korea'], 'type=country finds two');
    const byAlias = await getJson(app, '/v1/places?q=dprk');
    t.same(ids(byAlias.body.data), ['dprk'], 'q=dprk finds the country by its alias');
    const pyongyang = await getJson(app, '/v1/places?q=pyongyang');
    t.same(
      ids(pyongyang.body.data).sort(),
      ['pyongyang', 'pyongyang-international-airport'],
      'q=pyongyang finds the city and its airport, not South Pyongan',
    );
    const both = await getJson(app, '/v1/places?within=dprk&type=city');
    t.same(ids(both.body.data), ['pyongyang'], 'within and type combine');
  });

  await t.test('the cursor walks the list to its end without repeats', async (t) => {
    const all = await assertCursorWalk(t, app, '/v1/places');
    t.equal(all.length, seed.places.length, 'the walk sees every seed place');
    await assertCursorWalk(t, app, '/v1/places?within=dprk');
  });

  await t.test('bad input is a 400 problem naming the field', async (t) => {
    await assertInvalid(t, app, '/v1/places?within=DPRK', '/within');
    await assertInvalid(t, app, '/v1/places?within=', '/within');
    await assertInvalid(t, app, `/v1/places?type=${'x'.repeat(61)}`, '/type');
    await assertInvalid(t, app, '/v1/places?type=', '/type');
    await assertInvalid(t, app, '/v1/places?limit=-1', '/limit');
    await assertInvalid(t, app, '/v1/places?cursor=not-a-cursor', '/cursor');
    await assertUnknownKey(t, app, '/v1/places', 'inside');
  });
});

t.test('GET /v1/places/{id} shows where it lies and what happened there', async (t) => {
  const app = await buildTestApp(t);

  const grave = await getJson(app, '/v1/places/mao-anying-grave');
  t.equal(grave.status, 200, 'the grave is found');
  t.same(
    ids(grave.body.ancestors),
    ['cpv-martyrs-cemetery-hoechang', 'hoechang-county', 'south-pyongan-province', 'dprk'],
    'the ancestors go from the cemetery up to the DPRK',
  );
  t.same(
    grave.body.events,
    [
      {
        id: 'kim-jong-un-tribute-mao-anying-grave',
        title: 'Kim Jong-un places a flower at the grave of Mao Anying',
        start: { value: '2023-07-25', precision: 'day' },
      },
    ],
    'the tribute happened at the grave',
  );
  t.match(grave.body.citations[0].excerpt, /grave of Mao Anying/, 'the grave cites the article');

  const county = await getJson(app, '/v1/places/hoechang-county');
  t.same(
    ids(county.body.children),
    ['cpv-martyrs-cemetery-hoechang'],
    'the cemetery is in the county',
  );
  t.same(
    ids(county.body.events),
    ['kim-jong-un-tribute-mao-anying-grave', 'kim-jong-un-wreath-laying-cpv-cemetery'],
    'the county shows the events at the cemetery and the grave inside it',
  );

  const dprk = await getJson(app, '/v1/places/dprk');
  t.same(dprk.body.ancestors, [], 'a country lies inside nothing');
  t.same(
    ids(dprk.body.children),
    ['pyongyang', 'south-pyongan-province'],
    'directly inside: Pyongyang and South Pyongan, not the places deeper down',
  );
  t.same(
    dprk.body.events.map((e: any) => [e.id, e.start.value]),
    [
      ['korean-war-70th-anniversary-commemorations', '2023-W30'],
      ['kim-jong-un-tribute-mao-anying-grave', '2023-07-25'],
      ['kim-jong-un-wreath-laying-cpv-cemetery', '2023-07-25'],
      ['victory-day-2023', '2023-07-27'],
    ],
    'every event in the DPRK, by date',
  );

  const peninsula = await getJson(app, '/v1/places/korean-peninsula');
  t.same(
    peninsula.body.events,
    [{ id: 'korean-war', title: 'Korean War', start: { value: '1950', precision: 'year' } }],
    'the war was fought on the peninsula; its start stays a year',
  );

  const airport = await getJson(app, '/v1/places/pyongyang-international-airport');
  t.same(
    airport.body.ancestors,
    [{ id: 'pyongyang', name: 'Pyongyang' }, dprkRef],
    'the airport lies in Pyongyang, in the DPRK',
  );

  await assertNotFound(t, app, '/v1/places/atlantis');
  await assertInvalid(t, app, '/v1/places/Pyongyang', '/id', 'path');
});
