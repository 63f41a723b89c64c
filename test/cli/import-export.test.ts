/**
 * The import and export commands, run as a user runs them: a child process on a temp database,
 * or against a real listening server. Spawns cost about half a second each, so independent runs
 * go in parallel.
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import t from 'tap';
import { buildApp } from '../../src/app.js';
import { exportChunks } from '../../src/bundle/export.js';
import { loadSeed, readSeedBundle } from '../../src/bundle/seed.js';
import { migrateDatabase, openDatabase } from '../../src/db/database.js';
import { KIND_NAMES } from '../../src/kinds/index.js';
import { PROJECT_ROOT, SEED_BUNDLE_PATH } from '../../src/paths.js';
import { sqliteOnly, tempDir } from '../helper.js';

const SQLITE_ONLY = sqliteOnly('the import and export CLIs on SQLite files');

// About 40 child processes: 64 s alone on this 2-core machine, past tap's 120 s when the rest of
// the suite runs beside it (seen on Node 22 under a load average of 15).
t.setTimeout(360_000);

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `npm run <command> -- ...args` as node with tsx, on the given database. */
function cli(
  command: 'import' | 'export',
  args: string[],
  env: { DATABASE_PATH?: string; ANNALS_KEY?: string } = {},
): Promise<Run> {
  // No key from the developer's shell; and no tap hooks in the children (NODE_OPTIONS): they
  // double the cost of a spawn, and a child's coverage is not counted anyway.
  const { ANNALS_KEY: _key, NODE_OPTIONS: _hooks, ...inherited } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', `src/cli/${command}.ts`, ...args], {
    cwd: PROJECT_ROOT,
    env: { ...inherited, DATABASE_PATH: env.DATABASE_PATH ?? '/nonexistent/annals.db', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Every row of every table but the import log, as text: equal dumps, equal databases. */
function dump(path: string): string {
  const db = openDatabase(path);
  try {
    const tables = db.$client
      .prepare(
        "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%' and name not like 'search_fts%' and name <> 'imports' order by name",
      )
      .all() as { name: string }[];
    return JSON.stringify(
      tables.map(({ name }) => db.$client.prepare(`select * from "${name}" order by 1`).all()),
    );
  } finally {
    db.$client.close();
  }
}

function count(path: string, sql: string): number {
  const db = openDatabase(path);
  try {
    return (db.$client.prepare(sql).get() as { n: number }).n;
  } finally {
    db.$client.close();
  }
}

/** Every record of the seed, all kinds together, and the report's total line for them. */
const SEED = readSeedBundle();
const SEED_RECORDS = KIND_NAMES.reduce((sum, kind) => sum + SEED[kind].length, 0);
const totalLine = (created: number, unchanged: number) =>
  new RegExp(`^total +${created} +0 +${unchanged} +0$`, 'm');

const ndjson = (...lines: object[]) => `${lines.map((line) => JSON.stringify(line)).join('\n')}\n`;
const town = { kind: 'places', record: { id: 'test-town', name: 'Test Town', type: 'town' } };
const BAD = ndjson(
  { kind: 'places', record: { ...town.record, parent: 'dprk' } },
  { kind: 'events', record: { id: 'bad-date', type: 'meeting', title: 'M', start: '2023-02-30' } },
  {
    kind: 'events',
    record: { id: 'dangling', type: 'meeting', title: 'M', start: '2023-07', place: 'nowhere' },
  },
);
const PLACES_CSV = 'id,name,type,aliases,parent\nvillage-a,Village A,village,A|Aa,dprk\n';

t.test('npm run import on the local database', SQLITE_ONLY, async (t) => {
  const dir = tempDir(t);
  const env = { DATABASE_PATH: join(dir, 'annals.db') };
  const file = (name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };

  const first = await cli('import', [SEED_BUNDLE_PATH], env);
  t.equal(first.code, 0, 'importing the seed exits 0');
  t.match(first.stdout, /^imported .*article-2023-07-27\.json \(import [0-9a-f-]{36}\)/);
  t.match(first.stdout, /^events +5 +0 +0 +0$/m, 'the table counts 5 events created');
  t.match(first.stdout, totalLine(SEED_RECORDS, 0), `and ${SEED_RECORDS} records in all`);
  t.equal(first.stderr, '', 'a small file prints no progress when stderr is not a terminal');

  const again = await cli('import', [SEED_BUNDLE_PATH], env);
  t.equal(again.code, 0, 'importing it again exits 0');
  t.match(again.stdout, totalLine(0, SEED_RECORDS), `and finds all ${SEED_RECORDS} unchanged`);

  const before = dump(env.DATABASE_PATH);
  const bad = file('bad.ndjson', BAD);
  const [rejected, dryRun, big] = await Promise.all([
    cli('import', [bad], env),
    cli('import', [file('good.ndjson', ndjson(town)), '--dry-run'], env),
    // Ten thousand places under a place that does not exist: a dry run, rejected.
    cli('import', [file('many.jsonl', ndjson(...manyPlaces(10_000))), '--dry-run'], env),
  ]);
  t.equal(rejected.code, 1, 'a file with rejected records exits 1');
  t.match(
    rejected.stdout,
    /^rejected .*bad\.ndjson: 2 record\(s\) rejected, so nothing was written/,
  );
  t.match(rejected.stdout, /^events +bad-date +line 2 +\/record\/start +2023-02-30 is not a day/m);
  t.match(
    rejected.stdout,
    /^events +dangling +line 3 +\/record\/place +refers to place 'nowhere'/m,
  );
  t.equal(dryRun.code, 0, 'a valid dry run exits 0');
  t.match(dryRun.stdout, /^dry run of .*good\.ndjson: valid; nothing was written/);
  t.match(dryRun.stdout, /^places +1 +0 +0 +0$/m, 'the dry run counts what it would create');
  t.equal(big.code, 1, 'a dry run with rejections exits 1');
  t.match(big.stdout, /rejections \(first 20 of 1000\+\):/, 'lists the first rejections only');
  t.match(big.stderr, /^10,000 records read \(.* of .*\)$/m, 'a plain progress line at 10,000');
  t.equal(dump(env.DATABASE_PATH), before, 'neither the rejected file nor the dry runs wrote');

  const partial = await cli('import', [bad, '--partial'], env);
  t.equal(partial.code, 1, '--partial still exits 1 when records were rejected');
  t.match(partial.stdout, /^imported .*bad\.ndjson in part: 2 record\(s\) rejected and skipped/);
  t.equal(count(env.DATABASE_PATH, "select count(*) n from places where id = 'test-town'"), 1);
  t.equal(count(env.DATABASE_PATH, "select count(*) n from events where id = 'dangling'"), 0);

  const csv = await cli('import', [file('places.csv', PLACES_CSV)], env);
  t.equal(csv.code, 0, 'a CSV file named after its kind imports');
  t.match(csv.stdout, /^places +1 +0 +0 +0$/m);
  t.equal(count(env.DATABASE_PATH, "select count(*) n from places where id = 'village-a'"), 1);
});

function manyPlaces(n: number) {
  return Array.from({ length: n }, (_, i) => ({
    kind: 'places',
    record: { id: `place-${i}`, name: `Place ${i}`, type: 'village', parent: 'nowhere' },
  }));
}

t.test('wrong command lines exit 2 and say why', SQLITE_ONLY, async (t) => {
  const dir = tempDir(t);
  const csv = join(dir, 'rows.csv');
  writeFileSync(csv, PLACES_CSV);
  const cases: [string, Promise<Run>, RegExp][] = [
    ['an unknown option', cli('import', ['x.json', '--bogus']), /Unknown option '--bogus'/],
    ['a missing file', cli('import', [join(dir, 'none.json')]), /none\.json: no such file/],
    ['a CSV of no known kind', cli('import', [csv]), /which kind of record does .*rows\.csv/],
    ['a bad --from', cli('export', ['--from', '2023-13']), /--from: month 13 does not exist/],
    ['an unknown kind', cli('export', ['--kind', 'events,wars']), /'wars' is not one of/],
    ['no database', cli('export', []), /no database at \/nonexistent\/annals\.db/],
  ];
  for (const [what, run, message] of cases) {
    const { code, stdout, stderr } = await run;
    t.equal(code, 2, `${what} exits 2`);
    t.match(stderr, message, `${what}: the message says why`);
    t.equal(stdout, '', `${what}: nothing on stdout`);
  }
  const [importHelp, exportHelp] = await Promise.all([
    cli('import', ['--help']),
    cli('export', ['-h']),
  ]);
  t.equal(importHelp.code, 0, 'import --help exits 0');
  t.match(importHelp.stdout, /^Usage: npm run import -- FILE/);
  t.equal(exportHelp.code, 0, 'export -h exits 0');
  t.match(exportHelp.stdout, /^Usage: npm run export/);
});

t.test(
  'export, import the export into an empty database, export again: the same bytes',
  SQLITE_ONLY,
  async (t) => {
    const dir = tempDir(t);
    const seeded = { DATABASE_PATH: join(dir, 'seeded.db') };
    const db = openDatabase(seeded.DATABASE_PATH);
    migrateDatabase(db);
    loadSeed(db);
    db.$client.close();

    const [json, lines] = await Promise.all([
      cli('export', [], seeded),
      cli('export', ['--format', 'ndjson'], seeded),
    ]);
    t.equal(json.code, 0, 'export exits 0');
    t.equal(json.stderr, '', 'and prints nothing else');
    const bundle = JSON.parse(json.stdout);
    t.equal(bundle.format, 'annals-bundle', 'stdout is the bundle and nothing else');
    t.equal(bundle.events.length, 5);
    const records = lines.stdout.trimEnd().split('\n');
    t.equal(records.length, SEED_RECORDS, 'NDJSON: a line per record');
    t.ok(
      records.every((line) => 'kind' in JSON.parse(line)),
      'each line a {"kind", "record"}',
    );

    writeFileSync(join(dir, 'export.json'), json.stdout);
    writeFileSync(join(dir, 'export.ndjson'), lines.stdout);
    const fromJson = { DATABASE_PATH: join(dir, 'from-json.db') };
    const fromNdjson = { DATABASE_PATH: join(dir, 'from-ndjson.db') };
    const imported = await Promise.all([
      cli('import', [join(dir, 'export.json')], fromJson),
      cli('import', [join(dir, 'export.ndjson')], fromNdjson),
    ]);
    for (const run of imported) {
      t.equal(run.code, 0, 'the export imports into an empty database');
      t.match(run.stdout, totalLine(SEED_RECORDS, 0));
    }

    const out = join(dir, 'again.json');
    const [jsonAgain, linesAgain] = await Promise.all([
      cli('export', ['--out', out], fromJson),
      cli('export', ['--format', 'ndjson'], fromNdjson),
    ]);
    t.equal(jsonAgain.code, 0);
    t.match(
      jsonAgain.stderr,
      /^wrote .* to .*again\.json$/m,
      '--out says what it wrote, on stderr',
    );
    t.equal(readFileSync(out, 'utf8'), json.stdout, 'JSON: byte-identical');
    t.equal(linesAgain.stdout, lines.stdout, 'NDJSON: byte-identical');
  },
);

t.test('--url imports into and exports from a listening server', SQLITE_ONLY, async (t) => {
  const dir = tempDir(t);
  const key = 'cli-test-secret-0123456789';
  const app = await buildApp({
    databasePath: join(dir, 'server.db'),
    corsOrigins: '*',
    apiKeys: [{ name: 'cli', secret: key }],
  });
  t.teardown(() => app.close());
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const bad = join(dir, 'bad.ndjson');
  writeFileSync(bad, BAD);
  const csv = join(dir, 'rows.csv');
  writeFileSync(csv, PLACES_CSV);

  const seeded = await cli('import', [SEED_BUNDLE_PATH, '--url', url, '--key', key]);
  t.equal(seeded.code, 0, 'a good key imports: exit 0');
  t.match(seeded.stdout, totalLine(SEED_RECORDS, 0));
  t.match(seeded.stdout, /\(import [0-9a-f-]{36}\)/, 'the report names the recorded import');

  const [again, rejected, dryRun, wrongKey, noKey, unreachable, exported, notFound] =
    await Promise.all([
      cli('import', [SEED_BUNDLE_PATH, '--url', `${url}/`], { ANNALS_KEY: key }),
      cli('import', [bad, '--url', url, '--key', key]),
      cli('import', [csv, '--kind', 'place', '--dry-run', '--url', url, '--key', key]),
      cli('import', [bad, '--url', url, '--key', 'not-the-key-at-all']),
      cli('import', [bad, '--url', url]),
      cli('import', [bad, '--url', 'http://127.0.0.1:1', '--key', key]),
      cli('export', ['--url', url, '--format', 'ndjson']),
      cli('export', ['--url', `${url}/nowhere`]),
    ]);
  t.equal(again.code, 0, 'ANNALS_KEY serves as the key');
  t.match(again.stdout, totalLine(0, SEED_RECORDS), 'the second import changes nothing');
  t.equal(rejected.code, 1, 'a rejected import (422) exits 1');
  t.match(rejected.stdout, /^events +dangling +line 3 +\/record\/place +refers to place/m);
  t.equal(dryRun.code, 0, 'a CSV dry run with --kind exits 0');
  t.match(dryRun.stdout, /^dry run of .*rows\.csv: valid/);
  t.equal(wrongKey.code, 2, 'a wrong key exits 2');
  t.match(wrongKey.stderr, /the server refused the key: 403 Forbidden: The API key is not valid/);
  t.equal(noKey.code, 2, 'no key exits 2');
  t.match(noKey.stderr, /needs an API key: --key KEY, or ANNALS_KEY/);
  t.equal(unreachable.code, 2, 'an unreachable server exits 2');
  t.match(unreachable.stderr, /cannot reach http:\/\/127\.0\.0\.1:1/);
  t.equal(exported.code, 0, 'export --url exits 0');
  t.equal(
    exported.stdout,
    [...exportChunks(app.db, { format: 'ndjson' })].join(''),
    "it writes the server's export",
  );
  t.equal(notFound.code, 2, 'an export answered with an error exits 2');
  t.match(notFound.stderr, /the server answered 404/);
  t.equal(
    count(join(dir, 'server.db'), "select count(*) n from places where id = 'village-a'"),
    0,
    'the dry run over HTTP wrote nothing',
  );
});

t.test(
  'export --format csv: one kind, the columns the CSV import takes',
  SQLITE_ONLY,
  async (t) => {
    const dir = tempDir(t);
    const seeded = { DATABASE_PATH: join(dir, 'seeded.db') };
    const db = openDatabase(seeded.DATABASE_PATH);
    migrateDatabase(db);
    loadSeed(db);
    const expected = [...exportChunks(db, { format: 'csv', kinds: ['places'] })].join('');
    db.$client.close();

    const [csv, noKind, twoKinds] = await Promise.all([
      cli('export', ['--format', 'csv', '--kind', 'places'], seeded),
      cli('export', ['--format', 'csv'], seeded),
      cli('export', ['--format', 'csv', '--kind', 'places,events'], seeded),
    ]);
    t.equal(csv.code, 0, 'exits 0');
    t.equal(csv.stdout, expected, 'the bytes GET /v1/export?format=csv&kind=places sends');
    t.match(csv.stdout, /^id,/, 'a header row first');
    t.equal(csv.stdout.trimEnd().split('\n').length, SEED.places.length + 1, 'a row a place');
    for (const refused of [noKind, twoKinds]) {
      t.equal(refused.code, 2, 'without exactly one kind: exit 2');
      t.match(refused.stderr, /--format csv holds one kind of record: name it with --kind/);
      t.equal(refused.stdout, '');
    }

    writeFileSync(join(dir, 'places.csv'), csv.stdout);
    const again = await cli('import', [join(dir, 'places.csv')], seeded);
    t.equal(again.code, 0, 'imports back into the database it came from');
    t.match(again.stdout, totalLine(0, SEED.places.length), 'every place unchanged');
  },
);
