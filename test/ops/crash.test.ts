/**
 * Crash safety: the real server, killed with SIGKILL in the middle of a large NDJSON import (once
 * while the upload is being staged, once inside the write transaction), then started again on
 * the same database. The database must open, hold the whole import or none of it, and a search
 * document for each place there is; on SQLite the file must pass SQLite's checks and the
 * full-text index's (on PostgreSQL, recovery and the keys are the server's own).
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import pg from 'pg';
import t, { type Test } from 'tap';
import { tempDir } from '../helper.js';
import {
  get,
  importWriteProbe,
  places,
  postNdjson,
  type ServerProcess,
  sleep,
  startServer,
} from './server-process.js';

/** Enough for a write transaction of a second or more (measured in the test's comments). */
const RECORDS = 40_000;

// The file's timeout, for the runner too (the package's default is 120 s): a loaded machine
// can take three times as long as an idle one.
t.setTimeout(240_000);

interface Found {
  /** SQLite's checks (integrity, foreign keys, the FTS index's own): none on PostgreSQL. */
  checks?: { integrity: string[]; foreignKeys: unknown[]; fts: string };
  places: number;
  indexed: number;
}

/** What was imported, and the search documents of it, in the PostgreSQL database at `url`. */
async function inspectPostgres(url: string, prefix: string): Promise<Found> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const count = async (sql: string) =>
      (await client.query<{ n: number }>(sql, [`${prefix}-%`])).rows[0]?.n ?? 0;
    return {
      places: await count('select count(*)::int as n from places where id like $1'),
      indexed: await count(
        "select count(*)::int as n from search_docs where kind = 'place' and entity_id like $1",
      ),
    };
  } finally {
    await client.end();
  }
}

/** SQLite's integrity and foreign-key checks, the FTS index's own check, and what was imported. */
function inspectSqlite(path: string, prefix: string): Found {
  const db = new Sqlite(path, { fileMustExist: true });
  try {
    const integrity = db.pragma('integrity_check') as { integrity_check: string }[];
    const foreignKeys = db.pragma('foreign_key_check') as unknown[];
    let fts = 'ok';
    try {
      db.prepare("insert into search_fts(search_fts, rank) values('integrity-check', 1)").run();
    } catch (error) {
      fts = (error as Error).message;
    }
    const count = (sql: string) => (db.prepare(sql).get(`${prefix}-%`) as { n: number }).n;
    return {
      checks: { integrity: integrity.map((row) => row.integrity_check), foreignKeys, fts },
      places: count('select count(*) n from places where id like ?'),
      indexed: count(
        "select count(*) n from search_docs where kind = 'place' and entity_id like ?",
      ),
    };
  } finally {
    db.close();
  }
}

/** What the server's database holds of `prefix`'s import: its file, or its PostgreSQL database. */
function inspect(server: ServerProcess, path: string, prefix: string): Promise<Found> | Found {
  return server.databaseUrl
    ? inspectPostgres(server.databaseUrl, prefix)
    : inspectSqlite(path, prefix);
}

/**
 * A temp folder (TMPDIR) of the server's own, and what is left in it: an import into PostgreSQL
 * stages its input in a SQLite file there (SQLite's anonymous temporary database, unlinked once
 * open), which must not outlive the import. (tsx keeps its cache there too, `tsx-*`: not ours.)
 */
function withTemp(t: Test): { env: Record<string, string>; leftovers: () => string[] } {
  const dir = tempDir(t);
  return {
    env: { TMPDIR: dir },
    leftovers: () => readdirSync(dir).filter((name) => !name.startsWith('tsx-')),
  };
}

/**
 * Restarts the server on the same database (`before`'s) and checks it answers, then checks the
 * database from outside.
 */
