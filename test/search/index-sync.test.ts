import t from 'tap';
import type { App } from '../../src/app.js';
import { Bundle, type BundleInput } from '../../src/bundle/schema.js';
import { loadTestBundle, runSql } from '../data.js';
import { buildTestApp, getJson, sqliteOnly } from '../helper.js';

interface Hit {
  kind: string;
  id: string;
  title: string;
}

/** The hits of one kind for `text` ("person:some-id" pairs), through the API. */
async function found(app: App, text: string, kind?: string): Promise<Hit[]> {
  const url = `/v1/search?q=${encodeURIComponent(text)}&limit=100${kind ? `&kind=${kind}` : ''}`;
  const res = await getJson<{ data: Hit[] }>(app, url);
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
  return res.body.data;
}

const ids = (hits: Hit[]) => hits.map((h) => h.id);

function bundle(input: Omit<BundleInput, 'format' | 'version'>): Bundle {
  return Bundle.parse({ format: 'annals-bundle', version: 1, ...input });
}

/** FTS5's own check of the index against its content table; throws on any difference. */
function integrityCheck(app: App) {
  app.db.$client
    .prepare(`INSERT INTO search_fts(search_fts, rank) VALUES ('integrity-check', 1)`)
    .run();
}

/** One search document per item of every kind, and no other. */
async function docsInStep(app: App) {
  const [counts] = await runSql<{ docs: number | string; items: number | string }>(
    app,
    `select (select count(*) from search_docs) as docs,
      (select count(*) from events) + (select count(*) from people)
      + (select count(*) from organizations) + (select count(*) from places)
      + (select count(*) from delegations) + (select count(*) from statements)
      + (select count(*) from figures) + (select count(*) from sources) as items`,
  );
  return { docs: Number(counts?.docs), items: Number(counts?.items) };
}

/** Statements (with no parameters) in one transaction whose keys are checked at its end. */
async function inOneTransaction(app: App, statements: string[]): Promise<void> {
  if (app.backend === 'sqlite') {
    const sqlite = app.db.$client;
    sqlite.transaction(() => {
      sqlite.pragma('defer_foreign_keys = ON');
      for (const statement of statements) sqlite.prepare(statement).run();
    })();
    return;
  }
  // One text, so one connection of the pool: PostgreSQL runs it as one transaction.
  await runSql(app, ['set constraints all deferred', ...statements].join(';\n'));
}

/** FTS5's integrity check: SQLite's index only (PostgreSQL's GIN index is the server's own). */
const FTS5 = sqliteOnly("FTS5's integrity check");

