import t from 'tap';
import { SEED_IMPORT_ID } from '../../src/bundle/http/import-schemas.js';
import { loadSeed, readSeedBundle, seedImportId } from '../../src/bundle/seed.js';
import type { Db } from '../../src/db/database.js';
import { KIND_NAMES } from '../../src/kinds/index.js';
import { openTestDb, sqliteOnly } from '../helper.js';

const SQLITE_ONLY = sqliteOnly(
  "loadSeed into a SQLite database; PostgreSQL's seed: test/postgres/seed.test.ts",
);

const ARTICLE = 'article-2023-07-27';

/** Every row of every table, sorted, as text: two equal dumps mean two equal databases. */
function dump(db: Db): Record<string, string[]> {
  const tables = db.$client
    .prepare(
      "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%' and name not like 'search_fts%' order by name",
    )
    .all() as { name: string }[];
  return Object.fromEntries(
    tables.map(({ name }) => [
      name,
      (db.$client.prepare(`select * from "${name}"`).all() as unknown[])
        .map((row) => JSON.stringify(row))
        .sort(),
    ]),
  );
}

t.test('migrations build the schema from an empty file', SQLITE_ONLY, async (t) => {
  const db = openTestDb(t);
  const tables = dump(db);
  for (const name of ['events', 'people', 'citations', 'figures', 'delegation_receivers']) {
    t.ok(name in tables, `table ${name} exists`);
  }
  t.equal(db.$client.pragma('foreign_keys', { simple: true }), 1, 'foreign keys are on');
  t.equal(db.$client.pragma('journal_mode', { simple: true }), 'wal', 'WAL is on');
});

t.test('the seed loads every record of the bundle', SQLITE_ONLY, async (t) => {
  const db = openTestDb(t);
  const bundle = readSeedBundle();
  const report = loadSeed(db);
  t.equal(report.status, 'imported');
  for (const kind of KIND_NAMES) {
    t.equal(
      report.counts[kind].created,
      bundle[kind].length,
      `${kind}: ${bundle[kind].length} created`,
    );
  }
  t.ok(
    report.counts.events.created >= 5 && report.counts.statements.created >= 9,
    'the article yields events and statements',
  );
  t.same(db.$client.pragma('foreign_key_check'), [], 'no dangling reference');
});

t.test('the import log records the seed load, once', SQLITE_ONLY, async (t) => {
  const db = openTestDb(t);
  const report = loadSeed(db);
  const log = () =>
    db.$client.prepare('select key_name, format, mode, status, report from imports').all() as {
      key_name: string;
      format: string;
      mode: string;
      status: string;
      report: string;
    }[];
  const [line, ...more] = log();
  t.same(more, [], 'one line');
  t.match(line, { key_name: 'seed', format: 'json', mode: 'all', status: 'imported' });
  t.same(JSON.parse(line?.report ?? '{}').totals, report.totals, 'with its report');
  loadSeed(db);
  t.equal(log().length, 1, 'a second load, which changes nothing, adds no line');
});

t.test('loading the seed twice leaves the database the same', SQLITE_ONLY, async (t) => {
  const db = openTestDb(t);
  loadSeed(db);
  const once = dump(db);
  const again = loadSeed(db);
  t.same(dump(db), once);
  t.equal(again.totals.unchanged, again.totals.created + again.totals.unchanged, 'all unchanged');
  t.equal(again.totals.created + again.totals.updated, 0, 'nothing written the second time');
});

t.test('every excerpt is found verbatim in its source', SQLITE_ONLY, async (t) => {
  const db = openTestDb(t);
  loadSeed(db);
  const rows = db.$client
    .prepare(
      `select c.subject_kind kind, c.subject_id id, c.excerpt, s.text
       from citations c join sources s on s.id = c.source_id`,
    )
    .all() as { kind: string; id: string; excerpt: string; text: string | null }[];
  t.ok(rows.length > 50, `${rows.length} citations checked`);
  const missing = rows.filter((r) => r.text === null || !r.text.includes(r.excerpt));
  t.same(
    missing.map((r) => `${r.kind}/${r.id}: ${r.excerpt}`),
    [],
    'no excerpt missing from its source',
  );
});

