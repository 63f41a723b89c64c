/**
 * participations.event_start_first_day, the event's start copied by migration 0009's triggers so
 * that a party's events by start are read from one index: it must follow the event whichever
 * order an import writes them in and whatever a write changes, and never leave the database.
 */
import t from 'tap';
import type { App } from '../../src/app.js';
import { Bundle } from '../../src/bundle/schema.js';
import { loadBundle } from '../../src/bundle/writer.js';
import { getJson, openTestDb, sqliteOnly } from '../helper.js';
import {
  buildImportApp,
  event,
  KEY,
  NDJSON_TYPE,
  ndjson,
  person,
  postImport,
} from '../imports/imports-helper.js';

const SQLITE_ONLY = sqliteOnly("migration 0009's copies, read from app.db");

type Sqlite = App['db']['$client'];

/** Rows whose copy differs from their event's start: none, once a transaction has both. */
const stale = (sqlite: Sqlite) =>
  sqlite
    .prepare(
      `select p.id from participations p left join events e on e.id = p.event_id
       where p.event_start_first_day is not e.start_first_day`,
    )
    .pluck()
    .all();

const copyOf = (sqlite: Sqlite, id: string) =>
  sqlite.prepare('select event_start_first_day from participations where id = ?').pluck().get(id);

/** A person's participations in the order the API promises, read from events' own columns. */
const promisedOrder = (sqlite: Sqlite, personId: string) =>
  sqlite
    .prepare(
      `select p.id from participations p join events e on e.id = p.event_id
       where p.person_id = ? order by e.start_first_day, e.id, p.id`,
    )
    .pluck()
    .all(personId) as string[];

const participation = (id: string, eventId: string, personId: string) => ({
  id,
  event: eventId,
  participant: { kind: 'person', id: personId },
  role: 'attended',
});

t.test(
  'a participation written before its event gets its start in the same transaction',
  SQLITE_ONLY,
  (t) => {
    const db = openTestDb(t);
    const sqlite = db.$client;
    const bundle = Bundle.parse({
      format: 'annals-bundle',
      version: 1,
      people: [person('ada-quill')],
      // Bundle kinds are written events first; this writes the participation first by hand.
      events: [event('late-event', { start: '1953-07' })],
      participations: [participation('ada-late', 'late-event', 'ada-quill')],
    });
    sqlite.transaction(() => {
      sqlite.pragma('defer_foreign_keys = ON');
      loadBundle(db, { ...bundle, events: [] });
      t.equal(copyOf(sqlite, 'ada-late'), null, 'NULL while its event is not written');
      loadBundle(db, { ...bundle, people: [], participations: [] });
      t.equal(copyOf(sqlite, 'ada-late'), '1953-07-01', "the event's insert fills it");
    })();
    t.same(stale(sqlite), []);

    // Re-writing the participation (an upsert naming every column but the copy) keeps it.
    loadBundle(db, { ...bundle, people: [], events: [] });
    t.equal(copyOf(sqlite, 'ada-late'), '1953-07-01', 'an upsert does not clear it');
    t.end();
  },
);

t.test('an NDJSON import with participations before their events', SQLITE_ONLY, async (t) => {
  const app = await buildImportApp(t);
  const lines = ndjson([
    ['participations', participation('brim-second', 'brim-talks', 'brim-oakes')],
    ['participations', participation('brim-first', 'brim-summit', 'brim-oakes')],
    ['people', person('brim-oakes')],
    ['events', event('brim-talks', { start: '2001-05-02' })],
    ['events', event('brim-summit', { start: '2001' })],
  ]);
  const { status } = await postImport(app, lines, { type: NDJSON_TYPE });
  t.equal(status, 201);
  const sqlite = app.db.$client;
  t.same(stale(sqlite), [], 'every copy is right after the commit');
  t.equal(copyOf(sqlite, 'brim-first'), '2001-01-01');
  const view = await getJson(app, '/v1/people/brim-oakes/events');
  t.same(
    view.body.data.map((e: { id: string }) => e.id),
    ['brim-summit', 'brim-talks'],
    'the view lists them by start',
  );

  const exported = await app.inject({ method: 'GET', url: '/v1/export' });
  t.equal(exported.statusCode, 200);
  t.notMatch(exported.body, /event_start_first_day|eventStartFirstDay/, 'the copy is not exported');
});

