/**
 * Imports into PostgreSQL (src/bundle/postgres/import.ts), into an empty database: the bench's
 * 10,000 generated events (64k records, bench/generate.ts) imported into SQLite by its import and
 * into PostgreSQL by its own give the same report, the same rows in every written table, and
 * exports byte for byte the same in JSON, NDJSON and CSV. A rejected import writes nothing and
 * reports as SQLite's does; `npm run import` with DATABASE_URL imports a file, and again into the
 * database that now holds it.
 * (Imports into a database that holds records: import-loaded.test.ts.)
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { generate } from '../../bench/generate.js';
import { type ExportOptions, exportChunks } from '../../src/bundle/export.js';
import { exportChunksPostgres } from '../../src/bundle/postgres/export.js';
import { importIntoPostgres } from '../../src/bundle/postgres/import.js';
import { isEmptyPostgres } from '../../src/bundle/postgres/seed.js';
import { type ImportInput, runImport } from '../../src/bundle/run.js';
import { migratePostgres } from '../../src/db/postgres.js';
import { PROJECT_ROOT } from '../../src/paths.js';
import { openTestDb, tempDir } from '../helper.js';
import { rowsOfBoth } from './same-rows.js';
import { startPostgresPool } from './server.js';

const ndjsonInput = (path: string): ImportInput => ({
  format: 'ndjson',
  stream: createReadStream(path) as AsyncIterable<Buffer>,
});
const RUN = { mode: 'all', dryRun: false, keyName: 'local' } as const;

// 10,000 events imported into both backends and compared row by row: about 120 s on a 2-core
// machine busy with other work (157 s at load 9-11), past tap's 120 s default.
t.setTimeout(400_000);
/** The parts of an import's line that say what it did (not when, nor its random id). */
const outcome = ({ format, mode, dry_run, status, report }: Record<string, unknown>) => ({
  format,
  mode,
  dry_run,
  status,
  report,
});

t.test('10,000 generated events: the same import and byte-identical exports', async (t) => {
  const { ndjson } = await generate(10_000, tempDir(t));
  const { pool } = await startPostgresPool(t);
  await migratePostgres(pool);
  const sqlite = openTestDb(t);

  let started = performance.now();
  const expected = await runImport(sqlite, ndjsonInput(ndjson), RUN);
  const sqliteMs = performance.now() - started;
  started = performance.now();
  const imported = await importIntoPostgres(pool, ndjsonInput(ndjson), RUN);
  const postgresMs = performance.now() - started;
  t.comment(`import: SQLite ${sqliteMs.toFixed(0)} ms, PostgreSQL ${postgresMs.toFixed(0)} ms`);
  t.equal(imported.status, 'imported', 'imported');
  t.ok(imported.report.totals.created > 60_000, `${imported.report.totals.created} created`);
  t.same(outcome(imported), outcome(expected), "SQLite's report");
  const logged = await pool.query('select id, status from imports');
  t.same(logged.rows, [{ id: imported.id, status: 'imported' }], 'one line in the import log');

  for (const [table, rows] of await rowsOfBoth(sqlite, pool)) {
    t.same(rows.postgres, rows.sqlite, `${table}: the same ${rows.sqlite.length} rows`);
  }

  const sqliteText = (options: ExportOptions) => [...exportChunks(sqlite, options)].join('');
  const postgresText = async (options: ExportOptions) => {
    let text = '';
    for await (const chunk of exportChunksPostgres(pool, options)) text += chunk;
    return text;
  };
  const cases: ExportOptions[] = [
    { format: 'ndjson' },
    { format: 'json' },
    { format: 'csv', kinds: ['events'] },
    { format: 'csv', kinds: ['delegations'] },
    { format: 'ndjson', from: '1990', to: '1995-06' },
  ];
  for (const options of cases) {
    const want = sqliteText(options);
    started = performance.now();
    const got = await postgresText(options);
    const ms = performance.now() - started;
    t.ok(want.length > 10_000, `${JSON.stringify(options)}: ${want.length} characters`);
    t.ok(got === want, `${JSON.stringify(options)}: byte-identical (${ms.toFixed(0)} ms)`);
  }
});

