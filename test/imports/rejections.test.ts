/** Every way an import rejects a record: the report says which record, where, and why. */
import t, { type Test } from 'tap';
import { assertProblem } from '../expect.js';
import {
  buildImportApp,
  bundle,
  CSV_TYPE,
  counts,
  dump,
  event,
  NDJSON_TYPE,
  ndjson,
  place,
  postImport,
  rejectionAt,
} from './imports-helper.js';

t.test('POST /v1/imports rejects', async (t) => {
  const app = await buildImportApp(t);
  const before = await dump(app);

  /** Imports `body`, checks the 422, and returns the one rejection at `pointer`. */
  const rejectedAt = async (
    t: Test,
    body: unknown,
    pointer: string,
    options: { type?: string; query?: string } = {},
  ) => {
    const { res, report } = await postImport(app, body, options);
    assertProblem(t, res, 422, `an import with a rejection at ${pointer}`);
    const found = rejectionAt(report, pointer);
    t.equal(found.length, 1, `one rejection at ${pointer}`);
    return { rejection: found[0] ?? {}, report };
  };

  await t.test('a partial date that is not a day of the calendar', async (t) => {
    const { rejection } = await rejectedAt(
      t,
      bundle({ events: [event('bad-date', { start: '2023-02-30' })] }),
      '/events/0/start',
    );
    t.match(
      rejection,
      { kind: 'events', id: 'bad-date', index: 0, reason: /2023-02-30 is not a day/ },
      'names the event, its index and the date',
    );
  });

  await t.test('a field of the wrong type', async (t) => {
    const { rejection } = await rejectedAt(
      t,
      bundle({ places: [place('ok-place'), place('typed-place', { name: 42 })] }),
      '/places/1/name',
    );
    t.match(rejection, { kind: 'places', id: 'typed-place', index: 1, reason: /expected string/ });
  });

  await t.test('an unknown field', async (t) => {
    const { report } = await postImport(
      app,
      bundle({ places: [place('odd-place', { population: 3 })] }),
    );
    const [rejection] = report.rejections;
    t.match(
      rejection,
      { kind: 'places', id: 'odd-place', index: 0, reason: /population/ },
      'the reason names the unknown field',
    );
    t.equal(rejection.pointer, '/places/0/population', 'the pointer names the unknown field');
  });

  await t.test('a missing required field', async (t) => {
    const { rejection } = await rejectedAt(
      t,
      bundle({ places: [{ id: 'nameless', type: 'city' }] }),
      '/places/0/name',
    );
    t.match(rejection, { kind: 'places', id: 'nameless', index: 0, reason: /received undefined/ });
  });

  await t.test('a reference to an id that exists nowhere (JSON)', async (t) => {
    const { rejection } = await rejectedAt(
      t,
      bundle({ events: [event('lost-event', { place: 'nowhere-land' })] }),
      '/events/0/place',
    );
    t.match(rejection, {
      kind: 'events',
      id: 'lost-event',
      index: 0,
      reason: /refers to place 'nowhere-land', which exists neither in the database nor/,
    });
  });

  await t.test('a reference to an id that exists nowhere (NDJSON)', async (t) => {
    const body = ndjson([
      ['places', place('fine-place')],
      ['events', event('lost-line', { place: 'nowhere-land' })],
    ]);
    const { rejection } = await rejectedAt(t, body, '/record/place', { type: NDJSON_TYPE });
    t.match(rejection, {
      kind: 'events',
      id: 'lost-line',
      line: 2,
      reason: /refers to place 'nowhere-land'/,
    });
  });

  await t.test('a reference to a record that was itself rejected', async (t) => {
    const { report } = await rejectedAt(
      t,
      bundle({
        places: [place('broken-hall', { name: '' })],
        events: [
          event('hall-opening', { place: 'broken-hall' }),
          event('hall-closing', { parent: 'hall-opening' }),
        ],
      }),
      '/events/0/place',
    );
    t.match(rejectionAt(report, '/places/0/name')[0], { kind: 'places', id: 'broken-hall' });
    t.match(rejectionAt(report, '/events/0/place')[0], {
      id: 'hall-opening',
      reason: /refers to place 'broken-hall', which exists neither in the database nor \(valid\)/,
    });
    t.match(
      rejectionAt(report, '/events/1/parent')[0],
      { id: 'hall-closing', index: 1, reason: /refers to event 'hall-opening'/ },
      'and the record referencing that one, in turn',
    );
    t.same(report.counts.events.rejected, 2, 'both events are counted rejected');
  });

  await t.test('a duplicate id in the same input', async (t) => {
    const json = await rejectedAt(
      t,
      bundle({ places: [place('twice'), place('twice', { name: 'Again' })] }),
      '/places/1/id',
    );
    t.match(json.rejection, {
      kind: 'places',
      id: 'twice',
      index: 1,
      reason: /the id 'twice' is defined twice in this input \(first at \/places\/0\)/,
    });
    const lines = await rejectedAt(
      t,
      ndjson([
        ['places', place('twice')],
        ['places', place('twice')],
      ]),
      '/record/id',
      { type: NDJSON_TYPE },
    );
    t.match(lines.rejection, { line: 2, reason: /first at line 1/ }, 'in NDJSON, by line');
  });

  await t.test('the same id twice in a list of a record', async (t) => {
    const cites = await postImport(
      app,
      bundle({
        sources: [
          { id: 'memo', title: 'Memo', cites: ['article-2023-07-27', 'article-2023-07-27'] },
        ],
      }),
    );
    t.equal(cites.status, 422, 'a source citing one source twice is rejected');
    t.equal(cites.report?.rejections?.[0]?.pointer, '/sources/0/cites/1', 'at the repeat');
    const members = await postImport(
      app,
      bundle({
        delegations: [
          { id: 'pair', name: 'Pair', members: [{ person: 'mao-ning' }, { person: 'mao-ning' }] },
        ],
      }),
    );
    t.equal(members.status, 422, 'a delegation listing one member twice is rejected');
    t.equal(
      members.report?.rejections?.[0]?.pointer,
      '/delegations/0/members/1/person',
      'at the repeat',
    );
  });

  await t.test('an unknown kind in NDJSON', async (t) => {
    const body = `${ndjson([['places', place('fine')]])}{"kind":"planets","record":{"id":"mars"}}\n`;
    const { rejection, report } = await rejectedAt(t, body, '/kind', { type: NDJSON_TYPE });
    t.match(rejection, { kind: null, id: 'mars', line: 2, reason: /unknown kind "planets"/ });
    t.equal(report.totals.rejected, 1, 'counted in the totals');
  });

  await t.test('a line that is not JSON', async (t) => {
    const body = `${ndjson([['places', place('fine')]])}{"kind": "places", "record": {\n`;
    const { rejection } = await rejectedAt(t, body, '', { type: NDJSON_TYPE });
    t.match(rejection, { kind: null, line: 2, reason: /^not valid JSON/ }, 'line 2, not JSON');
  });

  await t.test('a line without a record', async (t) => {
    const body = `{"kind":"places","id":"loose"}\n${ndjson([['places', place('fine')]])}`;
    const { rejection } = await rejectedAt(t, body, '/record', { type: NDJSON_TYPE });
    t.match(
      rejection,
      { kind: null, line: 1, reason: /each line is \{"kind"/ },
      'line 1, no record',
    );
  });

  await t.test('a bad bundle envelope', async (t) => {
    const { report } = await postImport(app, {
      format: 'annals-bundel',
      version: 2,
      planets: [],
      places: { id: 'not-an-array' },
    });
    t.match(rejectionAt(report, '/format')[0], { kind: null, reason: /expected "annals-bundle"/ });
    t.match(rejectionAt(report, '/version')[0], { reason: /expected 1, got 2/ });
    t.match(rejectionAt(report, '/planets')[0], { reason: /unknown key/ });
    t.match(rejectionAt(report, '/places')[0], { reason: /expected an array/ });
    t.equal(report.totals.rejected, 4, 'four rejections in the totals');
    const notObject = await postImport(app, [bundle()]);
    t.match(notObject.report.rejections, [{ pointer: '', reason: /a bundle is a JSON object/ }]);
  });

  await t.test('a bad CSV cell', async (t) => {
    const csv = [
      'id,subject,measure,value,qualifier,unit,as_stated',
      'good-figure,china,soldiers,12,exact,people,twelve',
      'bad-figure,china,soldiers,a dozen,exact,people,a dozen',
    ].join('\n');
    const { rejection } = await rejectedAt(t, csv, '/value', {
      type: CSV_TYPE,
      query: 'kind=figures',
    });
    t.match(rejection, {
      kind: 'figures',
      id: 'bad-figure',
      line: 3,
      reason: /expected number, received string/,
    });
  });

  await t.test('text/csv without kind is a 400 naming /kind', async (t) => {
    const { res, json } = await postImport(app, 'id,name,type\nx,X,city\n', { type: CSV_TYPE });
    assertProblem(t, res, 400, 'a CSV import without kind');
    t.ok(
      json.errors.some((e: any) => e.in === 'query' && e.field === '/kind'),
      'the 400 names query /kind',
    );
  });

  await t.test('an unsupported content type is a 415', async (t) => {
    const { res, json } = await postImport(app, 'places: []', { type: 'text/yaml' });
    assertProblem(t, res, 415, 'a YAML import');
    t.equal(json.type, '/problems/unsupported-media-type');
  });

  t.same(await dump(app), before, 'no rejected import wrote anything');
});

t.test('a CSV import of places writes its rows', async (t) => {
  const app = await buildImportApp(t);
  const csv = 'id,name,type,aliases,parent\ncsv-town,Csv Town,town,Old Town|Csvburg,csv-shire\n';
  const rows = `${csv}csv-shire,Csv Shire,province,,dprk\n`;
  const { status, report } = await postImport(app, rows, { type: CSV_TYPE, query: 'kind=places' });
  t.equal(status, 201, 'the CSV import is 201');
  t.same(report.counts.places, counts(2, 0, 0, 0), 'two places created');
  const town = await app.inject('/v1/places/csv-town');
  t.same(town.json().aliases, ['Old Town', 'Csvburg'], 'a|b cells are lists');
  t.equal(town.json().parent.id, 'csv-shire', 'the parent on a later row');
});
