/**
 * Imports write rows with the derived-data triggers suspended and refresh the search documents,
 * the full-text index and the participations' event starts by set at the end (src/db/derived.ts):
 * in bulk (indexes built after the load) into an empty database or one smaller than the import,
 * and for the written records only into a loaded one. Either way the database must end exactly as
 * the triggers would have left it, with the schema it had before.
 */

import { spawn } from 'node:child_process';
import { createReadStream, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import Sqlite from 'better-sqlite3';
import type { Test } from 'tap';
import t from 'tap';
import { generate } from '../../bench/generate.js';
import { type ImportInput, runImport } from '../../src/bundle/run.js';
import { Bundle } from '../../src/bundle/schema.js';
import { loadBundle } from '../../src/bundle/writer.js';
import { type Db, openDatabase } from '../../src/db/database.js';
import { PROJECT_ROOT } from '../../src/paths.js';
import { bundleOf } from '../generated.js';
import { openTestDb, sqliteOnly, tempDir } from '../helper.js';
import { event, ndjson, person } from './imports-helper.js';

const SQLITE_ONLY = sqliteOnly(
  "the SQLite import pipeline's bulk load, by SQLite's schema and pages",
);

type Connection = Db['$client'];

const importNdjson = (db: Db, input: ImportInput) =>
  runImport(db, input, { mode: 'all', dryRun: false, keyName: 'test' });
const ndjsonText = (text: string): ImportInput => ({
  format: 'ndjson',
  stream: Readable.from([Buffer.from(text)]),
});

/** The schema as sqlite_master holds it (names and text; where each object lives aside). */
const schemaOf = (sqlite: Connection) =>
  sqlite
    .prepare(
      "select type, name, tbl_name, sql from sqlite_master where name <> 'sqlite_sequence' order by type, name",
    )
    .all();

/** The secondary indexes' root pages: new ones only if the indexes were dropped and built again. */
const indexPages = (sqlite: Connection) =>
  Object.fromEntries(
    (
      sqlite
        .prepare(
          "select name, rootpage from sqlite_master where type = 'index' and sql is not null",
        )
        .all() as { name: string; rootpage: number }[]
    ).map((row) => [row.name, row.rootpage]),
  );

/** What the triggers keep, checked against what it is computed from: every difference listed. */
function derivedDrift(sqlite: Connection): {
  documents: unknown[];
  starts: unknown[];
  fts: string;
} {
  const views = sqlite
    .prepare("select name from sqlite_master where type = 'view' and name like 'search_doc_%'")
    .pluck()
    .all() as string[];
  const computed = `select * from (${views
    .map((view) => `select kind, entity_id, title, name, body from ${view}`)
    .join(' union all ')})`;
  const stored = 'select kind, entity_id, title, name, body from search_docs';
  const documents = sqlite
    .prepare(
      `select 'stored but not computed' as side, * from (${stored} except ${computed})
       union all select 'computed but not stored', * from (${computed} except ${stored})`,
    )
    .all();
  const starts = sqlite
    .prepare(
      `select p.id from participations p left join events e on e.id = p.event_id
       where p.event_start_first_day is not e.start_first_day`,
    )
    .all();
  let fts = 'ok';
  try {
    sqlite.prepare("insert into search_fts(search_fts, rank) values ('integrity-check', 1)").run();
  } catch (error) {
    fts = (error as Error).message;
  }
  return { documents, starts, fts };
}

const sound = (t: Test, sqlite: Connection, what: string) => {
  const drift = derivedDrift(sqlite);
  t.same(drift.documents, [], `${what}: every search document is what its view computes`);
  t.same(drift.starts, [], `${what}: every participation holds its event's start`);
  t.equal(drift.fts, 'ok', `${what}: the full-text index matches the documents`);
  t.same(sqlite.pragma('foreign_key_check'), [], `${what}: no reference dangles`);
  t.equal(sqlite.pragma('integrity_check', { simple: true }), 'ok', `${what}: integrity_check`);
};

/** Every row of every table but the import log, search_docs without its rowid. */
function contentOf(sqlite: Connection): Record<string, unknown[]> {
  const tables = sqlite
    .prepare(
      `select name from sqlite_master where type = 'table' and name not like 'sqlite_%'
       and name not like 'search_fts%' and name not in ('imports', '__drizzle_migrations')`,
    )
    .pluck()
    .all() as string[];
  return Object.fromEntries(
    tables.map((table) => [
      table,
      sqlite
        .prepare(
          table === 'search_docs'
            ? 'select kind, entity_id, title, name, body from search_docs order by kind, entity_id'
            : `select * from "${table}"`,
        )
        .raw()
        .all()
        .map((row) => JSON.stringify(row))
        .sort(),
    ]),
  );
}

const hits = (sqlite: Connection, query: string) =>
  sqlite
    .prepare(
      'select d.kind, d.entity_id from search_fts f join search_docs d on d.id = f.rowid where search_fts match ? order by 1, 2',
    )
    .raw()
    .all(query);

t.test(
  'an import into an empty database, loaded in bulk, ends as row-by-row writes end',
  SQLITE_ONLY,
  async (t) => {
    const dir = tempDir(t);
    const { ndjson: file } = await generate(200, dir, { force: true });
    const bulk = openTestDb(t);
    const schemaBefore = schemaOf(bulk.$client);
    const pagesBefore = indexPages(bulk.$client);
    const report = await importNdjson(bulk, {
      format: 'ndjson',
      stream: createReadStream(file),
    });
    t.equal(report.status, 'imported');
    t.ok(report.report.totals.created > 1000, `${report.report.totals.created} records created`);
    t.same(schemaOf(bulk.$client), schemaBefore, 'the schema is as it was, every object');
    t.not(
      indexPages(bulk.$client).events_start_idx,
      pagesBefore.events_start_idx,
      'the indexes were built again after the load (the bulk path ran)',
    );
    sound(t, bulk.$client, 'after a bulk load');

    // The same records written one by one, the triggers keeping the derived data.
    const byRow = openTestDb(t);
    loadBundle(byRow, bundleOf(file));
    t.same(contentOf(bulk.$client), contentOf(byRow.$client), 'every table holds the same rows');
    for (const query of ['war', 'tr*', 'name : a*', 'kind : statement']) {
      t.same(
        hits(bulk.$client, query),
        hits(byRow.$client, query),
        `search '${query}' finds the same`,
      );
    }
  },
);

t.test(
  'an import into a loaded database refreshes what it wrote and what depends on it',
  SQLITE_ONLY,
  async (t) => {
    const db = openTestDb(t);
    const sqlite = db.$client;
    const seeded = await importNdjson(
      db,
      ndjsonText(
        ndjson([
          ['people', person('ada-quill', { name: 'Ada Quill' })],
          ['people', person('bo-reed', { name: 'Bo Reed' })],
          ['events', event('summit', { title: 'The summit', start: '1950-01-02' })],
          ['events', event('parade', { title: 'The parade', start: '1951-05-01' })],
          ...Array.from({ length: 40 }, (_, i): [string, unknown] => [
            'events',
            event(`filler-${i}`, { start: `1960-01-${String((i % 28) + 1).padStart(2, '0')}` }),
          ]),
          [
            'participations',
            {
              id: 'p-ada',
              event: 'summit',
              participant: { kind: 'person', id: 'ada-quill' },
              role: 'host',
            },
          ],
          [
            'statements',
            {
              id: 's-ada',
              speaker: { kind: 'person', id: 'ada-quill' },
              kind: 'remarks',
              mode: 'quote',
              text: 'We meet in peace.',
            },
          ],
        ]),
      ),
    );
    t.equal(seeded.status, 'imported', JSON.stringify(seeded.report.rejections));
    sound(t, sqlite, 'after the first import');
    const schemaBefore = schemaOf(sqlite);
    const pagesBefore = indexPages(sqlite);

    // Small beside the database: written with the indexes in place, derived data by the ids.
    const changed = await importNdjson(
      db,
      ndjsonText(
        ndjson([
          // A speaker renamed: her statement's document names her.
          ['people', person('ada-quill', { name: 'Ada Quillon' })],
          // An event moved, and given names: its participations' start and its document follow.
          [
            'events',
            event('summit', {
              title: 'The summit',
              start: '1950-03-04',
              names: [{ name: 'Peace summit', used_by: 'hosts' }],
            }),
          ],
          // A new participation in an event not written now.
          [
            'participations',
            {
              id: 'p-bo',
              event: 'parade',
              participant: { kind: 'person', id: 'bo-reed' },
              role: 'marched',
            },
          ],
        ]),
      ),
    );
    t.equal(changed.status, 'imported', JSON.stringify(changed.report.rejections));
    t.match(changed.report.totals, { created: 1, updated: 2 });
    t.same(indexPages(sqlite), pagesBefore, 'the indexes were kept (the incremental path ran)');
    t.same(schemaOf(sqlite), schemaBefore, 'the schema is as it was, every object');
    sound(t, sqlite, 'after an import into the loaded database');
    t.equal(
      sqlite
        .prepare("select name from search_docs where kind = 'statement' and entity_id = 's-ada'")
        .pluck()
        .get(),
      'Ada Quillon',
      "the statement's document names the speaker's new name",
    );
    t.same(
      sqlite
        .prepare('select id, event_start_first_day from participations order by id')
        .raw()
        .all(),
      [
        ['p-ada', '1950-03-04'],
        ['p-bo', '1951-05-01'],
      ],
      "each participation holds its event's start",
    );
    t.same(
      hits(sqlite, 'peace'),
      [
        ['event', 'summit'],
        ['statement', 's-ada'],
      ],
      "the event's new name is found",
    );
  },
);

t.test('a rejected import changes nothing, not even the schema', SQLITE_ONLY, async (t) => {
  const db = openTestDb(t);
  const sqlite = db.$client;
  const schemaBefore = schemaOf(sqlite);
  const pagesBefore = indexPages(sqlite);
  const report = await importNdjson(
    db,
    ndjsonText(
      ndjson([
        ['people', person('ada-quill')],
        [
          'participations',
          {
            id: 'p',
            event: 'nowhere',
            participant: { kind: 'person', id: 'ada-quill' },
            role: 'x',
          },
        ],
      ]),
    ),
  );
  t.equal(report.status, 'rejected');
  t.same(schemaOf(sqlite), schemaBefore);
  t.same(indexPages(sqlite), pagesBefore);
  t.equal(sqlite.prepare('select count(*) from people').pluck().get(), 0);
});

/** A partial import writes what stands and nothing of what it rejects, derived data included. */
t.test(
  'a partial import into an empty database keeps exactly the records that stand',
  SQLITE_ONLY,
  async (t) => {
    const dir = tempDir(t);
    const source = (id: string, text: string) => ({ id, title: `Source ${id}`, text });
    const citing = (id: string, sourceId: string, excerpt: string) =>
      event(id, { citations: [{ source: sourceId, excerpt }] });
    const accepted: [string, unknown][] = [
      // Cites a source the input gives later: its excerpt is placed all the same.
      ['events', citing('early', 'late-source', 'second — line')],
      ['people', person('ada-quill', { name: 'Ada Quill' })],
      ['sources', source('late-source', 'A first line.\nA second — line.')],
    ];
    const rejected: [string, unknown][] = [
      ['events', citing('misquoted', 'late-source', 'a third line')],
      [
        'participations',
        {
          id: 'p-nowhere',
          event: 'nowhere',
          participant: { kind: 'person', id: 'ada-quill' },
          role: 'x',
        },
      ],
      // Stands on a rejected record, so it falls with it.
      [
        'participations',
        {
          id: 'p-misquoted',
          event: 'misquoted',
          participant: { kind: 'person', id: 'ada-quill' },
          role: 'x',
        },
      ],
      // The second record of an id: the first stays, written once.
      ['people', person('ada-quill', { name: 'Someone else' })],
    ];
    const db = openTestDb(t);
    const record = await runImport(db, ndjsonText(ndjson([...accepted, ...rejected])), {
      mode: 'partial',
      dryRun: false,
      keyName: 'test',
    });
    t.equal(record.status, 'imported');
    t.same(record.report.totals, { created: 3, updated: 0, unchanged: 0, rejected: 4 });
    t.same(record.report.rejections.map((r) => [r.id, r.pointer]).sort(), [
      ['ada-quill', '/record/id'],
      ['misquoted', '/record/citations/0/excerpt'],
      ['p-misquoted', '/record/event'],
      ['p-nowhere', '/record/event'],
    ]);
    sound(t, db.$client, 'after a partial import');

    // The same accepted records written one by one, the triggers keeping the derived data.
    const file = join(dir, 'accepted.ndjson');
    writeFileSync(file, ndjson(accepted));
    const byRow = openTestDb(t);
    loadBundle(byRow, bundleOf(file));
    t.same(contentOf(db.$client), contentOf(byRow.$client), 'every table holds the same rows');
    t.same(
      db.$client
        .prepare("select start_offset, end_offset from citations where subject_id = 'early'")
        .get(),
      { start_offset: 16, end_offset: 29 },
      'the excerpt cited before its source is placed (code points from 0)',
    );
  },
);

t.test(
  'an input that fails midway leaves the database as it was, and usable',
  SQLITE_ONLY,
  async (t) => {
    const db = openTestDb(t);
    const sqlite = db.$client;
    const schemaBefore = schemaOf(sqlite);
    async function* failing() {
      yield Buffer.from(ndjson([['people', person('ada-quill')]]));
      throw new Error('the connection dropped');
    }
    await t.rejects(
      runImport(
        db,
        { format: 'ndjson', stream: failing() },
        { mode: 'all', dryRun: false, keyName: 'test' },
      ),
      /the connection dropped/,
    );
    t.equal(sqlite.inTransaction, false, 'no transaction is left open');
    t.equal(sqlite.pragma('foreign_keys', { simple: true }), 1, 'the foreign keys are on');
    t.same(
      sqlite.prepare("select name from temp.sqlite_master where name like 'import%'").pluck().all(),
      [],
      'the staging is dropped',
    );
    t.same(schemaOf(sqlite), schemaBefore, 'the triggers and indexes are back');
    t.equal(sqlite.prepare('select count(*) from people').pluck().get(), 0, 'nothing was written');
    const next = await importNdjson(db, ndjsonText(ndjson([['people', person('bo-reed')]])));
    t.equal(next.status, 'imported', 'the next import runs');
    t.equal(sqlite.prepare('select count(*) from people').pluck().get(), 1);
  },
);

t.test('an import larger than a non-empty database is loaded in bulk', SQLITE_ONLY, async (t) => {
  const dir = tempDir(t);
  const { ndjson: file } = await generate(100, dir, { force: true });
  const first = ndjson([['people', person('zz-first', { name: 'Zz First' })]]);
  const staged = openTestDb(t);
  t.equal((await importNdjson(staged, ndjsonText(first))).status, 'imported');
  const pagesBefore = indexPages(staged.$client);
  const report = await importNdjson(staged, { format: 'ndjson', stream: createReadStream(file) });
  t.equal(report.status, 'imported');
  t.not(
    indexPages(staged.$client).events_start_idx,
    pagesBefore.events_start_idx,
    'the indexes were built again after the load (the bulk path ran)',
  );
  sound(t, staged.$client, 'after a bulk load into a non-empty database');
  const both = join(dir, 'both.ndjson');
  writeFileSync(both, first + readFileSync(file, 'utf8'));
  const byRow = openTestDb(t);
  loadBundle(byRow, bundleOf(both));
  t.same(contentOf(staged.$client), contentOf(byRow.$client), 'every table holds the same rows');
});

/**
 * An import into a loaded database writes an updated record's changes only (the columns that
 * changed, a list, the citations or the basis when they changed): the tables must end as if
 * each record had been written whole, row by row, with the triggers keeping the derived data.
 */
t.test(
  'an update writes only what changed, and ends as writing it whole ends',
  SQLITE_ONLY,
  async (t) => {
    const dir = tempDir(t);
    const { ndjson: file } = await generate(100, dir, { force: true });
    // The records as the file spells them (bundleOf's parse adds defaults an input may not give).
    type Raw = Record<string, unknown> & { id: string };
    const raw = new Map<string, Raw>();
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (line === '') continue;
      const { kind, record } = JSON.parse(line) as { kind: string; record: Raw };
      raw.set(`${kind}/${record.id}`, record);
    }
    const rawOf = (kind: string, id: string) => raw.get(`${kind}/${id}`) as Raw;
    const loaded = bundleOf(file);
    const [retitled, renamed, moved, recited, restated] = loaded.events
      .filter((e) => e.names.length > 0 && e.citations.length > 0)
      .map((e) => rawOf('events', e.id));
    const speaker = loaded.people.find((p) =>
      loaded.statements.some((s) => s.speaker.kind === 'person' && s.speaker.id === p.id),
    );
    const cited = loaded.sources.find((s) =>
      loaded.events.some((e) => e.citations.some((c) => c.source === s.id)),
    );
    if (!retitled || !renamed || !moved || !recited || !restated || !speaker || !cited?.text) {
      throw new Error('the generated world lacks the records this test changes');
    }
    const names = renamed.names as unknown[];
    const citations = recited.citations as unknown[];
    const changes: [string, Raw][] = [
      ['events', { ...retitled, title: `${retitled.title} (revised)` }],
      [
        'events',
        {
          ...renamed,
          names: [...names].reverse().concat({ name: 'Also this', used_by: 'historians' }),
        },
      ],
      ['events', { ...moved, start: '1901-02-03', end: null }],
      ['events', { ...recited, citations: citations.slice(1) }],
      [
        'events',
        { ...restated, basis: { title: { kind: 'inferred', note: 'Named by the historians.' } } },
      ],
      ['people', { ...rawOf('people', speaker.id), name: `${speaker.name} Jr.` }],
      // Its excerpts move by the preface's length: the citations' offsets follow.
      ['sources', { ...rawOf('sources', cited.id), text: `A preface. ${cited.text}` }],
      // Unchanged: counted so, and not written.
      ['people', rawOf('people', (loaded.people.at(-1) as { id: string }).id)],
    ];

    const byImport = openTestDb(t);
    const byRow = openTestDb(t);
    for (const db of [byImport, byRow]) {
      const first = await importNdjson(db, { format: 'ndjson', stream: createReadStream(file) });
      t.equal(first.status, 'imported');
    }
    const pagesBefore = indexPages(byImport.$client);
    const report = await importNdjson(byImport, ndjsonText(ndjson(changes)));
    t.equal(report.status, 'imported', JSON.stringify(report.report.rejections));
    t.match(report.report.totals, { created: 0, updated: 7, unchanged: 1 });
    t.same(indexPages(byImport.$client), pagesBefore, 'the incremental path ran');
    sound(t, byImport.$client, 'after the updates');

    // The same records written whole, one by one, the triggers keeping the derived data.
    const lists: Record<string, unknown[]> = {};
    for (const [kind, record] of changes) lists[kind] = [...(lists[kind] ?? []), record];
    loadBundle(byRow, Bundle.parse({ format: 'annals-bundle', version: 1, ...lists }));
    t.same(
      contentOf(byImport.$client),
      contentOf(byRow.$client),
      'every table holds the same rows',
    );
    t.not(
      byImport.$client
        .prepare('select start_offset from citations where source_id = ? order by rowid limit 1')
        .pluck()
        .get(cited.id),
      null,
      "the source's excerpts are found in its new text",
    );
  },
);

