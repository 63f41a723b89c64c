/**
 * The export from PostgreSQL is SQLite's, byte for byte, for the same data: the seed loaded into
 * both (each by its own write path) exported as JSON, NDJSON and CSV (every kind), by kinds and
 * by periods, in one slice or in many; and `npm run export` with DATABASE_URL writes the same
 * file as with DATABASE_PATH.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { type ExportOptions, exportChunks } from '../../src/bundle/export.js';
import { exportChunksPostgres } from '../../src/bundle/postgres/export.js';
import { KIND_NAMES } from '../../src/kinds/index.js';
import { PROJECT_ROOT } from '../../src/paths.js';
import { tempDir } from '../helper.js';
import { seededBackends } from './seeded.js';

const { pool, sqlite } = await seededBackends(t);

async function postgresText(options: ExportOptions, records = 100): Promise<string> {
  let text = '';
  const budget = { bytes: 256 * 1024, ms: 25, records };
  for await (const chunk of exportChunksPostgres(pool, options, budget)) text += chunk;
  return text;
}
const sqliteText = (options: ExportOptions, records = 100) =>
  [...exportChunks(sqlite, options, { bytes: 256 * 1024, ms: 25, records })].join('');

t.test('the whole seed exports the same bytes in every bundle format', async (t) => {
  for (const format of ['json', 'ndjson'] as const) {
    const expected = sqliteText({ format });
    t.ok(expected.length > 30_000, `${format}: ${expected.length} characters on SQLite`);
    t.equal(await postgresText({ format }), expected, `${format}: the same bytes`);
    // Batches of 3 records: many slices, each a transaction of its own, joined the same.
    t.equal(await postgresText({ format }, 3), expected, `${format}: the same in many slices`);
  }
});

t.test('every kind exports the same CSV', async (t) => {
  for (const kind of KIND_NAMES) {
    const expected = sqliteText({ format: 'csv', kinds: [kind] });
    t.equal(
      await postgresText({ format: 'csv', kinds: [kind] }),
      expected,
      `${kind}: the same CSV`,
    );
  }
});

t.test('kinds and periods select the same records', async (t) => {
  const cases: ExportOptions[] = [
    { format: 'json', kinds: ['events', 'participations'] },
    { format: 'ndjson', from: '2023-07' },
    { format: 'ndjson', to: '1953' },
    {
      format: 'json',
      from: '1950',
      to: '1953-07-27',
      kinds: ['events', 'delegations', 'statements'],
    },
    { format: 'ndjson', from: '2023-07-25~', to: '2023-07-26' },
  ];
  for (const options of cases) {
    const expected = sqliteText(options);
    const lines = expected.split('\n').length;
    t.equal(
      await postgresText(options),
      expected,
      `${JSON.stringify(options)}: ${lines} lines alike`,
    );
  }
  const all = sqliteText({ format: 'ndjson' }).split('\n').length;
  const period = sqliteText({ format: 'ndjson', from: '2023-07' }).split('\n').length;
  t.ok(period < all, `a period keeps fewer records (${period} of ${all} lines)`);
});

t.test('npm run export with DATABASE_URL writes what it writes with DATABASE_PATH', async (t) => {
  const dir = tempDir(t);
  const exportTo = (env: Record<string, string>, out: string) =>
    spawnSync(
      process.execPath,
      ['--import', 'tsx', 'src/cli/export.ts', '--format', 'ndjson', '--out', out],
      {
        cwd: PROJECT_ROOT,
        env: { PATH: process.env.PATH, ...env },
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
  const url = pool.options.connectionString as string;
  const fromPostgres = exportTo({ DATABASE_URL: url }, join(dir, 'postgres.ndjson'));
  t.equal(fromPostgres.status, 0, 'exit 0 from PostgreSQL', { stderr: fromPostgres.stderr });
  const file = join(dir, 'sqlite.db');
  sqlite.$client.exec(`vacuum into '${file.replaceAll("'", "''")}'`);
  const fromSqlite = exportTo({ DATABASE_PATH: file }, join(dir, 'sqlite.ndjson'));
  t.equal(fromSqlite.status, 0, 'exit 0 from SQLite', { stderr: fromSqlite.stderr });
  const written = readFileSync(join(dir, 'postgres.ndjson'), 'utf8');
  t.ok(written.split('\n').length > 70, 'every record is in it');
  t.equal(written, readFileSync(join(dir, 'sqlite.ndjson'), 'utf8'), 'the same file');
});
