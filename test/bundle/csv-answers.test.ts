/**
 * CSV answers: `GET /v1/{kind}` and `GET /v1/export` with `format=csv` or `Accept: text/csv`, in
 * the columns the CSV import takes, so that what is exported imports back unchanged.
 */
import { parse } from 'csv-parse/sync';
import t from 'tap';
import type { App } from '../../src/app.js';
import { csvColumns } from '../../src/bundle/csv.js';
import { KINDS } from '../../src/kinds/index.js';
import { assertInvalid, assertProblem } from '../expect.js';
import { buildTestApp, sqliteOnly, untilReadsAnswer } from '../helper.js';

const WORKERS = sqliteOnly('the SQLite read workers');

const KEY = 'csv-test-secret';
const LISTED = [
  'events',
  'people',
  'organizations',
  'places',
  'delegations',
  'statements',
  'figures',
  'sources',
] as const;

async function exportCsv(app: App, kind: string): Promise<string> {
  const res = await app.inject(`/v1/export?format=csv&kind=${kind}`);
  if (res.statusCode !== 200) throw new Error(`export of ${kind}: ${res.statusCode} ${res.body}`);
  return res.body;
}

async function importCsv(app: App, kind: string, csv: string, dryRun = false, mode = 'all') {
  const res = await app.inject({
    method: 'POST',
    url: `/v1/imports?kind=${kind}&mode=${mode}${dryRun ? '&dry_run=true' : ''}`,
    headers: { authorization: `Bearer ${KEY}`, 'content-type': 'text/csv' },
    payload: csv,
  });
  return { status: res.statusCode, body: res.json() };
}

t.test('GET /v1/export?format=csv re-imports unchanged, every kind', async (t) => {
  const app = await buildTestApp(t, { apiKeys: [{ name: 'test', secret: KEY }] });
  for (const { name } of KINDS) {
    const csv = await exportCsv(app, name);
    const rows = parse(csv) as string[][];
    t.same(rows[0], csvColumns(name), `${name}: the header is the import's columns`);
    const { status, body } = await importCsv(app, name, csv, true);
    t.equal(
      status,
      200,
      `${name}: the CSV is valid (${JSON.stringify(body.report?.rejected ?? body)})`,
    );
    const totals = body.report.totals;
    t.equal(totals.unchanged, rows.length - 1, `${name}: every record is unchanged`);
    t.equal(totals.created + totals.updated + totals.rejected, 0, `${name}: nothing else`);
  }
});

t.test('records created from a CSV export export the same bytes', async (t) => {
  const seeded = await buildTestApp(t);
  const bundle = (await seeded.inject('/v1/export?format=ndjson')).body;
  // The kinds no other record refers to, so that a database can hold every other record first.
  // (A CSV holds one kind, so records that refer to each other across kinds, as a source and the
  // agency that issued it do, need a bundle or NDJSON to arrive in one import.)
  for (const kind of ['statements', 'figures', 'participations', 'positions', 'relations']) {
    const app = await buildTestApp(t, { seed: false, apiKeys: [{ name: 'test', secret: KEY }] });
    const others = bundle
      .split('\n')
      .filter((line) => line !== '' && !line.startsWith(`{"kind":"${kind}"`))
      .join('\n');
    const first = await app.inject({
      method: 'POST',
      url: '/v1/imports',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/x-ndjson' },
      payload: others,
    });
    t.equal(first.statusCode, 201, `every record but the ${kind} imports`);
    const { status, body } = await importCsv(app, kind, await exportCsv(seeded, kind));
    t.equal(status, 201, `then the ${kind} from CSV`);
    t.ok(body.report.totals.created > 0, `${kind}: created from the CSV`);
    const after = (await app.inject('/v1/export?format=ndjson')).body;
    t.ok(after === bundle, `${kind}: the database exports the seed's bytes`);
  }
});

t.test('GET /v1/export in CSV: headers and problems', async (t) => {
  const app = await buildTestApp(t);
  const res = await app.inject({ url: '/v1/export?kind=places', headers: { accept: 'text/csv' } });
  t.equal(res.statusCode, 200, 'Accept: text/csv asks for CSV');
  t.equal(res.headers['content-type'], 'text/csv; charset=utf-8', 'answered as text/csv');
  t.equal(
    res.headers['content-disposition'],
    'attachment; filename="annals-places.csv"',
    'saved as annals-places.csv',
  );
  t.equal(res.body, await exportCsv(app, 'places'), 'the same bytes as format=csv');
  const json = await app.inject({ url: '/v1/export?kind=places', headers: { accept: '*/*' } });
  t.match(json.headers['content-type'], /^application\/json/, 'Accept: */* gets the JSON bundle');
  await assertInvalid(t, app, '/v1/export?format=csv', '/kind');
  await assertInvalid(t, app, '/v1/export?format=csv&kind=places,events', '/kind');
  const accepted = await app.inject({ url: '/v1/export', headers: { accept: 'text/csv' } });
  assertProblem(t, accepted, 400, 'Accept: text/csv without kind=');
  // A date range narrows a CSV export as it does a bundle.
  const july = parse(
    (await app.inject('/v1/export?format=csv&kind=statements&from=2023-07-26&to=2023-07-26')).body,
  ) as string[][];
  const all = parse(await exportCsv(app, 'statements')) as string[][];
  t.ok(july.length > 1 && july.length < all.length, 'from/to narrow the statements');
});