/**
 * A bulk load whose caller holds the file's only connection (the import command) writes through
 * a rollback journal instead of the write-ahead log (src/bundle/import.ts, rollbackJournal), and
 * leaves the file in WAL mode; with another connection open it stays in WAL. Either way the
 * tables end the same.
 */
t.test(
  "a bulk load on the file's only connection writes through a rollback journal",
  SQLITE_ONLY,
  async (t) => {
    const dir = tempDir(t);
    const { ndjson: file } = await generate(100, dir, { force: true });
    const loadWatching = async (db: Db, input?: ImportInput) => {
      let during: unknown;
      const report = await runImport(
        db,
        input ?? { format: 'ndjson', stream: createReadStream(file) },
        {
          mode: 'all',
          dryRun: false,
          keyName: 'test',
          soleConnection: true,
          onPhase: (phase) => {
            if (phase === 'indexing') during = db.$client.pragma('journal_mode', { simple: true });
          },
        },
      );
      t.equal(report.status, 'imported');
      return during;
    };

    const alone = openTestDb(t);
    t.equal(await loadWatching(alone), 'delete', 'alone, the load writes with a rollback journal');
    t.equal(alone.$client.pragma('journal_mode', { simple: true }), 'wal', 'then WAL again');
    sound(t, alone.$client, 'after a load through a rollback journal');
    const update = () => ndjsonText(ndjson([['people', person('zz-new', { name: 'Zz New' })]]));
    t.equal(
      await loadWatching(alone, update()),
      'wal',
      'an import into a loaded file stays in WAL',
    );
    sound(t, alone.$client, 'after an incremental import');

    const shared = openTestDb(t);
    const other = new Sqlite(shared.$client.name, { readonly: true });
    t.teardown(() => other.close());
    other.prepare('select count(*) from events').get();
    t.equal(await loadWatching(shared), 'wal', 'with another connection open, it stays in WAL');
    t.equal((await importNdjson(shared, update())).status, 'imported', 'the same update, in WAL');
    t.same(contentOf(alone.$client), contentOf(shared.$client), 'every table holds the same rows');
  },
);