t.test('the search index follows direct writes', async (t) => {
  const app = await buildTestApp(t);

  await t.test('a person is found from insert to delete', async (t) => {
    await runSql(
      app,
      `insert into people (id, name, aliases, description) values (?, ?, ?, ?)`,
      'zanzibar-quetzalcoatl',
      'Zanzibar Quetzalcoatl',
      '[]',
      'a test person',
    );
    const inserted = await found(app, 'Quetzalcoatl');
    t.same(
      inserted.map((h) => [h.kind, h.id, h.title]),
      [['person', 'zanzibar-quetzalcoatl', 'Zanzibar Quetzalcoatl']],
      'an inserted person is found by name at once',
    );
    const listed = await getJson(app, '/v1/people?q=Quetzalcoatl');
    t.same(ids(listed.body.data), ['zanzibar-quetzalcoatl'], 'and by the list q');

    await runSql(
      app,
      'update people set name = ? where id = ?',
      'Zanzibar Xochiquetzal',
      'zanzibar-quetzalcoatl',
    );
    t.same(await found(app, 'Quetzalcoatl'), [], 'after a rename the old name finds nothing');
    const renamed = await found(app, 'Xochiquetzal');
    t.same(ids(renamed), ['zanzibar-quetzalcoatl'], 'the new name finds the person');
    t.equal(renamed[0]?.title, 'Zanzibar Xochiquetzal', 'under the new title');

    await runSql(
      app,
      'update people set aliases = ? where id = ?',
      JSON.stringify(['Hummingbird Plume']),
      'zanzibar-quetzalcoatl',
    );
    t.same(
      ids(await found(app, 'Hummingbird')),
      ['zanzibar-quetzalcoatl'],
      'an added alias finds the person',
    );
    await runSql(app, `update people set aliases = '[]' where id = ?`, 'zanzibar-quetzalcoatl');
    t.same(await found(app, 'Hummingbird'), [], 'a removed alias no longer does');

    await runSql(
      app,
      'update people set id = ? where id = ?',
      'zanzibar-xochiquetzal',
      'zanzibar-quetzalcoatl',
    );
    t.same(
      ids(await found(app, 'Xochiquetzal')),
      ['zanzibar-xochiquetzal'],
      'a changed id is found under the new id only',
    );

    await runSql(app, 'delete from people where id = ?', 'zanzibar-xochiquetzal');
    t.same(await found(app, 'Xochiquetzal'), [], 'a deleted person is gone from search');
    t.same(await found(app, 'Zanzibar'), [], 'by any of its words');
  });

  await t.test('an event is found by the names others give it', async (t) => {
    await runSql(
      app,
      'insert into event_names (event_id, ordinal, name, used_by) values (?, ?, ?, ?)',
      'victory-day-2023',
      7,
      'Jubilee of the Quokkas',
      'Mars',
    );
    const byName = await found(app, 'Quokkas');
    t.same(
      byName.map((h) => [h.kind, h.id]),
      [['event', 'victory-day-2023']],
      'a name added in event_names finds the event',
    );
    t.equal(byName[0]?.title, '70th anniversary of the end of the Korean War', 'titled neutrally');
    const martian = await getJson(app, '/v1/events/victory-day-2023?names_by=Mars');
    t.equal(martian.body.title, 'Jubilee of the Quokkas', 'names_by sees the new name too');

    await runSql(
      app,
      'update event_names set name = ? where event_id = ? and ordinal = ?',
      'Festival of the Wombats',
      'victory-day-2023',
      7,
    );
    t.same(await found(app, 'Quokkas'), [], 'an updated name: the old one finds nothing');
    t.same(ids(await found(app, 'Wombats')), ['victory-day-2023'], 'the new one finds it');

    await runSql(
      app,
      'delete from event_names where event_id = ? and ordinal = ?',
      'victory-day-2023',
      7,
    );
    t.same(await found(app, 'Wombats'), [], 'a deleted name finds nothing');
    t.same(
      ids(await found(app, '"Victory Day"', 'event')),
      ['victory-day-2023'],
      'its other names still find it',
    );

    await runSql(
      app,
      'update events set title = ? where id = ?',
      'Day of Triumph',
      'victory-day-2023',
    );
    t.same(ids(await found(app, 'Triumph')), ['victory-day-2023'], 'a new event title is found');
  });

  await t.test('renaming a speaker retitles their statements', async (t) => {
    const before = await found(app, 'Kim', 'statement');
    const kims = before.filter((h) => h.title.startsWith('Kim Jong-un: ')).map((h) => h.id);
    t.ok(kims.length >= 3, "Kim Jong-un's statements are titled with his name");

    await runSql(app, 'update people set name = ? where id = ?', 'Kim Zorglub', 'kim-jong-un');
    const after = await found(app, 'Zorglub', 'statement');
    t.same(ids(after).sort(), [...kims].sort(), 'the new name finds all his statements');
    t.ok(
      after.every((h) => h.title.startsWith('Kim Zorglub: ')),
      'each titled with the new name',
    );
    const old = await found(app, '"Kim Jong un"', 'statement');
    t.notOk(
      old.some((h) => kims.includes(h.id)),
      'the old name no longer finds them by their speaker',
    );
    const listed = await getJson(app, '/v1/statements?q=Zorglub&limit=100');
    t.same(ids(listed.body.data).sort(), [...kims].sort(), 'the statements list q agrees');

    await runSql(
      app,
      'update organizations set name = ? where id = ?',
      'Ministry of Snark',
      'korean-central-news-agency',
    );
    const reports = await found(app, 'Snark', 'statement');
    t.same(
      ids(reports),
      ['kcna-2023-07-26-airport-welcome'],
      'renaming an organization retitles its statements',
    );
    t.match(reports[0]?.title, /^Ministry of Snark: /, 'with the new name');
  });

  await t.test('a statement written before its speaker is indexed with the name', async (t) => {
    // The statement first, its speaker after, in one transaction: the keys checked at its end.
    await inOneTransaction(app, [
      `insert into statements (id, speaker_person_id, kind, mode, text)
       values ('ghost-statement', 'ghost-speaker', 'remarks', 'quote', 'Boo to the moon')`,
      `insert into people (id, name, aliases) values ('ghost-speaker', 'Casper Phantasm', '[]')`,
    ]);
    const hits = await found(app, 'Phantasm');
    t.same(
      hits.map((h) => [h.kind, h.id]).sort(),
      [
        ['person', 'ghost-speaker'],
        ['statement', 'ghost-statement'],
      ],
      'the speaker and the statement are found by the name',
    );
    t.equal(
      hits.find((h) => h.kind === 'statement')?.title,
      'Casper Phantasm: Boo to the moon',
      'the statement is titled with the speaker named afterwards',
    );
  });

  await t.test('the index is consistent afterwards', async (t) => {
    await t.test('FTS5', FTS5, async (t) => {
      t.doesNotThrow(() => integrityCheck(app), 'FTS5 integrity-check passes');
    });
    const { docs, items } = await docsInStep(app);
    t.equal(docs, items, 'one search document per item');
  });
});

