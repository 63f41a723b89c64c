/**
 * Moving a knowledge base between backends as the README tells a user to (issue 15, item 6),
 * every step a command run as a child process: a SQLite database (`npm run seed`, then generated
 * records by `npm run import`) is exported with `npm run export`, imported with `npm run import`
 * into an empty PostgreSQL database, exported from there, imported into a new SQLite file and
 * exported again: the three exports are the same bytes, and each import created every record.
 * (export.test.ts compares the two backends' exports of the same seed; import.test.ts the two
 * imports of the same NDJSON, in-process. Here the data crosses over and comes back.)
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import t, { type Test } from 'tap';
import { generate } from '../../bench/generate.js';
import { tempDir } from '../helper.js';
import { cli, type Run } from '../ops/server-process.js';
import { startPostgres } from './server.js';

// Seven commands, each a node process through tsx, and two imports: about a minute of CPU.
t.setTimeout(300_000);

const EVENTS = 300;

/** A command's run, with what it said when it did not exit 0. */
function exitedZero(t: Test, run: Run, what: string): void {
  t.equal(run.code, 0, `${what}: exit 0`, run.code === 0 ? {} : { stderr: run.stderr });
}

/** The records a bundle holds, all kinds together (its arrays, besides format and version). */
function recordsIn(bundlePath: string): number {
  const bundle: Record<string, unknown> = JSON.parse(readFileSync(bundlePath, 'utf8'));
  return Object.values(bundle).reduce<number>(
    (sum, value) => sum + (Array.isArray(value) ? value.length : 0),
    0,
  );
}

/**
 * The total row of an import's report as the command prints it (kind, created, updated,
 * unchanged, rejected), read back as numbers.
 */
function totalsOf(run: Run): number[] {
  const found = /^total\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*$/m.exec(run.stdout);
  return found ? found.slice(1).map(Number) : [];
}

t.test('SQLite -> PostgreSQL -> SQLite: the three exports are the same bytes', async (t) => {
  const dir = tempDir(t);
  const server = await startPostgres();
  t.teardown(() => server.stop());
  const onPostgres = { DATABASE_URL: server.url };
  // The commands on PostgreSQL are told where SQLite would be too, so that a command reading
  // DATABASE_PATH by mistake would make this file, which the test then looks for.
  const nowhere = join(dir, 'never.db');

  const first = join(dir, 'first.db');
  exitedZero(t, await cli('seed', [], first), 'npm run seed into SQLite');
  const { ndjson } = await generate(EVENTS, dir, { force: true });
  exitedZero(t, await cli('import', [ndjson], first), 'npm run import of generated records');

  const fromSqlite = join(dir, 'from-sqlite.json');
  exitedZero(t, await cli('export', ['--out', fromSqlite], first), 'npm run export from SQLite');
  const records = recordsIn(fromSqlite);
  const generated = readFileSync(ndjson, 'utf8').split('\n').filter(Boolean).length;
  t.ok(
    records > generated,
    `the SQLite export holds ${records} records: the ${generated} generated and the seed`,
  );

  const intoPostgres = await cli('import', [fromSqlite], nowhere, onPostgres);
  exitedZero(t, intoPostgres, 'npm run import into empty PostgreSQL');
  t.same(totalsOf(intoPostgres), [records, 0, 0, 0], 'every record is created in PostgreSQL');
  const fromPostgres = join(dir, 'from-postgres.json');
  exitedZero(
    t,
    await cli('export', ['--out', fromPostgres], nowhere, onPostgres),
    'npm run export from PostgreSQL',
  );
  t.notOk(existsSync(nowhere), 'no SQLite file was made by the commands on PostgreSQL');

  const second = join(dir, 'second.db');
  const intoSqlite = await cli('import', [fromPostgres], second);
  exitedZero(t, intoSqlite, 'npm run import into a new SQLite file');
  t.same(
    totalsOf(intoSqlite),
    [records, 0, 0, 0],
    'every record is created in the new SQLite file',
  );
  const back = join(dir, 'back.json');
  exitedZero(t, await cli('export', ['--out', back], second), 'npm run export from it');

  const bytes = readFileSync(fromSqlite);
  t.ok(bytes.equals(readFileSync(fromPostgres)), "PostgreSQL's export is SQLite's, byte for byte");
  t.ok(bytes.equals(readFileSync(back)), "and so is the new SQLite file's");

  // What PostgreSQL holds is the whole of it, not only what its export shows: its import log
  // has the one import, which created every record.
  const client = new pg.Client({ connectionString: server.url });
  await client.connect();
  t.teardown(() => client.end());
  const { rows } = await client.query<{ n: number }>('select count(*)::int as n from imports');
  t.equal(rows[0]?.n, 1, "PostgreSQL's import log has the one import");
});