t.test(
  'the import command killed while it loads through a rollback journal leaves nothing',
  SQLITE_ONLY,
  async (t) => {
    const dir = tempDir(t);
    const { ndjson: file } = await generate(5000, dir, { force: true });
    const path = join(dir, 'killed.db');
    const { NODE_OPTIONS: _hooks, ...inherited } = process.env;
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/import.ts', file], {
      cwd: PROJECT_ROOT,
      env: { ...inherited, DATABASE_PATH: path },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const exited = new Promise<string | null>((resolve) =>
      child.on('exit', (_code, signal) => resolve(signal)),
    );
    // Killed once the rows are written and the indexes are being built, inside the transaction.
    let stderr = '';
    await new Promise<void>((resolve, reject) => {
      child.stderr.setEncoding('utf8').on('data', (text: string) => {
        stderr += text;
        if (stderr.includes('building indexes')) resolve();
      });
      child.on('exit', () => reject(new Error(`the import ended before its indexing: ${stderr}`)));
    });
    child.kill('SIGKILL');
    t.equal(await exited, 'SIGKILL', 'the command was killed');
    t.ok(
      existsSync(`${path}-journal`),
      'it left a hot rollback journal (the load wrote through one)',
    );

    const db = openDatabase(path);
    t.teardown(() => db.$client.close());
    const sqlite = db.$client;
    t.equal(sqlite.pragma('journal_mode', { simple: true }), 'wal', 'the file opens in WAL mode');
    for (const table of ['events', 'people', 'participations', 'search_docs', 'imports']) {
      t.equal(
        sqlite.prepare(`select count(*) from "${table}"`).pluck().get(),
        0,
        `${table}: nothing of the load is left`,
      );
    }
    sound(t, sqlite, 'after the rollback');
    t.same(schemaOf(sqlite), schemaOf(openTestDb(t).$client), 'the triggers and indexes are back');
    const next = await importNdjson(db, ndjsonText(ndjson([['people', person('bo-reed')]])));
    t.equal(next.status, 'imported', 'the next import runs');
  },
);