t.test('every seeded row cites the article', SQLITE_ONLY, async (t) => {
  const db = openTestDb(t);
  loadSeed(db);
  const kinds: [string, string][] = [
    ['sources', 'source'],
    ['places', 'place'],
    ['organizations', 'organization'],
    ['people', 'person'],
    ['positions', 'position'],
    ['relations', 'relation'],
    ['events', 'event'],
    ['participations', 'participation'],
    ['delegations', 'delegation'],
    ['statements', 'statement'],
    ['figures', 'figure'],
  ];
  for (const [table, kind] of kinds) {
    const uncited = db.$client
      .prepare(
        `select id from "${table}" t where id != ? and not exists (
           select 1 from citations c
           where c.subject_kind = ? and c.subject_id = t.id and c.source_id = ?)`,
      )
      .all(ARTICLE, kind, ARTICLE);
    t.same(uncited, [], `every row of ${table} cites the article`);
  }
  const article = db.$client.prepare('select text from sources where id = ?').get(ARTICLE) as {
    text: string;
  };
  t.match(article.text, /Kim Jong-un, top leader of the Democratic People's Republic of Korea/);
});

t.test('the seed keeps hedges, precision and attribution', SQLITE_ONLY, async (t) => {
  const db = openTestDb(t);
  loadSeed(db);
  const get = (sql: string, ...params: unknown[]) => db.$client.prepare(sql).get(...params) as any;
  const killed = get("select * from figures where as_stated like 'Nearly%'");
  t.equal(killed.qualifier, 'nearly');
  t.equal(killed.value, 180000);
  t.equal(killed.upper_bound, 180000);
  t.equal(killed.lower_bound, 162000, '"nearly" bounds both sides (issue 13)');
  const fought = get("select * from figures where as_stated like 'More than%'");
  t.equal(fought.qualifier, 'more_than');
  t.equal(fought.lower_bound, 2000000);
  const war = get("select * from events where id = 'korean-war'");
  t.equal(war.start, '1950', 'a year stays a year');
  t.equal(war.end, '1953');
  const wreath = get("select * from events where type = 'wreath_laying'");
  t.equal(wreath.start, '2023-07-25', '"on Tuesday" is 2023-07-25');
  const titles = db.$client.prepare('select title, summary from events').all() as {
    title: string;
    summary: string | null;
  }[];
  for (const { title } of titles) {
    t.notMatch(title, /immortal|imperialis|heroic/i, `title stays neutral: ${title}`);
  }
  const inscription = get("select * from statements where kind = 'inscription'");
  t.equal(inscription.text, "Martyrs of the Chinese People's Volunteers Will Be Immortal");
  t.equal(inscription.mode, 'quote');
  t.equal(inscription.speaker_person_id, 'kim-jong-un');
  const maoNing = db.$client
    .prepare("select id, place_id from statements where speaker_person_id = 'mao-ning'")
    .all() as { id: string; place_id: string | null }[];
  t.equal(maoNing.length, 4, "Mao Ning's four remarks");
  t.ok(
    maoNing.every((s) => s.place_id === 'beijing'),
    "Mao Ning's remarks were made in Beijing, not at the cemetery they speak of",
  );
});

t.test("the seed's line in the import log has the documented id, once", SQLITE_ONLY, async (t) => {
  const db = openTestDb(t);
  loadSeed(db);
  const ids = () =>
    (db.$client.prepare('select id from imports').all() as { id: string }[]).map((r) => r.id);
  t.same(ids(), [SEED_IMPORT_ID], "the docs' example of GET /v1/imports/{id} (import-schemas.ts)");
  loadSeed(db);
  t.same(ids(), [SEED_IMPORT_ID], 'loaded again, it changes nothing and logs nothing');
  db.$client.prepare("update events set summary = 'edited' where id = 'korean-war'").run();
  loadSeed(db);
  t.equal(ids().length, 2, 'loaded over an edit, it changes the record back: a second line');
  t.equal(new Set(ids()).size, 2, 'under another id');
  t.equal(seedImportId('{}'), seedImportId('{}'), 'the id is a function of the text');
  t.not(seedImportId('{}'), seedImportId('{ }'));
  t.match(
    seedImportId('{}'),
    /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
  );
});
