/**
 * The search documents on PostgreSQL (src/db/sql/postgres/search.sql) are SQLite's, to the
 * character: the seed loaded into SQLite and into a migrated PostgreSQL database (each by its own
 * write path) gives the same search_docs rows, and the same writes on both keep them the same.
 */

import t from 'tap';
import { loadSeedPostgres } from '../../src/bundle/postgres/seed.js';
import { loadSeed } from '../../src/bundle/seed.js';
import { migratePostgres } from '../../src/db/postgres.js';
import { openTestDb } from '../helper.js';
import { startPostgresPool } from './server.js';

const { pool } = await startPostgresPool(t);
await migratePostgres(pool);

const sqlite = openTestDb(t);
loadSeed(sqlite);

interface Doc {
  kind: string;
  entity_id: string;
  title: string;
  name: string;
  body: string;
}
const order = (a: Doc, b: Doc) =>
  a.kind === b.kind ? (a.entity_id < b.entity_id ? -1 : 1) : a.kind < b.kind ? -1 : 1;
const DOCS = 'select kind, entity_id, title, name, body from search_docs';
const sqliteDocs = () => (sqlite.$client.prepare(DOCS).all() as Doc[]).sort(order);
const postgresDocs = async () => ((await pool.query<Doc>(DOCS)).rows as Doc[]).sort(order);

t.test("the seed's documents are SQLite's", async (t) => {
  await loadSeedPostgres(pool);
  const expected = sqliteDocs();
  t.ok(expected.length > 40, `${expected.length} documents on SQLite`);
  t.same(await postgresDocs(), expected, 'the same documents, to the character');
});

t.test('the same writes on both keep the documents the same', async (t) => {
  const long = `${'Жизнь '.repeat(20)}end`;
  const writes = [
    // A speaker's new name rewrites their statements' titles and names.
    `update people set name = 'Kim Jong Un' where id = 'kim-jong-un'`,
    `update people set aliases = '["Kim","Marshal Kim"]' where id = 'kim-jong-un'`,
    `delete from event_names where event_id = 'korean-war' and ordinal = 1`,
    `update events set summary = null where id = 'victory-day-2023'`,
    `update organizations set aliases = '[]' where id = 'dprk-state'`,
    `delete from figures where id = 'cpv-soldiers-killed-korean-war'`,
    // Cut at 80 characters, counted as characters on both.
    `update statements set text = '${long}' where id = 'mao-ning-2023-07-26-kim-tribute'`,
  ];
  for (const write of writes) {
    sqlite.$client.exec(write);
    await pool.query(write);
  }
  const expected = sqliteDocs();
  t.match(
    expected.find((doc) => doc.entity_id === 'mao-ning-2023-07-26-kim-tribute')?.title,
    /…$/,
    'the long statement is cut',
  );
  t.same(await postgresDocs(), expected, 'the same documents after the writes');
});
