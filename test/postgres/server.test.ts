/** The harness itself: a real server answers, and each test file gets its own. */
import pg from 'pg';
import t from 'tap';
import { startPostgres } from './server.js';

t.test('a PostgreSQL server starts, answers and stops', async (t) => {
  const server = await startPostgres();
  t.teardown(() => server.stop());
  const client = new pg.Client({ connectionString: server.url });
  await client.connect();
  t.teardown(() => client.end());
  const { rows } = await client.query<{ db: string; major: number }>(
    `select current_database() as db, current_setting('server_version_num')::int / 10000 as major`,
  );
  t.equal(rows[0]?.db, 'annals');
  t.ok((rows[0]?.major ?? 0) >= 15, `server ${rows[0]?.major} is PostgreSQL 15 or later`);
  const extensions = await client.query<{ name: string }>(
    `select name from pg_available_extensions where name = 'unaccent'`,
  );
  t.equal(extensions.rows.length, 1, 'unaccent is available (search ignores accents with it)');
  const other = await server.database('other');
  t.match(other, /\/other$/);
});
