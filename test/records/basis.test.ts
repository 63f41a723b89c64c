/**
 * The basis of a record's fields (src/records/basis.ts) over HTTP: items show it, the claims of a
 * source filter on it, writes and imports validate it with pointers, it round-trips through
 * export and import, a change of it alone is an update, and deletes take it along.
 */
import t from 'tap';
import type { App } from '../../src/app.js';
import { loadSeed } from '../../src/bundle/seed.js';
import { runSql } from '../data.js';
import { assertInvalid, assertProblem } from '../expect.js';
import { getJson, openTestDb, sqliteOnly } from '../helper.js';
import { buildImportApp, bundle, CSV_TYPE, place, postImport } from '../imports/imports-helper.js';
import { buildWriteApp, SOURCE, send } from '../writes/helper.js';

const SHOIGU = 'sergei-shoigu-delegation-pyongyang-2023';
const MERGE = { 'content-type': 'application/merge-patch+json' };

interface Claim {
  kind: string;
  id: string;
  basis: Record<string, { kind: string; note?: string; citation?: number }>;
}

/** The body of a GET that must answer 200. */
async function body(app: App, url: string): Promise<any> {
  const res = await getJson(app, url);
  if (res.status !== 200) throw new Error(`GET ${url} answered ${res.status}`);
  return res.body;
}

/** Every claim of a source, all pages walked. */
async function claimsOf(app: App, source: string, query = ''): Promise<Claim[]> {
  const claims: Claim[] = [];
  let cursor: string | null = null;
  do {
    const url = `/v1/sources/${source}/claims?limit=100${query}${cursor ? `&cursor=${cursor}` : ''}`;
    const page: { data: Claim[]; next_cursor: string | null } = await body(app, url);
    claims.push(...page.data);
    cursor = page.next_cursor;
  } while (cursor);
  return claims;
}

t.test('items show the basis of their fields', async (t) => {
  const app = await buildWriteApp(t);
  const shoigu = await body(app, `/v1/delegations/${SHOIGU}`);
  t.equal(
    shoigu.basis.arrival_place.kind,
    'inferred',
    'the greeting place at the airport is inferred',
  );
  t.match(shoigu.basis.arrival_place.note, /warm welcome atmosphere/, 'with its reason');
  t.same(
    shoigu.basis.arrival,
    { kind: 'stated', citation: 0 },
    'the arrival: stated by citation 0',
  );
  t.same(
    Object.keys(shoigu.basis),
    ['arrival', 'arrival_place', 'receivers'],
    'fields in alphabetical order',
  );

  const cases: [string, string, string][] = [
    ['/v1/events/kim-jong-un-wreath-laying-cpv-cemetery', 'parent', 'inferred'],
    ['/v1/statements/mao-ning-2023-07-26-friendly-neighbors', 'date', 'inferred'],
    ['/v1/statements/mao-ning-2023-07-26-important-consensus', 'date', 'inferred'],
    ['/v1/sources/article-2023-07-27', 'title', 'inferred'],
    ['/v1/people/mao-zedong', 'country', 'background'],
    ['/v1/people/mao-anying', 'country', 'inferred'],
    ['/v1/places/pyongyang', 'parent', 'background'],
    ['/v1/organizations/russian-defense-ministry', 'name', 'inferred'],
    ['/v1/positions/kang-sun-nam-defense-minister-dprk', 'organization', 'inferred'],
  ];
  for (const [url, field, kind] of cases) {
    const item = await body(app, url);
    t.equal(item.basis?.[field]?.kind, kind, `GET ${url}: ${field} is ${kind}`);
    t.ok(item.basis[field].note.length > 0, `GET ${url}: ${field} has a note`);
  }
  for (const url of [
    '/v1/events/korean-war-70th-anniversary-commemorations',
    '/v1/figures/cpv-soldiers-killed-korean-war',
    '/v1/people/kim-jong-un',
    '/v1/relations/mao-anying-eldest-son-of-mao-zedong',
    '/v1/participations/wreath-laying-kim-jong-un',
  ]) {
    t.same((await body(app, url)).basis, {}, `GET ${url}: basis {} when all is stated`);
  }
});

