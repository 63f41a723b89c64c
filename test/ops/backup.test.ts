/**
 * Backups of a running server: `npm run backup` taken again and again while an import writes
 * (each copy sound, and holding the whole import or none of it), then one taken at rest,
 * restored with `npm run restore` into a new file, served, and exported: the same bytes as the
 * live server's export.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import t from 'tap';
import { checkBackup } from '../../src/db/backup.js';
import { sqliteOnly, tempDir } from '../helper.js';
import { cli, get, places, postNdjson, startServer, writeLockProbe } from './server-process.js';

const SQLITE_ONLY = sqliteOnly(
  'npm run backup and restore copy the SQLite file (PostgreSQL: pg_dump)',
);

const RECORDS = 40_000;

// The file's timeout, for the runner too (the package's default is 120 s): a loaded machine
// can take three times as long as an idle one.
t.setTimeout(240_000);

/** How many of the import's places a database holds. */
function imported(path: string): number {
  const db = new Sqlite(path, { readonly: true, fileMustExist: true });
  try {
    return (
      db.prepare("select count(*) n from places where id like 'busy-%'").get() as { n: number }
    ).n;
  } finally {
    db.close();
  }
}

t.test(
  'npm run backup copies a running server consistently; restore brings it back',
  SQLITE_ONLY,
  async (t) => {
    const dir = tempDir(t);
    const live = join(dir, 'live.db');
    const server = await startServer(t, live);

    // Backups one after another for as long as the import runs (upload, staging, write, commit),
    // and one more started as soon as the write transaction is seen.
    const probe = writeLockProbe(live);
    t.teardown(() => probe.close());
    const upload = postNdjson(server.url, places('busy', RECORDS));
    let importing = true;
    const answer = upload.answer.finally(() => (importing = false));
    const inWrite = probe.untilWriting(upload).then(async () => {
      const file = join(dir, 'in-write.db');
      const run = await cli('backup', [file], live);
      return { file, code: run.code, stderr: run.stderr, stillWriting: probe.writing() };
    });
    const during: { file: string; code: number | null; stderr: string }[] = [];
    while (importing || during.length < 2) {
      const file = join(dir, `during-${during.length}.db`);
      const run = await cli('backup', [file], live);
      during.push({ file, code: run.code, stderr: run.stderr });
    }
    const done = await answer;
    t.equal('status' in done ? done.status : done.error.message, 201, 'the import is 201');
    const writeTime = await inWrite;
    during.push(writeTime);
    t.comment(
      `a backup started once the write transaction had begun; it was ${writeTime.stillWriting ? 'still' : 'no longer'} open when the backup ended`,
    );

    const seen = new Map<number, number>();
    for (const { file, code, stderr } of during) {
      t.equal(code, 0, `a backup during the import exits 0 ${stderr}`);
      const check = checkBackup(file);
      t.same(check.problems, [], `${file}: integrity, foreign keys and migrations are sound`);
      const count = imported(file);
      seen.set(count, (seen.get(count) ?? 0) + 1);
      t.ok(count === 0 || count === RECORDS, `it holds all or none of the import (${count})`);
    }
    t.comment(
      `${during.length} backups during the import: ${[...seen].map(([n, k]) => `${k} with ${n} places`).join(', ')}`,
    );

    // At rest: back up, restore into a new file, serve it, and compare the exports.
    const backup = join(dir, 'at-rest.db');
    const taken = await cli('backup', [backup], live);
    t.equal(taken.code, 0, 'npm run backup exits 0');
    t.match(
      taken.stdout,
      /^backed up .*live\.db to .*at-rest\.db: [\d.]+ [KM]iB \(\d+ pages\) in [\d.]+ s$/m,
      'and says what it copied',
    );
    // The rest is independent: run in parallel, since a spawn costs a second or more.
    const restoredPath = join(dir, 'restored', 'annals.db');
    const otherPath = join(dir, 'other', 'annals.db');
    const notABackup = join(dir, 'not-a-backup.db');
    const plain = new Sqlite(notABackup);
    plain.exec('create table t (x)');
    plain.close();
    const [exists, forced, refused, restored, [first, second], unsound] = await Promise.all([
      cli('backup', [backup], live),
      cli('backup', [join(dir, 'during-0.db'), '--force'], live),
      cli('restore', [backup], live),
      cli('restore', [backup], restoredPath),
      cli('restore', [join(dir, 'during-1.db')], otherPath).then(async (run) => [
        run,
        await cli('restore', [backup], otherPath),
      ]),
      cli('restore', [notABackup], join(dir, 'unsound', 'annals.db')),
    ]);
    t.equal(exists.code, 2, 'an existing file is not replaced: exit 2');
    t.match(exists.stderr, /at-rest\.db exists: pass --force to replace it/);
    t.equal(forced.code, 0, 'unless --force');
    t.same(checkBackup(join(dir, 'during-0.db')).problems, [], 'which writes a sound backup');

    t.equal(refused.code, 2, 'restoring onto the database the server uses is refused: exit 2');
    t.match(refused.stderr, /live\.db is in use \(is a server running on it\?\)/);
    t.equal(
      (await get(`${server.url}/v1/places/busy-000001`)).status,
      200,
      'and the server goes on',
    );

    t.equal(restored.code, 0, 'npm run restore into a new path exits 0');
    t.match(restored.stdout, /^restored .*at-rest\.db to .*annals\.db \([\d.]+ [KM]iB\)$/m);
    t.same(
      readdirSync(join(dir, 'restored')),
      ['annals.db'],
      'it leaves the database and nothing else',
    );
    t.equal(first?.code, 0, 'restoring into another new path exits 0');
    t.equal(second?.code, 0, 'restoring again over that (stopped) database exits 0');
    const kept = /kept as (.*)$/m.exec(second?.stdout ?? '')?.[1];
    t.ok(kept && existsSync(kept), 'and keeps the database it replaced');
    t.equal(imported(otherPath), RECORDS, 'the second restore is the one in place');

    t.equal(unsound.code, 2, 'a database that is not an Annals backup is refused: exit 2');
    t.match(unsound.stderr, /not a sound backup: no migrations table/);
    t.notOk(existsSync(join(dir, 'unsound', 'annals.db')), 'and nothing is put in place');

    const copy = await startServer(t, restoredPath);
    for (const format of ['ndjson', 'json']) {
      const [fromLive, fromCopy] = await Promise.all([
        get(`${server.url}/v1/export?format=${format}`),
        get(`${copy.url}/v1/export?format=${format}`),
      ]);
      t.equal(fromLive.status, 200, `GET /v1/export?format=${format} is 200`);
      t.ok(fromLive.body.includes('busy-040000'), 'the live export holds the import');
      t.ok(
        fromCopy.body === fromLive.body,
        `the restored server's ${format} export is byte-identical to the live one (${fromLive.body.length} bytes)`,
      );
    }
    await Promise.all([server.stop('SIGTERM'), copy.stop('SIGTERM')]);
  },
);
