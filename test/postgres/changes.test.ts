/**
 * The render cache on PostgreSQL (src/db/postgres-changes.ts): a repeat is served from the cache,
 * and a change committed by ANOTHER connection (a plain pg client, as `npm run import` or a second
 * server would) is seen by the next read; so it is after the listening connection was lost and
 * opened again. Every table has the trigger that notifies.
 */
import pg from 'pg';
import t from 'tap';
import { buildPostgresApp } from './app.js';
import { startPostgres } from './server.js';

const server = await startPostgres();
t.teardown(() => server.stop());
const app = await buildPostgresApp(t, server.url, { cacheMB: 8 });
const other = new pg.Client({ connectionString: server.url });
await other.connect();
t.teardown(() => other.end());

const URL = '/v1/search?q=pyongyang&limit=5';
const stats = () => {
  const cache = app.reads.cacheStats();
  if (!cache) throw new Error('the render cache is off');
  return cache;
};

/** Asks until the answer holds `text` (a notification takes a moment), at most 3 s. */
async function answerHolding(text: string): Promise<string> {
  const deadline = Date.now() + 3000;
  for (;;) {
    const body = (await app.inject({ url: URL })).body;
    if (body.includes(text) || Date.now() > deadline) return body;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

t.test('every table notifies the change channel', async (t) => {
  const { rows } = await other.query<{ table: string }>(
    `select c.relname as table from pg_class c
     where c.relkind = 'r' and c.relnamespace = 'public'::regnamespace
       and not exists (select 1 from pg_trigger g where g.tgrelid = c.oid
                       and g.tgname = c.relname || '_notify_change')
     order by 1`,
  );
  t.same(rows, [], 'no table without its trigger');
});

t.test('a repeat is served from the cache', async (t) => {
  const first = await app.inject({ url: URL });
  t.equal(first.statusCode, 200);
  const hits = stats().hits;
  const second = await app.inject({ url: URL });
  t.equal(second.body, first.body, 'the same answer');
  t.equal(second.headers.etag, first.headers.etag, 'the same ETag');
  t.equal(stats().hits, hits + 1, 'from the cache');
});

t.test('a change by another connection is seen by the next read', async (t) => {
  await app.inject({ url: URL });
  await app.inject({ url: URL });
  await other.query(`update places set name = 'Pyongyang Zyxwv' where id = 'pyongyang'`);
  const body = await answerHolding('Zyxwv');
  t.match(body, /Pyongyang Zyxwv/, 'the new name, not the cached answer');
  const again = await app.inject({ url: URL });
  t.match(again.body, /Pyongyang Zyxwv/, 'and it is cached in turn');
});

t.test('after the listening connection is lost, changes are seen again', async (t) => {
  const { rows } = await other.query<{ n: number }>(
    `select count(*)::int as n from (select pg_terminate_backend(pid) from pg_stat_activity
     where query = 'listen annals_changes' and pid <> pg_backend_pid()) killed`,
  );
  t.equal(rows[0]?.n, 1, 'the listening connection was ended');
  await other.query(`update places set name = 'Pyongyang Qwvut' where id = 'pyongyang'`);
  t.match(await answerHolding('Qwvut'), /Pyongyang Qwvut/, 'seen while it listens again');
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline) {
    const { rows } = await other.query<{ n: number }>(
      `select count(*)::int as n from pg_stat_activity where query = 'listen annals_changes'`,
    );
    if (rows[0]?.n === 1) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await app.inject({ url: URL });
  const hits = stats().hits;
  await app.inject({ url: URL });
  t.equal(stats().hits, hits + 1, 'listening again: repeats come from the cache again');
  await other.query(`update places set name = 'Pyongyang Plmok' where id = 'pyongyang'`);
  t.match(await answerHolding('Plmok'), /Pyongyang Plmok/, 'and changes are seen');
});
