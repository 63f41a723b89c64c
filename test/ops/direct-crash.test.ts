/**
 * A direct import (into an empty database, src/bundle/import.ts) holds its transaction from its
 * first record, with the triggers and indexes dropped inside it. SIGKILL while it reads must
 * leave the database as it was: empty, every trigger and index back, sound.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import t from 'tap';
import { openTestDb, tempDir } from '../helper.js';

const schemaOf = (db: Sqlite.Database) =>
  db
    .prepare(
      "select type, name, tbl_name, sql from sqlite_master where name <> 'sqlite_sequence' order by type, name",
    )
    .all();

t.test('SIGKILL during a direct import leaves the empty database as it was', async (t) => {
  const dir = tempDir(t);
  const path = join(dir, 'annals.db');
  const migrated = openTestDb(t);
  // A migrated, empty file of our own: the same schema as the test database's.
  migrated.$client.exec(`vacuum into '${path}'`);
  const before = new Sqlite(path, { readonly: true });
  const schemaBefore = schemaOf(before);
  before.close();

  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'children/slow-import.ts'), path],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let written = 0;
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (text: string) => {
    const counts = [...text.matchAll(/written (\d+)/g)].map((m) => Number(m[1]));
    if (counts.length > 0) written = Math.max(written, ...counts);
    if (written >= 20_000) child.kill('SIGKILL');
  });
  const [code, signal] = await once(child, 'exit');
  t.equal(signal, 'SIGKILL', `the import was killed (exit ${code}) after ${written} records`);
  t.ok(written >= 20_000, 'it had written records before it was killed');

  const db = new Sqlite(path);
  t.teardown(() => db.close());
  t.equal(db.pragma('integrity_check', { simple: true }), 'ok', 'integrity_check');
  t.same(db.pragma('foreign_key_check'), [], 'foreign_key_check');
  t.equal(db.prepare('select count(*) from people').pluck().get(), 0, 'no record is there');
  t.equal(db.prepare('select count(*) from search_docs').pluck().get(), 0, 'no search document');
  t.same(schemaOf(db), schemaBefore, 'every trigger and index is back, as it was');
  db.prepare("insert into search_fts(search_fts, rank) values ('integrity-check', 1)").run();
  t.pass("the full-text index passes its 'integrity-check'");
});