t.test('GET /v1/{kind} in CSV', async (t) => {
  const app = await buildTestApp(t, { apiKeys: [{ name: 'test', secret: KEY }] });
  for (const kind of LISTED) {
    const json = await app.inject(`/v1/${kind}?limit=100`);
    const ids = (json.json().data as { id: string }[]).map((item) => item.id);
    const res = await app.inject(`/v1/${kind}?limit=100&format=csv`);
    t.equal(res.statusCode, 200, `GET /v1/${kind}?format=csv is 200`);
    t.equal(res.headers['content-type'], 'text/csv; charset=utf-8', `${kind}: text/csv`);
    t.match(String(res.headers.vary), /accept/i, `${kind}: Vary names Accept`);
    const rows = parse(res.body, { columns: true }) as Record<string, string>[];
    t.same(
      rows.map((row) => row.id),
      ids,
      `${kind}: a row per item of the JSON page, in its order`,
    );
    const { status, body } = await importCsv(app, kind, res.body, true);
    t.equal(status, 200, `${kind}: the page is a valid CSV import`);
    t.equal(body.report.totals.unchanged, ids.length, `${kind}: its records import unchanged`);
  }

  // Filters and pages: the cursor of the next page is in Link.
  const pages: string[][] = [];
  let url: string | null = '/v1/events?type=war,anniversary,wreath_laying,tribute&limit=2';
  while (url) {
    const res = await app.inject({ url, headers: { accept: 'text/csv' } });
    t.equal(res.statusCode, 200, `GET ${url} with Accept: text/csv is 200`);
    pages.push((parse(res.body, { columns: true }) as { id: string }[]).map((row) => row.id));
    const link = res.headers.link as string | undefined;
    url = link ? (/^<([^>]+)>; rel="next"$/.exec(link)?.[1] ?? null) : null;
    if (pages.length > 20) break;
  }
  const whole = await app.inject('/v1/events?type=war,anniversary,wreath_laying,tribute&limit=100');
  t.same(
    pages.flat(),
    (whole.json().data as { id: string }[]).map((item) => item.id),
    'the CSV pages, followed by Link, hold the JSON list',
  );
  t.ok(pages.length > 1, 'over several pages');

  const counted = await app.inject('/v1/people?format=csv&count=true&limit=1');
  t.equal(
    counted.headers['x-total-count'],
    String((await app.inject('/v1/people?count=true')).json().total),
    'count=true gives X-Total-Count',
  );
  const json = await app.inject({
    url: '/v1/people',
    headers: { accept: 'application/json, text/csv;q=0.5' },
  });
  t.match(json.headers['content-type'], /^application\/json/, 'JSON when Accept prefers it');
  await assertInvalid(t, app, '/v1/events?format=csv&fields=title', '/fields');
  await assertInvalid(t, app, '/v1/events?format=xml', '/format');
});

t.test('CSV and JSON of one URL are kept apart by the render cache', async (t) => {
  const app = await buildTestApp(t, { cacheMB: 8 });
  const json = await app.inject('/v1/places?limit=3');
  t.match(json.headers['content-type'], /^application\/json/, 'the JSON first');
  const csv = await app.inject({ url: '/v1/places?limit=3', headers: { accept: 'text/csv' } });
  t.equal(csv.headers['content-type'], 'text/csv; charset=utf-8', 'then the CSV of the same URL');
  const again = await app.inject('/v1/places?limit=3');
  t.equal(again.body, json.body, 'and the JSON again');
});

t.test('CSV answers from the read workers are the inline ones', WORKERS, async (t) => {
  const inline = await buildTestApp(t);
  const pooled = await buildTestApp(t, { readWorkers: 1 });
  await untilReadsAnswer(pooled);
  for (const url of [
    '/v1/statements?format=csv&limit=3',
    '/v1/events?format=csv&type=war,anniversary',
    '/v1/export?format=csv&kind=events',
    '/v1/events/facets?by=type,year,place',
  ]) {
    const [a, b] = await Promise.all([inline.inject(url), pooled.inject(url)]);
    t.equal(b.statusCode, 200, `${url}: 200 from a worker`);
    t.equal(b.body, a.body, `${url}: the same body`);
    t.equal(b.headers.link, a.headers.link, `${url}: the same Link`);
  }
});