t.test('a source lists its stated facts only with basis=stated', async (t) => {
  const app = await buildWriteApp(t);
  const all = await claimsOf(app, SOURCE);
  const stated = await claimsOf(app, SOURCE, '&basis=stated');
  const inferred = await claimsOf(app, SOURCE, '&basis=inferred');
  const background = await claimsOf(app, SOURCE, '&basis=background');
  const key = (c: Claim) => `${c.kind}/${c.id}`;
  const marked = (c: Claim) => Object.values(c.basis).some((b) => b.kind !== 'stated');
  t.ok(stated.length > 0 && stated.length < all.length, `${stated.length} of ${all.length} stated`);
  t.same(
    stated.map(key),
    all.filter((c) => !marked(c)).map(key),
    'basis=stated: exactly the claims whose fact marks no field inferred or background',
  );
  t.notOk(
    stated.some((c) => c.id === SHOIGU || c.id === 'kim-jong-un-wreath-laying-cpv-cemetery'),
    'the Russian delegation (greeting place) and the wreath-laying (parent) are left out',
  );
  t.ok(
    stated.some((c) => c.id === 'korean-war-70th-anniversary-commemorations'),
    'a fact stated whole is kept',
  );
  t.ok(
    inferred.some((c) => c.id === SHOIGU) && inferred.every((c) => marked(c)),
    'basis=inferred: the facts with an inferred field',
  );
  t.ok(
    background.some((c) => c.id === 'mao-zedong') &&
      background.every((c) => Object.values(c.basis).some((b) => b.kind === 'background')),
    'basis=background: the facts with a background field',
  );
  const shoigu = all.find((c) => c.id === SHOIGU);
  t.equal(shoigu?.basis.arrival_place?.kind, 'inferred', 'each claim carries its basis');
  await assertInvalid(t, app, `/v1/sources/${SOURCE}/claims?basis=maybe`, '/basis');
});

t.test("a field stated by another source is not the cited source's statement", async (t) => {
  const app = await buildWriteApp(t);
  const other = { id: 'other-report', title: 'Another report', citations: [] };
  t.equal((await send(app, 'POST', '/v1/sources', other)).status, 201, 'a second source');
  const record = place('twice-cited', {
    citations: [
      { source: SOURCE, excerpt: 'Pyongyang' },
      { source: 'other-report', excerpt: 'a city' },
    ],
    basis: { type: { kind: 'stated', citation: 1 } },
  });
  const created = await send(app, 'POST', '/v1/places', record);
  t.equal(created.status, 201, 'created');
  t.same(created.body.basis, { type: { kind: 'stated', citation: 1 } }, 'the write answers it');
  const ids = async (source: string) =>
    (await claimsOf(app, source, '&basis=stated')).map((c) => c.id);
  t.notOk((await ids(SOURCE)).includes('twice-cited'), 'not stated whole by the article');
  t.ok((await ids('other-report')).includes('twice-cited'), 'stated whole by the other report');
});

