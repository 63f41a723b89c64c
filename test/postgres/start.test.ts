/**
 * `DATABASE_URL=postgres://... npm start` on an empty PostgreSQL database: the server (a child
 * process, as `npm start` runs it) migrates it, seeds it, listens and serves from it, with no
 * SQLite file anywhere; it closes cleanly on SIGTERM, and a second start finds the seed there.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import t from 'tap';
import { parse } from 'yaml';
import { OPENAPI_PATH } from '../../src/paths.js';
import { tempDir } from '../helper.js';
import { get, startServer } from '../ops/server-process.js';
import { buildPostgresApp } from './app.js';
import { startPostgres } from './server.js';

const server = await startPostgres();
t.teardown(() => server.stop());

t.test('npm start with DATABASE_URL seeds an empty database and serves it', async (t) => {
  const sqlitePath = join(tempDir(t), 'never.db');
  const started = await startServer(t, sqlitePath, {
    env: { DATABASE_URL: server.url, DATABASE_POOL_MAX: '3' },
    readyPath: '/health',
    timeoutMs: 60_000,
  });
  const health = await get(`${started.url}/health`);
  t.equal(health.status, 200, '/health answers');
  const search = await get(`${started.url}/v1/search?q=pyongyang`);
  t.equal(search.status, 200, 'search answers');
  t.match(search.body, /"id":"pyongyang"/, 'from the seed');
  const exported = await get(`${started.url}/v1/export?format=ndjson&kind=places`);
  t.equal(exported.status, 200, 'the export answers');
  t.ok(exported.body.split('\n').filter(Boolean).length > 5, 'with the seeded places');
  const claims = await get(`${started.url}/v1/sources/article-2023-07-27/claims`);
  t.equal(claims.status, 200, "a source's claims answer");
  t.notOk(existsSync(sqlitePath), 'no SQLite file was made');
  // The server's document, its modules loaded as a server loads them, is the committed one: the
  // PostgreSQL runs' modules do not move its schemas (app.ts imports them last).
  const document = await get(`${started.url}/openapi.json`);
  const committed = parse(readFileSync(OPENAPI_PATH, 'utf8')) as unknown;
  t.ok(document.body === JSON.stringify(committed), 'the OpenAPI document is openapi.yaml');
  t.same(await started.stop(), { code: 0, signal: null }, 'SIGTERM: closed cleanly');

  const client = new pg.Client({ connectionString: server.url });
  await client.connect();
  t.teardown(() => client.end());
  const { rows } = await client.query<{ n: number }>('select count(*)::int as n from imports');
  t.equal(rows[0]?.n, 1, 'the seed is logged once');

  const again = await startServer(t, sqlitePath, {
    env: { DATABASE_URL: server.url },
    readyPath: '/health',
    timeoutMs: 60_000,
  });
  t.equal((await get(`${again.url}/v1/search?q=pyongyang`)).status, 200, 'a second start serves');
  await again.stop();
  const after = await client.query<{ n: number }>('select count(*)::int as n from imports');
  t.equal(after.rows[0]?.n, 1, 'and did not seed again');
});

t.test('two servers starting at once on an empty database seed it once', async (t) => {
  const url = await server.database('twice');
  const [a, b] = await Promise.all([buildPostgresApp(t, url), buildPostgresApp(t, url)]);
  for (const app of [a, b]) {
    t.equal((await app.inject({ url: '/v1/search?q=pyongyang' })).statusCode, 200, 'serves');
  }
  const { rows } = await a.postgres.primary.query<{ n: number }>(
    'select count(*)::int as n from imports',
  );
  t.equal(rows[0]?.n, 1, 'the seed is logged once');
});
