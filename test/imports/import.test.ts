import { readFileSync } from 'node:fs';
import t from 'tap';
import { readSeedBundle } from '../../src/bundle/seed.js';
import { KIND_NAMES } from '../../src/kinds/index.js';
import { SEED_BUNDLE_PATH } from '../../src/paths.js';
import { assertProblem } from '../expect.js';
import { getJson } from '../helper.js';
import {
  buildImportApp,
  bundle,
  counts,
  dump,
  event,
  KEY,
  NDJSON_TYPE,
  ndjson,
  OTHER_KEY,
  person,
  place,
  postImport,
  searchIds,
} from './imports-helper.js';

/** Three good records with words found nowhere else, and one event on a day that never was. */
const mixed = () =>
  bundle({
    places: [
      place('quillmarsh', { name: 'Quillmarsh', parent: 'dprk' }),
      place('brindlewick', { name: 'Brindlewick' }),
    ],
    people: [person('tassengard-vole', { name: 'Tassengard Vole', country: 'china' })],
    events: [event('impossible-day', { title: 'Frobnication summit', start: '2023-02-30' })],
  });
const GOOD_NAMES = ['Quillmarsh', 'Brindlewick', 'Tassengard'];

/** A small bundle touching several kinds, children and citations, all of it valid. */
const varied = () =>
  bundle({
    places: [place('harrowgate', { aliases: ['Harrow'], parent: 'pyongyang' })],
    people: [person('olwen-marsh', { country: 'dprk-state', description: 'an envoy' })],
    events: [
      event('harrowgate-talks', {
        place: 'harrowgate',
        parent: 'korean-war-70th-anniversary-commemorations',
        names: [
          { name: 'Harrowgate talks', used_by: 'the West' },
          { name: 'Talks at Harrowgate', used_by: 'DPRK' },
        ],
        citations: [{ source: 'article-2023-07-27', excerpt: 'paid tribute' }],
      }),
    ],
    participations: [
      {
        id: 'harrowgate-talks-olwen-marsh',
        event: 'harrowgate-talks',
        participant: { kind: 'person', id: 'olwen-marsh' },
        role: 'envoy',
      },
    ],
    statements: [
      {
        id: 'olwen-marsh-harrowgate-remarks',
        speaker: { kind: 'person', id: 'olwen-marsh' },
        date: '2023-07',
        event: 'harrowgate-talks',
        kind: 'remarks',
        mode: 'paraphrase',
        text: 'She said the talks went well.',
      },
    ],
  });

t.test('POST /v1/imports is all or nothing by default', async (t) => {
  const app = await buildImportApp(t);
  const before = await dump(app);
  const { res, json, record, report } = await postImport(app, mixed());
  const problem = assertProblem(t, res, 422, 'POST /v1/imports with one bad record');
  t.equal(problem.type, '/problems/import-rejected', 'an import-rejected problem');
  t.match(problem.detail, /1 record\(s\) rejected; nothing was written/, 'the detail says so');
  t.equal(json.import.status, 'rejected', 'the problem carries the import record');
  t.equal(report.status, 'rejected', 'the report says rejected');
  t.same(report.totals, counts(0, 0, 0, 1), 'nothing counted but the rejection');
  t.same(report.counts.events, counts(0, 0, 0, 1), 'events: one rejected');
  t.equal(report.rejections.length, 1, 'one rejection listed');
  t.match(
    report.rejections[0],
    { kind: 'events', id: 'impossible-day', index: 0 },
    'the bad event',
  );

  t.same(await dump(app), before, 'the database is unchanged');
  for (const id of ['quillmarsh', 'brindlewick']) {
    t.equal((await getJson(app, `/v1/places/${id}`)).status, 404, `GET /v1/places/${id} is 404`);
  }
  t.equal((await getJson(app, '/v1/people/tassengard-vole')).status, 404, 'the person is absent');
  for (const name of GOOD_NAMES) {
    t.same(await searchIds(app, name), [], `/v1/search?q=${name} finds nothing`);
  }
  const logged = await getJson(app, `/v1/imports/${record.id}`);
  t.equal(logged.body.status, 'rejected', 'the rejected import is in the log all the same');
});