t.test('a rejected import writes nothing and reports as SQLite does', async (t) => {
  const { pool } = await startPostgresPool(t);
  await migratePostgres(pool);
  const sqlite = openTestDb(t);
  const file = join(tempDir(t), 'bad.ndjson');
  const lines = [
    { kind: 'places', record: { id: 'p', name: 'P', type: 'city', citations: [] } },
    {
      kind: 'events',
      record: { id: 'e', type: 'war', title: 'E', start: '1950', place: 'nowhere', citations: [] },
    },
    {
      kind: 'events',
      record: { id: 'f', type: 'war', title: 'F', start: 'yesterday', citations: [] },
    },
    'not json',
  ];
  writeFileSync(
    file,
    lines.map((line) => (typeof line === 'string' ? line : JSON.stringify(line))).join('\n'),
  );
  const expected = await runImport(sqlite, ndjsonInput(file), RUN);
  const got = await importIntoPostgres(pool, ndjsonInput(file), RUN);
  t.equal(got.status, 'rejected', 'rejected');
  t.ok(got.report.rejections.length >= 3, `${got.report.rejections.length} rejections`);
  t.same(outcome(got), outcome(expected), "SQLite's report: kind, id, line, pointer, reason");
  t.ok(await isEmptyPostgres(pool), 'nothing written');
  const logged = await pool.query('select status from imports');
  t.same(logged.rows, [{ status: 'rejected' }], 'the rejection logged, as on SQLite');

  const partial = await importIntoPostgres(pool, ndjsonInput(file), { ...RUN, mode: 'partial' });
  const partialOnSqlite = await runImport(openTestDb(t), ndjsonInput(file), {
    ...RUN,
    mode: 'partial',
  });
  t.same(outcome(partial), outcome(partialOnSqlite), 'partial: the valid records, as on SQLite');
  const { rows } = await pool.query('select id from places');
  t.same(rows, [{ id: 'p' }], 'partial: the valid place written');
});

t.test('npm run import with DATABASE_URL imports into the server', async (t) => {
  const { pool } = await startPostgresPool(t);
  const file = join(tempDir(t), 'places.ndjson');
  writeFileSync(
    file,
    `${JSON.stringify({ kind: 'places', record: { id: 'p', name: 'P', type: 'city', citations: [] } })}\n`,
  );
  const importFile = () =>
    spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/import.ts', file], {
      cwd: PROJECT_ROOT,
      env: { PATH: process.env.PATH, DATABASE_URL: pool.options.connectionString as string },
      encoding: 'utf8',
      timeout: 60_000,
    });
  const run = importFile();
  t.equal(run.status, 0, 'exit 0', { stderr: run.stderr });
  const { rows } = await pool.query('select id, name from places');
  t.same(rows, [{ id: 'p', name: 'P' }], 'the place is there');
  const again = importFile();
  t.equal(again.status, 0, 'again, into the database that holds it: exit 0', {
    stderr: again.stderr,
  });
  const { rows: logged } = await pool.query('select report from imports order by started_at');
  const totals = logged.map(
    ({ report }) => (typeof report === 'string' ? JSON.parse(report) : report).totals,
  );
  t.match(totals, [{ created: 1 }, { created: 0, unchanged: 1 }], 'created, then unchanged');
});

t.test(
  "excerpts are located in code points, as on SQLite, whatever the text's script",
  async (t) => {
    const { pool } = await startPostgresPool(t);
    await migratePostgres(pool);
    const sqlite = openTestDb(t);
    const text = '𝔄 𝔅 ünïcödé — 😀 Пхеньян 抗美援朝 then the excerpt, and 😀 again';
    const cite = (excerpt: string) => ({ source: 's', excerpt });
    const lines = [
      { kind: 'sources', record: { id: 's', title: 'S', text, citations: [] } },
      {
        kind: 'places',
        record: {
          id: 'p',
          name: 'P',
          type: 'city',
          citations: [cite('the excerpt'), cite('😀'), cite('Пхеньян 抗美援朝'), cite('𝔄')],
        },
      },
    ];
    const file = join(tempDir(t), 'scripts.ndjson');
    writeFileSync(file, lines.map((line) => JSON.stringify(line)).join('\n'));
    await runImport(sqlite, ndjsonInput(file), RUN);
    const imported = await importIntoPostgres(pool, ndjsonInput(file), RUN);
    t.equal(imported.status, 'imported', 'imported');
    const offsets = 'select excerpt, start_offset, end_offset from citations order by ordinal';
    const expected = sqlite.$client.prepare(offsets).all();
    t.same((await pool.query(offsets)).rows, expected, "SQLite's offsets");
    // Where each excerpt starts, counted in code points (a UTF-16 index counts 𝔄 as two).
    const codePoints = (excerpt: string) => [...text.slice(0, text.indexOf(excerpt))].length;
    t.same(
      expected.map((row) => (row as { start_offset: number }).start_offset),
      ['the excerpt', '😀', 'Пхеньян 抗美援朝', '𝔄'].map(codePoints),
      'in code points from 0',
    );
  },
);