t.test(
  "writes keep the copy: an event's start, a participation's event",
  SQLITE_ONLY,
  async (t) => {
    const app = await buildImportApp(t);
    const sqlite = app.db.$client;
    const lines = ndjson([
      ['people', person('cato-venn')],
      ['events', event('cato-a', { start: '1990-03-04' })],
      ['events', event('cato-b', { start: '1995' })],
      ['events', event('cato-c', { start: '2000-06' })],
      ['participations', participation('cato-in-a', 'cato-a', 'cato-venn')],
      ['participations', participation('cato-in-b', 'cato-b', 'cato-venn')],
      ['participations', participation('cato-in-b-again', 'cato-b', 'cato-venn')],
    ]);
    t.equal((await postImport(app, lines, { type: NDJSON_TYPE })).status, 201);
    const auth = { authorization: `Bearer ${KEY.secret}` };
    const patch = async (url: string, body: object) => {
      const res = await app.inject({
        method: 'PATCH',
        url,
        headers: { ...auth, 'content-type': 'application/merge-patch+json' },
        payload: body,
      });
      return res.statusCode;
    };
    const viewIds = async () =>
      (await getJson(app, '/v1/people/cato-venn/events')).body.data.map(
        (e: { id: string }) => e.id,
      );

    t.same(await viewIds(), ['cato-a', 'cato-b', 'cato-b']);
    t.equal(await patch('/v1/events/cato-a', { start: '1999-12-31' }), 200);
    t.equal(copyOf(sqlite, 'cato-in-a'), '1999-12-31', "the event's new start is copied");
    t.same(await viewIds(), ['cato-b', 'cato-b', 'cato-a'], 'and the order follows it');

    t.equal(await patch('/v1/participations/cato-in-b-again', { event: 'cato-c' }), 200);
    t.equal(copyOf(sqlite, 'cato-in-b-again'), '2000-06-01', "a participation's new event");
    t.same(await viewIds(), ['cato-b', 'cato-a', 'cato-c']);
    t.same(stale(sqlite), []);
  },
);

t.test(
  "a person's events: view pages and the item's list in the promised order",
  SQLITE_ONLY,
  async (t) => {
    const app = await buildImportApp(t);
    const sqlite = app.db.$client;
    // Ties on start (same day, and several participations in one event) decide by event, then id.
    const records: [string, unknown][] = [['people', person('dara-holt')]];
    for (const [i, start] of ['2010-01-01', '2010', '2010-01-01', '2009-12', '2010'].entries()) {
      records.push(['events', event(`dara-event-${4 - i}`, { start })]);
      records.push([
        'participations',
        participation(`dara-p${i}-b`, `dara-event-${4 - i}`, 'dara-holt'),
      ]);
      records.push([
        'participations',
        participation(`dara-p${i}-a`, `dara-event-${4 - i}`, 'dara-holt'),
      ]);
    }
    t.equal((await postImport(app, ndjson(records), { type: NDJSON_TYPE })).status, 201);
    const promised = promisedOrder(sqlite, 'dara-holt');
    t.equal(promised.length, 10);

    const participationsOf = new Map(
      sqlite
        .prepare('select id, event_id from participations where person_id = ?')
        .all('dara-holt')
        .map((r) => [(r as { id: string }).id, (r as { event_id: string }).event_id]),
    );
    const promisedEvents = promised.map((id) => participationsOf.get(id));

    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/v1/people/dara-holt/events?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page = await getJson(app, url);
      t.equal(page.status, 200);
      paged.push(...page.body.data.map((e: { id: string }) => e.id));
      cursor = page.body.next_cursor;
    } while (cursor);
    t.same(paged, promisedEvents, 'pages of the view, in order, each once');

    const item = await getJson(app, '/v1/people/dara-holt');
    t.same(
      item.body.events.map((e: { event: { id: string } }) => e.event.id),
      promisedEvents,
      "the item's embedded list",
    );
  },
);