t.test('POST /v1/imports?mode=partial writes the good records only', async (t) => {
  const app = await buildImportApp(t);
  const { res, status, report, record } = await postImport(app, mixed(), { query: 'mode=partial' });
  t.equal(status, 201, 'a partial import is 201');
  t.equal(res.headers.location, `/v1/imports/${record.id}`, 'Location names the import');
  t.equal(report.status, 'imported', 'the report says imported');
  t.equal(report.mode, 'partial', 'in partial mode');
  t.same(report.counts.places, counts(2, 0, 0, 0), 'places: two created');
  t.same(report.counts.people, counts(1, 0, 0, 0), 'people: one created');
  t.same(report.counts.events, counts(0, 0, 0, 1), 'events: one rejected');
  t.same(report.totals, counts(3, 0, 0, 1), 'totals add up');
  t.equal(report.rejections[0].pointer, '/events/0/start', 'the bad record is listed');

  const quillmarsh = await getJson(app, '/v1/places/quillmarsh');
  t.equal(quillmarsh.status, 200, 'the good place is written');
  t.equal(quillmarsh.body.parent.id, 'dprk', 'with its reference to a seeded place');
  t.equal((await getJson(app, '/v1/people/tassengard-vole')).status, 200, 'the person too');
  t.equal((await getJson(app, '/v1/events/impossible-day')).status, 404, 'not the bad event');
  t.same(await searchIds(app, 'Quillmarsh'), ['quillmarsh'], 'search finds the written place');
  t.same(await searchIds(app, 'Frobnication'), [], 'search does not find the rejected event');
});

t.test('POST /v1/imports?dry_run=true reports and writes nothing', async (t) => {
  const app = await buildImportApp(t);
  const before = await dump(app);
  const good = varied();
  const { status, report } = await postImport(app, good, { query: 'dry_run=true' });
  t.equal(status, 200, 'a dry run is 200');
  t.equal(report.status, 'validated', 'the report says validated');
  t.equal(report.dry_run, true, 'and dry_run');
  t.same(report.counts.events, counts(1, 0, 0, 0), 'events: one would be created');
  t.same(report.totals, counts(5, 0, 0, 0), 'five would be created');
  t.same(await dump(app), before, 'the database is unchanged');
  t.same(await searchIds(app, 'Harrowgate'), [], 'search finds nothing');

  const bad = await postImport(app, mixed(), { query: 'dry_run=true' });
  t.equal(bad.status, 200, 'a dry run with a bad record is still 200');
  t.same(bad.report.totals, counts(3, 0, 0, 1), 'three would be created, one is rejected');
  t.equal(bad.report.rejections[0].pointer, '/events/0/start', 'and lists the rejection');
  t.same(await dump(app), before, 'still unchanged');

  await postImport(app, good);
  const again = await postImport(app, good, { query: 'dry_run=true' });
  t.same(
    again.report.totals,
    counts(0, 0, 5, 0),
    'after the import, a dry run finds all unchanged',
  );
});

t.test('importing the same file twice changes nothing the second time', async (t) => {
  const app = await buildImportApp(t);
  const first = await postImport(app, varied());
  t.equal(first.status, 201, 'the first import is 201');
  t.same(first.report.totals, counts(5, 0, 0, 0), 'the first import creates five');
  const once = await dump(app);
  const second = await postImport(app, varied());
  t.equal(second.status, 201, 'the second import is 201 too');
  t.same(second.report.totals, counts(0, 0, 5, 0), 'the second finds all five unchanged');
  t.same(await dump(app), once, 'the database dump is identical');

  const seedText = readFileSync(SEED_BUNDLE_PATH, 'utf8');
  const seed = await postImport(app, seedText);
  t.equal(seed.report.totals.created + seed.report.totals.updated, 0, 'the seed: nothing written');
  const records = KIND_NAMES.reduce((sum, kind) => sum + readSeedBundle()[kind].length, 0);
  t.equal(seed.report.totals.unchanged, records, `the seed: all ${records} records unchanged`);
  t.same(await dump(app), once, 'the dump is identical after the seed again');
});

t.test('lists in any order are unchanged the second time', async (t) => {
  const app = await buildImportApp(t);
  // The stored order of cites and members is by id (records.ts), not the order imported.
  const unsorted = bundle({
    sources: [
      {
        id: 'memo-two',
        title: 'Memo',
        cites: ['kcna-report-2023-07-26-wreath', 'article-2023-07-27'],
      },
    ],
    delegations: [
      {
        id: 'envoys-2023',
        name: 'Envoys',
        members: [{ person: 'mao-ning' }, { person: 'kim-jong-un' }],
      },
    ],
  });
  const first = await postImport(app, unsorted);
  t.same(first.report.totals, counts(2, 0, 0, 0), 'created');
  const once = await dump(app);
  const second = await postImport(app, unsorted);
  t.same(await dump(app), once, 'the database dump is identical');
  t.same(second.report.counts.sources, counts(0, 0, 1, 0), 'the source is unchanged');
  t.same(second.report.counts.delegations, counts(0, 0, 1, 0), 'the delegation is unchanged');
});