async function restartAndCheck(
  t: Test,
  before: ServerProcess,
  path: string,
  prefix: string,
  env: Record<string, string>,
): Promise<{ server: ServerProcess; places: number }> {
  const started = performance.now();
  const server = await startServer(t, path, {
    env: { ...env, ...(before.databaseUrl ? { DATABASE_URL: before.databaseUrl } : {}) },
  });
  t.comment(`restarted in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const health = await get(`${server.url}/health`);
  t.equal(health.status, 200, 'the restarted server answers GET /health with 200');
  const found = await inspect(server, path, prefix);
  if (found.checks) {
    t.same(found.checks.integrity, ['ok'], 'PRAGMA integrity_check is ok');
    t.same(found.checks.foreignKeys, [], 'PRAGMA foreign_key_check finds nothing');
    t.equal(found.checks.fts, 'ok', "the FTS index passes its 'integrity-check'");
  }
  t.ok(
    found.places === 0 || found.places === RECORDS,
    `all or none of the import is there (${found.places} of ${RECORDS})`,
  );
  t.equal(found.indexed, found.places, 'the search index holds exactly the places there are');
  return { server, places: found.places };
}

t.test(
  'SIGKILL in the middle of an import loses all of it or none, and nothing else',
  async (t) => {
    const path = join(tempDir(t), 'annals.db');
    const temp = withTemp(t);
    let server = await startServer(t, path, { env: temp.env });
    const probe = await importWriteProbe(server, path);
    t.teardown(() => probe.close());

    // 0. A whole import first, to measure how long its write transaction lasts here.
    const measuring = postNdjson(server.url, places('measured', RECORDS));
    await probe.untilWriting(measuring);
    const writeStarted = performance.now();
    const measured = await measuring.answer;
    const writeMs = performance.now() - writeStarted;
    t.equal(
      'status' in measured ? measured.status : measured.error.message,
      201,
      'an import is 201',
    );
    t.comment(`${RECORDS} places: the write transaction took about ${writeMs.toFixed(0)} ms`);

    // 1. Killed while the upload is being read and staged: sent slowly, killed a third of the way.
    let sent = 0;
    const upload = postNdjson(
      server.url,
      (async function* () {
        for (const chunk of places('staged', RECORDS)) {
          sent += 500;
          yield chunk;
          await sleep(5);
        }
      })(),
    );
    const deadline = performance.now() + 60_000;
    while (sent < RECORDS / 3 && performance.now() < deadline) await sleep(5);
    t.ok(sent >= RECORDS / 3, `a third of the lines were sent (${sent})`);
    t.notOk(await probe.writing(), 'the import had not begun writing');
    server.child.kill('SIGKILL');
    t.same((await server.exited).signal, 'SIGKILL', 'the server was killed');
    t.ok('error' in (await upload.answer), 'the upload broke off');
    t.same(temp.leftovers(), [], 'the killed import left nothing in the temp folder');
    const afterStaging = await restartAndCheck(t, server, path, 'staged', temp.env);
    t.equal(afterStaging.places, 0, 'nothing of an import killed while staging is there');
    server = afterStaging.server;

    // 2. Killed inside the write transaction: once the lock is taken, a moment later.
    const started = performance.now();
    const writing = postNdjson(server.url, places('written', RECORDS));
    await writing.uploaded;
    const uploadedAt = performance.now();
    await probe.untilWriting(writing);
    const writeBegan = performance.now();
    // Into the transaction, but not by half of step 0's duration: on a loaded machine step 0 can
    // take twice as long as this import, which then commits before the kill (seen at load 14).
    await sleep(Math.min(writeMs / 2, 250));
    const stillWriting = await probe.writing();
    server.child.kill('SIGKILL');
    const killedAt = performance.now();
    await server.exited;
    const log = server.databaseUrl
      ? ''
      : `, leaving a log of ${(statSync(`${path}-wal`).size / 2 ** 20).toFixed(1)} MiB`;
    t.comment(
      `upload sent in ${((uploadedAt - started) / 1000).toFixed(1)} s, write transaction began at ${((writeBegan - started) / 1000).toFixed(1)} s, killed ${(killedAt - writeBegan).toFixed(0)} ms into it${log}`,
    );
    t.ok(stillWriting, 'the server was killed inside the write transaction');
    t.ok('error' in (await writing.answer), 'the import got no answer');
    t.same(temp.leftovers(), [], 'the killed import left nothing in the temp folder');
    await probe.close();
    const afterWriting = await restartAndCheck(t, server, path, 'written', temp.env);
    t.equal(afterWriting.places, 0, 'nothing of an import killed while writing is there');
    server = afterWriting.server;

    // 3. The database takes the next import as if nothing had happened.
    const again = await postNdjson(server.url, places('after', 1_000)).answer;
    t.equal('status' in again ? again.status : again.error.message, 201, 'a new import is 201');
    const after = await inspect(server, path, 'after');
    t.equal(after.places, 1_000, 'and is all there');
    if (after.checks) t.same(after.checks.integrity, ['ok'], 'the database is still sound');
    await server.stop('SIGTERM');
  },
);
