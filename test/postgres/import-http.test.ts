/**
 * POST /v1/imports on PostgreSQL (src/bundle/http/import-routes.ts, through the import worker):
 * the same bodies sent to the app on SQLite and to the app on PostgreSQL, both seeded, answer the
 * same status, type and body (the import's random id and times aside) — a JSON bundle, NDJSON
 * with a bad reference (422, nothing written), the same in partial mode, a dry run, CSV, a body
 * that is not JSON — and GET /v1/export is then the same bytes on both. PostgreSQL's answer to an
 * import that wrote carries its commit's position, as a single write's does.
 */
import t, { type Test } from 'tap';
import type { App } from '../../src/app.js';
import { buildTestApp } from '../helper.js';
import {
  bundle,
  CSV_TYPE,
  JSON_TYPE,
  KEY,
  NDJSON_TYPE,
  ndjson,
  place,
  postImport,
} from '../imports/imports-helper.js';
import { buildPostgresApp } from './app.js';
import { startPostgres } from './server.js';

const server = await startPostgres();
t.teardown(() => server.stop());
const postgres = await buildPostgresApp(t, server.url, { apiKeys: [KEY] });
const sqlite = await buildTestApp(t, { apiKeys: [KEY] });

/** What an answer says, the import's random id and times aside. */
function said(answer: Awaited<ReturnType<typeof postImport>>) {
  const { id: _, started_at: __, finished_at: ___, ...record } = answer.record ?? {};
  const body =
    answer.status === 422
      ? { ...answer.json, import: record }
      : answer.record
        ? record
        : answer.json;
  return { status: answer.status, type: answer.res.headers['content-type'], body };
}

/** Posts the body to both apps; answers PostgreSQL's answer once it is checked against SQLite's. */
async function both(
  t: Test,
  name: string,
  body: unknown,
  options: { query?: string; type?: string },
) {
  const expected = await postImport(sqlite, body, options);
  const got = await postImport(postgres, body, options);
  t.same(said(got), said(expected), `${name}: SQLite's answer (${expected.status})`);
  return got;
}

async function exportOf(app: App): Promise<string> {
  const answer = await app.inject({ url: '/v1/export?format=ndjson' });
  if (answer.statusCode !== 200) throw new Error(`GET /v1/export answered ${answer.statusCode}`);
  return answer.body;
}

const seedEvent = async () =>
  (await sqlite.inject({ url: '/v1/export?format=json&kind=events' })).json().events[0];

t.test('the same answers, then the same export', async (t) => {
  const event = await seedEvent();
  const json = await both(
    t,
    'a JSON bundle',
    bundle({
      events: [{ ...event, title: `${event.title} (revised)` }],
      places: [place('wonsan', { parent: 'dprk' }), place('wonsan-port', { parent: 'wonsan' })],
    }),
    { type: JSON_TYPE },
  );
  t.equal(json.status, 201, 'imported');
  t.match(json.report.totals, { created: 2, updated: 1 }, 'two created, one updated');
  t.match(json.res.headers['annals-read-after'], /^[0-9A-F]+\/[0-9A-F]+$/, 'with its position');
  const logged = await postgres.inject({ url: json.res.headers.location as string });
  t.same(logged.json(), json.record, 'Location: the import as logged');

  const bad = ndjson([
    ['places', place('hamhung', { parent: 'wonsan' })],
    ['places', place('nowhere-child', { parent: 'atlantis' })],
    ['events', { ...event, title: 'Never written' }],
  ]);
  const before = await exportOf(postgres);
  const refused = await both(t, 'NDJSON with a bad reference', bad, { type: NDJSON_TYPE });
  t.equal(refused.status, 422, 'rejected');
  t.ok(refused.res.headers['annals-read-after'], 'with a position: its line of the log');
  t.ok((await exportOf(postgres)) === before, 'PostgreSQL unchanged');

  const partial = await both(t, 'the same, partial', bad, {
    type: NDJSON_TYPE,
    query: 'mode=partial',
  });
  t.match(partial.report.totals, { created: 1, updated: 1, rejected: 1 }, 'the valid ones');
  const dry = await both(t, 'a dry run', ndjson([['places', place('chongjin')]]), {
    type: NDJSON_TYPE,
    query: 'dry_run=true',
  });
  t.equal(dry.status, 200, 'validated');
  const csv = await both(t, 'CSV', 'id,name,type,parent\nsinuiju,Sinuiju,city,dprk\n', {
    type: CSV_TYPE,
    query: 'kind=places',
  });
  t.equal(csv.status, 201, 'imported');
  await both(t, 'not JSON', '{"places": [', { type: JSON_TYPE });

  const want = await exportOf(sqlite);
  t.ok(want.includes('"wonsan-port"'), 'the imports are in the export');
  t.ok((await exportOf(postgres)) === want, 'GET /v1/export: the same bytes');
});
