/**
 * The backup helpers on their own: a copy that a commit interrupts starts again and ends as the
 * state after the commit; the checks that restore runs refuse a damaged or foreign file; a
 * database open elsewhere is found in use.
 */
import { closeSync, copyFileSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import t from 'tap';
import { checkBackup, copyDatabase, databaseInUse } from '../../src/db/backup.js';
import { migrateDatabase, openDatabase } from '../../src/db/database.js';
import { sqliteOnly, tempDir } from '../helper.js';

const SQLITE_ONLY = sqliteOnly('backup of the SQLite file');

/** A migrated database of about 12 MiB (3,000 pages and more): a copy takes several steps. */
function largeDatabase(path: string): void {
  const db = openDatabase(path);
  migrateDatabase(db);
  db.$client.exec('create table ballast (n integer primary key, data blob)');
  const insert = db.$client.prepare('insert into ballast (data) values (randomblob(4000))');
  db.$client.transaction(() => {
    for (let n = 0; n < 3000; n += 1) insert.run();
  })();
  db.$client.close();
}

t.test(
  'a commit during the copy restarts it; the copy is the state after the commit',
  SQLITE_ONLY,
  async (t) => {
    const dir = tempDir(t);
    const source = join(dir, 'source.db');
    largeDatabase(source);
    const writer = new Sqlite(source);
    t.teardown(() => writer.close());
    let commits = 0;
    const steps: number[] = [];
    const result = await copyDatabase(source, join(dir, 'copy.db'), (progress) => {
      steps.push(progress.remainingPages);
      // Between steps, as a server would: three commits, one after each of the first steps.
      if (progress.remainingPages > 0 && commits < 3) {
        writer.prepare('insert into ballast (data) values (randomblob(10))').run();
        commits += 1;
      }
    });
    t.ok(result.pages > 3000, `the copy has ${result.pages} pages`);
    t.equal(result.restarts, 2, 'the first two commits restarted the copy');
    t.ok(steps.length > 4, `it went in steps (${steps.length})`);
    const copy = new Sqlite(join(dir, 'copy.db'), { readonly: true });
    t.teardown(() => copy.close());
    t.same(
      copy.prepare('select count(*) n from ballast').get(),
      { n: 3003 },
      'it holds every commit',
    );
    t.equal(copy.pragma('journal_mode', { simple: true }), 'delete', 'in one file: no WAL');
    t.same(checkBackup(join(dir, 'copy.db')).problems, [], 'and passes the checks');
  },
);

t.test(
  'checkBackup refuses a damaged file, a foreign database and a newer one',
  SQLITE_ONLY,
  async (t) => {
    const dir = tempDir(t);
    const good = join(dir, 'good.db');
    largeDatabase(good);
    const sound = checkBackup(good);
    t.same(sound.problems, [], 'a sound database passes');
    t.ok(sound.migrations > 0, `and counts its migrations (${sound.migrations})`);

    const damaged = join(dir, 'damaged.db');
    copyFileSync(good, damaged);
    const fd = openSync(damaged, 'r+');
    // Garbage over a b-tree page in the middle of the file.
    writeSync(fd, Buffer.alloc(4096, 0xa5), 0, 4096, 4096 * 40);
    closeSync(fd);
    t.match(
      checkBackup(damaged).problems.join('\n'),
      /integrity check|malformed/,
      'damage is found',
    );

    const foreign = join(dir, 'foreign.db');
    const other = new Sqlite(foreign);
    other.exec('create table t (x)');
    other.close();
    t.match(
      checkBackup(foreign).problems,
      [/no migrations table/],
      'a foreign database is refused',
    );

    const newer = join(dir, 'newer.db');
    copyFileSync(good, newer);
    const db = new Sqlite(newer);
    db.prepare('insert into __drizzle_migrations (hash, created_at) values (?, ?)').run('x', 9e12);
    db.close();
    t.match(checkBackup(newer).problems, [/migrations this version of Annals does not know/]);

    t.match(checkBackup(join(dir, 'none.db')).problems, [/does not exist/], 'a missing file');
  },
);

t.test('databaseInUse: true while another connection has it open', SQLITE_ONLY, async (t) => {
  const dir = tempDir(t);
  const path = join(dir, 'annals.db');
  t.notOk(databaseInUse(path), 'a missing file is not in use');
  const db = openDatabase(path);
  migrateDatabase(db);
  t.ok(databaseInUse(path), 'an open database is in use');
  db.$client.close();
  t.notOk(databaseInUse(path), 'a closed one is not');
});