t.test('the search index follows bundle loads', async (t) => {
  const app = await buildTestApp(t);
  const event = {
    id: 'grand-wombat-parade',
    type: 'parade',
    title: 'Grand Wombat Parade',
    summary: 'Marsupials march through Canberra.',
    start: '2023-07-28',
    names: [{ name: 'Festival of Burrowers', used_by: 'Oz' }],
  };

  await loadTestBundle(app, bundle({ events: [event] }));
  t.same(ids(await found(app, 'Wombat')), ['grand-wombat-parade'], 'a loaded event is found');
  t.same(ids(await found(app, 'Burrowers')), ['grand-wombat-parade'], 'and by its other name');
  t.same(ids(await found(app, 'Canberra')), ['grand-wombat-parade'], 'and by its summary');

  await loadTestBundle(
    app,
    bundle({
      events: [
        {
          ...event,
          title: 'Small Echidna March',
          names: [{ name: 'Spiny Stroll', used_by: 'Oz' }],
        },
      ],
    }),
  );
  t.same(await found(app, 'Wombat'), [], 'loaded again under a new title: the old is gone');
  t.same(await found(app, 'Burrowers'), [], 'so is the replaced name');
  t.same(ids(await found(app, 'Echidna')), ['grand-wombat-parade'], 'the new title finds it');
  t.same(ids(await found(app, 'Spiny')), ['grand-wombat-parade'], 'and the new name');

  await loadTestBundle(
    app,
    bundle({ people: [{ id: 'mao-ning', name: 'Mao Ningxia', aliases: ['Spokesperson Mao'] }] }),
  );
  const person = await found(app, 'Ningxia', 'person');
  t.same(ids(person), ['mao-ning'], 'a person renamed by a bundle is found by the new name');
  t.same(ids(await found(app, 'Spokesperson', 'person')), ['mao-ning'], 'and by the new alias');
  const statements = await found(app, 'Ningxia', 'statement');
  t.ok(statements.length >= 4, "Mao Ning's statements are found by the new name");
  t.ok(
    statements.every((h) => h.title.startsWith('Mao Ningxia: ')),
    'and titled with it',
  );

  await runSql(app, 'delete from events where id = ?', 'grand-wombat-parade');
  t.same(await found(app, 'Echidna'), [], 'a deleted event is gone');
  t.same(await found(app, 'Spiny'), [], 'with its names');

  await t.test('FTS5', FTS5, async (t) => {
    t.doesNotThrow(() => integrityCheck(app), 'FTS5 integrity-check passes');
  });
  const { docs, items } = await docsInStep(app);
  t.equal(docs, items, 'one search document per item');
});