t.test('writes refuse a basis that names no field of the record, with pointers', async (t) => {
  const app = await buildWriteApp(t);
  const bad: [string, object, string][] = [
    ['an unknown field', { colour: { kind: 'inferred', note: 'why' } }, '/basis/colour'],
    ['the id', { id: { kind: 'background', note: 'why' } }, '/basis/id'],
    ['a missing note', { name: { kind: 'inferred' } }, '/basis/name/note'],
    ['an unknown kind', { name: { kind: 'guessed', note: 'why' } }, '/basis/name/kind'],
    ['a note of two lines', { name: { kind: 'inferred', note: 'one\ntwo' } }, '/basis/name/note'],
    ['a citation it lacks', { name: { kind: 'stated', citation: 1 } }, '/basis/name/citation'],
  ];
  const cited = { citations: [{ source: SOURCE, excerpt: 'Pyongyang' }] };
  for (const [what, basis, pointer] of bad) {
    const res = await app.inject({
      method: 'POST',
      url: '/v1/places',
      headers: { authorization: 'Bearer test-secret-0123456789' },
      payload: place('bad-basis', { ...cited, basis }),
    });
    const body = assertProblem(t, res, 400, `POST with ${what}`);
    t.ok(
      body.errors?.some((e: { field: string }) => e.field === pointer),
      `POST with ${what} names ${pointer}`,
    );
  }
  const put = await send(app, 'PUT', '/v1/places/bad-basis', {
    ...place('bad-basis'),
    basis: { colour: { kind: 'inferred', note: 'why' } },
  });
  t.equal(put.status, 400, 'PUT checks it too');
  t.ok(
    put.body.errors.some((e: { field: string }) => e.field === '/basis/colour'),
    'PUT names it',
  );
  const patch = await send(
    app,
    'PATCH',
    '/v1/places/pyongyang',
    { basis: { colour: { kind: 'inferred', note: 'why' } } },
    MERGE,
  );
  t.equal(patch.status, 400, 'PATCH checks it too');
  t.ok(
    patch.body.errors.some((e: { field: string }) => e.field === '/basis/colour'),
    'PATCH names it',
  );
  t.equal((await body(app, '/v1/places/pyongyang')).basis.colour, undefined, 'nothing written');
});

t.test('PATCH merges a basis, and null takes an entry out', async (t) => {
  const app = await buildWriteApp(t);
  const url = `/v1/delegations/${SHOIGU}`;
  const added = await send(
    app,
    'PATCH',
    url,
    { basis: { purpose: { kind: 'stated', citation: 2 }, receivers: null } },
    MERGE,
  );
  t.equal(added.status, 200);
  t.same(
    Object.keys(added.body.basis),
    ['arrival', 'arrival_place', 'purpose'],
    'an entry added, one removed, the others kept',
  );
  t.same((await body(app, url)).basis.purpose, { kind: 'stated', citation: 2 }, 'stored');
});

t.test('an import reports a bad basis by its pointer', async (t) => {
  const app = await buildImportApp(t);
  const { status, report } = await postImport(
    app,
    bundle({ places: [place('x', { basis: { colour: { kind: 'inferred', note: 'why' } } })] }),
  );
  t.equal(status, 422, 'rejected');
  t.same(
    report.rejections.map((r: { pointer: string }) => r.pointer),
    ['/places/0/basis/colour'],
    'the rejection names /places/0/basis/colour',
  );
});

t.test('a CSV row carries a basis as JSON in its cell', async (t) => {
  const app = await buildImportApp(t);
  const basis = { parent: { kind: 'background', note: 'a port city of the DPRK' } };
  const csv = `id,name,type,parent,basis\nwonsan,Wonsan,city,dprk,"${JSON.stringify(basis).replaceAll('"', '""')}"\n`;
  const { status } = await postImport(app, csv, { type: CSV_TYPE, query: 'kind=places' });
  t.equal(status, 201, 'imported');
  t.same((await body(app, '/v1/places/wonsan')).basis, basis, 'with its basis');
});

t.test('a change of basis alone is an update; the same basis is unchanged', async (t) => {
  const app = await buildImportApp(t);
  const exported = JSON.parse((await app.inject({ method: 'GET', url: '/v1/export' })).body);
  const shoigu = exported.delegations.find((d: { id: string }) => d.id === SHOIGU);
  t.same(
    (await postImport(app, bundle({ delegations: [shoigu] }))).report.counts.delegations,
    { created: 0, updated: 0, unchanged: 1, rejected: 0 },
    'the exported record is unchanged',
  );
  const changed = {
    ...shoigu,
    basis: { ...shoigu.basis, arrival: { kind: 'inferred', note: 'evening: a guess' } },
  };
  const { report } = await postImport(app, bundle({ delegations: [changed] }));
  t.equal(report.counts.delegations.updated, 1, 'a changed basis is an update');
  const item = await body(app, `/v1/delegations/${SHOIGU}`);
  t.same(item.basis.arrival, { kind: 'inferred', note: 'evening: a guess' }, 'and is written');
  const cleared = { ...shoigu, basis: {} };
  t.equal(
    (await postImport(app, bundle({ delegations: [cleared] }))).report.counts.delegations.updated,
    1,
    'an emptied basis is an update',
  );
  t.same((await body(app, `/v1/delegations/${SHOIGU}`)).basis, {}, 'every field stated again');
});

