/**
 * The seed loaded into PostgreSQL by its own write path (src/bundle/postgres/) stores what
 * SQLite's import stores: every row of every written table, the excerpts' offsets, the search
 * documents and the participations' copy of their event's start the triggers derive, and the
 * import log's line under the same id. `npm run seed` with DATABASE_URL does it from the
 * command line.
 */
import { spawnSync } from 'node:child_process';
import pg from 'pg';
import t from 'tap';
import { isEmptyPostgres, loadSeedPostgres } from '../../src/bundle/postgres/seed.js';
import { loadSeed } from '../../src/bundle/seed.js';
import { migratePostgres } from '../../src/db/postgres.js';
import { PROJECT_ROOT } from '../../src/paths.js';
import { openTestDb } from '../helper.js';
import { rowsOfBoth } from './same-rows.js';
import { startPostgres, startPostgresPool } from './server.js';

t.test('the seed on PostgreSQL stores the rows SQLite stores', async (t) => {
  const { pool } = await startPostgresPool(t);
  await migratePostgres(pool);
  t.ok(await isEmptyPostgres(pool), 'empty before');
  const sqlite = openTestDb(t);
  const expected = loadSeed(sqlite);
  const report = await loadSeedPostgres(pool);
  t.same(report, expected, 'the same report (counts per kind)');
  t.notOk(await isEmptyPostgres(pool), 'not empty after');
  let total = 0;
  for (const [table, rows] of await rowsOfBoth(sqlite, pool)) {
    total += rows.sqlite.length;
    t.same(rows.postgres, rows.sqlite, `${table}: the same ${rows.sqlite.length} rows`);
  }
  t.ok(total > 200, `${total} rows in all`);
  const offsets = await pool.query(
    'select count(*)::int as n from citations where start_offset is not null',
  );
  t.ok(offsets.rows[0].n > 10, `${offsets.rows[0].n} excerpts located in their source's text`);
  const log = await pool.query('select id, key_name, status from imports');
  const logged = sqlite.$client.prepare('select id, key_name, status from imports').all();
  t.same(log.rows, logged, "the import log's line, under the seed's id");

  const again = await loadSeedPostgres(pool);
  t.same(again, loadSeed(sqlite), 'loaded again: the same report as SQLite gives');
  t.equal(again.totals.created + again.totals.updated, 0, 'loaded again: nothing written');
  t.ok(again.totals.unchanged > 50, `loaded again: ${again.totals.unchanged} unchanged`);
  const lines = await pool.query('select count(*)::int as n from imports');
  t.equal(lines.rows[0].n, 1, 'loaded again: no second line in the import log');
  for (const [table, rows] of await rowsOfBoth(sqlite, pool)) {
    t.same(rows.postgres, rows.sqlite, `loaded again: ${table} unchanged`);
  }

  // A record changed since: the seed writes it back, and only it.
  await pool.query(`update events set title = 'Changed' where id = 'korean-war'`);
  await pool.query(`delete from event_names where event_id = 'korean-war'`);
  const restored = await loadSeedPostgres(pool);
  t.same(
    [restored.counts.events.updated, restored.totals.updated, restored.totals.created],
    [1, 1, 0],
    'the changed event updated, nothing else',
  );
  const { rows: docs } = await pool.query(
    `select name from search_docs where kind = 'event' and entity_id = 'korean-war'`,
  );
  const expectedDocs = sqlite.$client
    .prepare(`select name from search_docs where kind = 'event' and entity_id = 'korean-war'`)
    .all();
  t.same(docs, expectedDocs, 'its search document made again, names and all');
});

t.test('a failed seed leaves nothing behind (one transaction)', async (t) => {
  const { pool } = await startPostgresPool(t);
  await migratePostgres(pool);
  // A record the database refuses halfway through: its check fails after others were written.
  await pool.query(`alter table figures add constraint no_figures check (false) not valid`);
  await t.rejects(loadSeedPostgres(pool), 'the seed fails');
  t.ok(await isEmptyPostgres(pool), 'no source was kept');
  const { rows } = await pool.query('select count(*)::int as n from imports');
  t.equal(rows[0].n, 0, 'no line in the import log');
});

t.test('npm run seed with DATABASE_URL migrates and seeds the server', async (t) => {
  const server = await startPostgres();
  t.teardown(() => server.stop());
  const seed = () =>
    spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/seed.ts'], {
      cwd: PROJECT_ROOT,
      env: { PATH: process.env.PATH, DATABASE_URL: server.url },
      encoding: 'utf8',
      timeout: 60_000,
    });
  const run = seed();
  t.equal(run.status, 0, 'exit 0', { stderr: run.stderr });
  t.match(
    run.stdout,
    new RegExp(
      `^seeded postgres://annals:\\*\\*\\*@127\\.0\\.0\\.1:${server.port}/annals: \\d+ created, 0 updated, 0 unchanged\\n$`,
    ),
    'names the server without its password, and the counts',
  );
  const client = new pg.Client({ connectionString: server.url });
  await client.connect();
  t.teardown(() => client.end());
  const { rows } = await client.query('select count(*)::int as n from events');
  t.equal(rows[0].n, 5, "the seed's 5 events");
});