t.test('changing one field counts one update', async (t) => {
  const app = await buildImportApp(t);
  await postImport(app, varied());
  const changed = varied() as ReturnType<typeof varied> & { events: any[] };
  changed.events[0].title = 'Harrowgate conference';
  const { report } = await postImport(app, changed);
  t.same(report.counts.events, counts(0, 1, 0, 0), 'events: one updated');
  t.same(report.totals, counts(0, 1, 4, 0), 'the rest unchanged');
  const stored = await getJson(app, '/v1/events/harrowgate-talks');
  t.equal(stored.body.title, 'Harrowgate conference', 'the new title is stored');
  t.same(await searchIds(app, 'conference'), ['harrowgate-talks'], 'and indexed');
});

t.test('records may reference ids defined later in the same input', async (t) => {
  const app = await buildImportApp(t);

  await t.test('in a JSON bundle', async (t) => {
    // Events come first here, and refer to places and events that follow them.
    const later = {
      format: 'annals-bundle',
      version: 1,
      events: [
        event('fwd-closing', { parent: 'fwd-summit', place: 'fwd-hall' }),
        event('fwd-summit', { place: 'fwd-hall' }),
      ],
      places: [place('fwd-hall', { parent: 'fwd-city' }), place('fwd-city')],
    };
    const { status, report } = await postImport(app, later);
    t.equal(status, 201, 'the bundle is imported');
    t.same(report.totals, counts(4, 0, 0, 0), 'four created');
    const closing = await getJson(app, '/v1/events/fwd-closing');
    t.equal(closing.body.parent.id, 'fwd-summit', 'the parent defined after it');
    t.equal((await getJson(app, '/v1/places/fwd-hall')).body.parent.id, 'fwd-city');
  });

  await t.test('in NDJSON', async (t) => {
    const body = ndjson([
      ['event', event('nd-closing', { parent: 'nd-summit', place: 'nd-hall' })],
      ['events', event('nd-summit')],
      ['place', place('nd-hall', { parent: 'nd-city' })],
      ['places', place('nd-city')],
    ]);
    const { status, report } = await postImport(app, body, { type: NDJSON_TYPE });
    t.equal(status, 201, 'the stream is imported');
    t.same(report.totals, counts(4, 0, 0, 0), 'four created');
    const closing = await getJson(app, '/v1/events/nd-closing');
    t.equal(closing.body.parent.id, 'nd-summit', 'the parent on a later line');
  });
});

t.test('GET /v1/imports lists imports newest first', async (t) => {
  const app = await buildImportApp(t);
  const pause = () => new Promise((resolve) => setTimeout(resolve, 5));
  const first = await postImport(app, bundle({ places: [place('log-a')] }));
  await pause();
  const second = await postImport(app, mixed());
  await pause();
  const third = await postImport(app, bundle({ places: [place('log-b')] }), { key: OTHER_KEY });

  const list = await getJson(app, '/v1/imports');
  t.equal(list.status, 200, 'GET /v1/imports is 200');
  t.same(
    list.body.data.map((i: any) => i.id).slice(0, 3),
    [third.record.id, second.record.id, first.record.id],
    'newest first',
  );
  t.same(
    list.body.data.map((i: any) => i.key_name),
    [OTHER_KEY.name, KEY.name, KEY.name, 'seed'],
    'each with the name of its key, the seed load first of all',
  );
  t.same(
    list.body.data.map((i: any) => i.status),
    ['imported', 'rejected', 'imported', 'imported'],
    'and its status',
  );
  t.same(list.body.data[0].report.totals, counts(1, 0, 0, 0), 'with its counts');
  t.same(list.body.data[1].report.totals, counts(0, 0, 0, 1), 'a rejected one too');
  t.notMatch(JSON.stringify(list.body), /sk-annals-test/, 'no secret in the log');

  const page = await getJson(app, '/v1/imports?limit=1');
  t.equal(page.body.data[0].id, third.record.id, 'limit=1 gives the newest');
  const next = await getJson(
    app,
    `/v1/imports?limit=1&cursor=${encodeURIComponent(page.body.next_cursor)}`,
  );
  t.equal(next.body.data[0].id, second.record.id, 'its cursor gives the next one');

  const one = await getJson(app, `/v1/imports/${first.record.id}`);
  t.equal(one.status, 200, 'GET /v1/imports/{id} is 200');
  t.same(one.body, first.record, 'and returns the import as POST answered it');

  const unknown = await app.inject('/v1/imports/00000000-0000-4000-8000-000000000000');
  t.equal(assertProblem(t, unknown, 404, 'an unknown import').type, '/problems/not-found');
  const malformed = await app.inject('/v1/imports/not-a-uuid');
  const problem = assertProblem(t, malformed, 400, 'a malformed import id');
  t.ok(
    problem.errors.some((e: any) => e.in === 'path' && e.field === '/id'),
    'the 400 names path /id',
  );
});