t.test('export → import → export keeps the basis byte for byte', async (t) => {
  const first = await buildImportApp(t);
  const text = (await first.inject({ method: 'GET', url: '/v1/export' })).body;
  const exported = JSON.parse(text);
  for (const [kind, records] of Object.entries(exported)) {
    if (!Array.isArray(records)) continue;
    t.ok(
      records.every((r: { basis?: unknown }) => typeof r.basis === 'object' && r.basis !== null),
      `every ${kind} record carries basis`,
    );
  }
  const shoigu = exported.delegations.find((d: { id: string }) => d.id === SHOIGU);
  t.same(
    Object.keys(shoigu),
    [...Object.keys(shoigu).filter((k) => k !== 'basis'), 'basis'],
    'basis comes last, after citations',
  );
  const second = await buildImportApp(t, { seed: false });
  t.equal((await postImport(second, text)).status, 201, 'imported into an empty database');
  const again = (await second.inject({ method: 'GET', url: '/v1/export' })).body;
  t.equal(again, text, 'the same bytes');
});

t.test(
  'the seed marks its inferences, and loading it twice changes nothing',
  sqliteOnly("loadSeed into a SQLite database; PostgreSQL's seed: test/postgres/seed.test.ts"),
  async (t) => {
    const db = openTestDb(t);
    loadSeed(db);
    const count = () => db.$client.prepare('select count(*) from field_basis').pluck().get();
    const rows = count() as number;
    t.ok(rows >= 26, `${rows} fields marked`);
    const second = loadSeed(db);
    t.equal(second.totals.created + second.totals.updated, 0, 'nothing written the second time');
    t.equal(count(), rows, 'the same rows');
  },
);

t.test('deletes take the basis along', async (t) => {
  const app = await buildWriteApp(t);
  const other = { id: 'other-report', title: 'Another report', citations: [] };
  await send(app, 'POST', '/v1/sources', other);
  const citations = [
    { source: 'other-report', excerpt: 'a district' },
    { source: SOURCE, excerpt: 'Pyongyang' },
  ];
  const record = place('cited-twice', {
    parent: 'pyongyang',
    citations,
    basis: {
      name: { kind: 'stated', citation: 1 },
      parent: { kind: 'background', note: 'a district of the capital' },
    },
  });
  t.equal((await send(app, 'POST', '/v1/places', record)).status, 201);
  const gone = await send(app, 'DELETE', '/v1/sources/other-report?cascade=true');
  t.equal(gone.status, 204, 'a cited source deleted with cascade');
  const after = await body(app, '/v1/places/cited-twice');
  t.same(
    after.basis.name,
    { kind: 'stated', citation: 0 },
    'a citation index follows the citations that remain',
  );
  t.equal((await send(app, 'DELETE', '/v1/places/cited-twice')).status, 204, 'the place deleted');
  const [left] = await runSql<{ n: number | string }>(
    app,
    "select count(*) as n from field_basis where subject_id = 'cited-twice'",
  );
  t.equal(Number(left?.n), 0, 'its basis rows went with it');
  const again = await send(app, 'POST', '/v1/places', {
    ...record,
    citations: citations.slice(1),
    basis: {},
  });
  t.equal(again.status, 201, 'the id can be used again');
  t.same(again.body.basis, {}, 'with no basis left over');
});
