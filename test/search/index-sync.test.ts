import t from 'tap';
import type { App } from '../../src/app.js';
import { Bundle, type BundleInput } from '../../src/bundle/schema.js';
import { loadBundle } from '../../src/bundle/writer.js';
import { buildTestApp, getJson } from '../helper.js';

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
function docsInStep(app: App) {
  const sqlite = app.db.$client;
  const expected = sqlite
    .prepare(
      `select (select count(*) from events) + (select count(*) from people)
        + (select count(*) from organizations) + (select count(*) from places)
        + (select count(*) from delegations) + (select count(*) from statements)
        + (select count(*) from figures) + (select count(*) from sources) as n`,
    )
    .get() as { n: number };
  const docs = sqlite.prepare('select count(*) as n from search_docs').get() as { n: number };
  return { docs: docs.n, items: expected.n };
}

t.test('the search index follows direct writes', async (t) => {
  const app = await buildTestApp(t);
  const sqlite = app.db.$client;

  await t.test('a person is found from insert to delete', async (t) => {
    sqlite
      .prepare(`insert into people (id, name, aliases, description) values (?, ?, ?, ?)`)
      .run('zanzibar-quetzalcoatl', 'Zanzibar Quetzalcoatl', '[]', 'a test person');
    const inserted = await found(app, 'Quetzalcoatl');
    t.same(
      inserted.map((h) => [h.kind, h.id, h.title]),
      [['person', 'zanzibar-quetzalcoatl', 'Zanzibar Quetzalcoatl']],
      'an inserted person is found by name at once',
    );
    const listed = await getJson(app, '/v1/people?q=Quetzalcoatl');
    t.same(ids(listed.body.data), ['zanzibar-quetzalcoatl'], 'and by the list q');

    sqlite
      .prepare('update people set name = ? where id = ?')
      .run('Zanzibar Xochiquetzal', 'zanzibar-quetzalcoatl');
    t.same(await found(app, 'Quetzalcoatl'), [], 'after a rename the old name finds nothing');
    const renamed = await found(app, 'Xochiquetzal');
    t.same(ids(renamed), ['zanzibar-quetzalcoatl'], 'the new name finds the person');
    t.equal(renamed[0]?.title, 'Zanzibar Xochiquetzal', 'under the new title');

    sqlite
      .prepare('update people set aliases = ? where id = ?')
      .run(JSON.stringify(['Hummingbird Plume']), 'zanzibar-quetzalcoatl');
    t.same(
      ids(await found(app, 'Hummingbird')),
      ['zanzibar-quetzalcoatl'],
      'an added alias finds the person',
    );
    sqlite.prepare(`update people set aliases = '[]' where id = ?`).run('zanzibar-quetzalcoatl');
    t.same(await found(app, 'Hummingbird'), [], 'a removed alias no longer does');

    sqlite
      .prepare('update people set id = ? where id = ?')
      .run('zanzibar-xochiquetzal', 'zanzibar-quetzalcoatl');
    t.same(
      ids(await found(app, 'Xochiquetzal')),
      ['zanzibar-xochiquetzal'],
      'a changed id is found under the new id only',
    );

    sqlite.prepare('delete from people where id = ?').run('zanzibar-xochiquetzal');
    t.same(await found(app, 'Xochiquetzal'), [], 'a deleted person is gone from search');
    t.same(await found(app, 'Zanzibar'), [], 'by any of its words');
  });

  await t.test('an event is found by the names others give it', async (t) => {
    const addName = sqlite.prepare(
      'insert into event_names (event_id, ordinal, name, used_by) values (?, ?, ?, ?)',
    );
    addName.run('victory-day-2023', 7, 'Jubilee of the Quokkas', 'Mars');
    const byName = await found(app, 'Quokkas');
    t.same(
      byName.map((h) => [h.kind, h.id]),
      [['event', 'victory-day-2023']],
      'a name added in event_names finds the event',
    );
    t.equal(byName[0]?.title, '70th anniversary of the end of the Korean War', 'titled neutrally');
    const martian = await getJson(app, '/v1/events/victory-day-2023?names_by=Mars');
    t.equal(martian.body.title, 'Jubilee of the Quokkas', 'names_by sees the new name too');

    sqlite
      .prepare('update event_names set name = ? where event_id = ? and ordinal = ?')
      .run('Festival of the Wombats', 'victory-day-2023', 7);
    t.same(await found(app, 'Quokkas'), [], 'an updated name: the old one finds nothing');
    t.same(ids(await found(app, 'Wombats')), ['victory-day-2023'], 'the new one finds it');

    sqlite
      .prepare('delete from event_names where event_id = ? and ordinal = ?')
      .run('victory-day-2023', 7);
    t.same(await found(app, 'Wombats'), [], 'a deleted name finds nothing');
    t.same(
      ids(await found(app, '"Victory Day"', 'event')),
      ['victory-day-2023'],
      'its other names still find it',
    );

    sqlite
      .prepare('update events set title = ? where id = ?')
      .run('Day of Triumph', 'victory-day-2023');
    t.same(ids(await found(app, 'Triumph')), ['victory-day-2023'], 'a new event title is found');
  });

  await t.test('renaming a speaker retitles their statements', async (t) => {
    const before = await found(app, 'Kim', 'statement');
    const kims = before.filter((h) => h.title.startsWith('Kim Jong-un: ')).map((h) => h.id);
    t.ok(kims.length >= 3, "Kim Jong-un's statements are titled with his name");

    sqlite.prepare('update people set name = ? where id = ?').run('Kim Zorglub', 'kim-jong-un');
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

    sqlite
      .prepare('update organizations set name = ? where id = ?')
      .run('Ministry of Snark', 'korean-central-news-agency');
    const reports = await found(app, 'Snark', 'statement');
    t.same(
      ids(reports),
      ['kcna-2023-07-26-airport-welcome'],
      'renaming an organization retitles its statements',
    );
    t.match(reports[0]?.title, /^Ministry of Snark: /, 'with the new name');
  });

  await t.test('a statement written before its speaker is indexed with the name', async (t) => {
    sqlite.transaction(() => {
      sqlite.pragma('defer_foreign_keys = ON');
      sqlite
        .prepare(
          `insert into statements (id, speaker_person_id, kind, mode, text)
           values ('ghost-statement', 'ghost-speaker', 'remarks', 'quote', 'Boo to the moon')`,
        )
        .run();
      sqlite
        .prepare(
          `insert into people (id, name, aliases) values ('ghost-speaker', 'Casper Phantasm', '[]')`,
        )
        .run();
    })();
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
    t.doesNotThrow(() => integrityCheck(app), 'FTS5 integrity-check passes');
    const { docs, items } = docsInStep(app);
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

  loadBundle(app.db, bundle({ events: [event] }));
  t.same(ids(await found(app, 'Wombat')), ['grand-wombat-parade'], 'a loaded event is found');
  t.same(ids(await found(app, 'Burrowers')), ['grand-wombat-parade'], 'and by its other name');
  t.same(ids(await found(app, 'Canberra')), ['grand-wombat-parade'], 'and by its summary');

  loadBundle(
    app.db,
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

  loadBundle(
    app.db,
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

  app.db.$client.prepare('delete from events where id = ?').run('grand-wombat-parade');
  t.same(await found(app, 'Echidna'), [], 'a deleted event is gone');
  t.same(await found(app, 'Spiny'), [], 'with its names');

  t.doesNotThrow(() => integrityCheck(app), 'FTS5 integrity-check passes');
  const { docs, items } = docsInStep(app);
  t.equal(docs, items, 'one search document per item');
});
