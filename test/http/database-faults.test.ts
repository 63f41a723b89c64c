/**
 * A database that cannot take writes (a full disk, a read-only file, a lock held too long) gives
 * a 503 problem with Retry-After on writes, never a 500, and reads keep working. The faults are
 * made on the app's own connection: `max_page_count` just above the file's size stands for a full
 * disk, `query_only` for a read-only file (the tests run as root, so chmod cannot make a file
 * read-only). Imports run in a worker thread on a connection of their own, which those pragmas do
 * not reach: a second connection holding the write lock past the busy timeout makes the import
 * fail there, and its SQLite code comes back to the same 503.
 */
import Sqlite from 'better-sqlite3';
import { DrizzleQueryError } from 'drizzle-orm';
import t, { type Test } from 'tap';
import type { App } from '../../src/app.js';
import { toProblem } from '../../src/http/errors.js';
import { assertProblem } from '../expect.js';
import { buildTestApp, sqliteOnly } from '../helper.js';

const SQLITE_ONLY = sqliteOnly('SQLite faults made by PRAGMAs (full disk, read-only, busy)');

const KEY = { name: 'faults', secret: 'sk-annals-test-faults-0123' };
const AUTH = { authorization: `Bearer ${KEY.secret}` };
const ARTICLE = '/v1/sources/article-2023-07-27';

const source = (id: string, text = '') => ({
  id,
  title: `Source ${id}`,
  text,
  citations: [],
});

async function write(
  app: App,
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  body?: unknown,
) {
  if (body === undefined) return app.inject({ method, url, headers: AUTH });
  return app.inject({
    method,
    url,
    headers: { ...AUTH, 'content-type': 'application/json' },
    payload: JSON.stringify(body),
  });
}

const count = (app: App) =>
  (app.db.$client.prepare('select count(*) as n from sources').get() as { n: number }).n;

function assertUnavailable(t: Test, res: Parameters<typeof assertProblem>[1], label: string) {
  const body = assertProblem(t, res, 503, label);
  t.equal(body.type, '/problems/unavailable', `${label}: an unavailable problem`);
  t.ok(Number(res.headers['retry-after']) > 0, `${label}: with Retry-After`);
  t.notMatch(JSON.stringify(body), /SQLITE|sqlite|insert|update/, `${label}: no SQL leaked`);
  return body;
}

t.test('a full disk: writes are 503, reads are 200', SQLITE_ONLY, async (t) => {
  const app = await buildTestApp(t, { apiKeys: [KEY] });
  const sqlite = app.db.$client;
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  const pages = sqlite.pragma('page_count', { simple: true }) as number;
  sqlite.pragma(`max_page_count = ${pages + 2}`);
  const before = count(app);

  const created = await write(app, 'POST', '/v1/sources', source('big', 'x'.repeat(200_000)));
  const body = assertUnavailable(t, created, 'POST /v1/sources when the disk is full');
  t.match(body.detail, /full/, 'the detail says the database is full');

  // The article's own text, longer: a text that lost what is cited from it would be a 422.
  const text = sqlite.prepare("select text from sources where id = 'article-2023-07-27'").pluck();
  const replaced = await write(app, 'PUT', ARTICLE, {
    ...source('article-2023-07-27', `${text.get()}${'z'.repeat(300_000)}`),
    title: 'Bigger',
  });
  assertUnavailable(t, replaced, 'PUT of a larger record when the disk is full');

  t.equal((await app.inject({ method: 'GET', url: ARTICLE })).statusCode, 200, 'GET still 200');
  t.equal(
    (await app.inject({ method: 'GET', url: '/v1/search?q=wreath' })).statusCode,
    200,
    'search too',
  );
  t.equal((await app.inject({ method: 'GET', url: '/health' })).statusCode, 200, 'and /health');
  t.equal(count(app), before, 'nothing was written');
  t.same(sqlite.pragma('integrity_check', { simple: true }), 'ok', 'the database is whole');

  sqlite.pragma('max_page_count = 1073741823');
  const after = await write(app, 'POST', '/v1/sources', source('big', 'x'.repeat(200_000)));
  t.equal(after.statusCode, 201, 'once there is space, the same write succeeds');
});

t.test('a read-only database: writes are 503, reads are 200', SQLITE_ONLY, async (t) => {
  const app = await buildTestApp(t, { apiKeys: [KEY] });
  app.db.$client.pragma('query_only = ON');
  const before = count(app);

  const cases: [method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown][] = [
    ['POST', '/v1/sources', source('new-source')],
    ['PUT', '/v1/sources/new-source', source('new-source')],
    ['PATCH', ARTICLE, { title: 'Changed' }],
    ['DELETE', '/v1/people/kim-jong-un?cascade=true'],
  ];
  for (const [method, url, body] of cases) {
    const res = await write(app, method, url, body);
    const problem = assertUnavailable(t, res, `${method} ${url} when read-only`);
    t.match(problem.detail, /read-only/, `${method}: the detail says read-only`);
  }
  t.equal((await app.inject({ method: 'GET', url: ARTICLE })).statusCode, 200, 'GET still 200');
  t.equal(
    (await app.inject({ method: 'GET', url: '/v1/people?limit=5' })).statusCode,
    200,
    'lists too',
  );
  t.equal(count(app), before, 'nothing was written');
});

t.test(
  'a write lock held past the busy timeout: writes and imports 503, reads 200',
  SQLITE_ONLY,
  async (t) => {
    const app = await buildTestApp(t, { apiKeys: [KEY] });
    const before = count(app);
    app.db.$client.pragma('busy_timeout = 100');
    const other = new Sqlite(app.db.$client.name);
    t.teardown(() => other.close());
    other.exec('begin immediate');
    try {
      const res = await write(app, 'POST', '/v1/sources', source('while-locked'));
      const body = assertUnavailable(
        t,
        res,
        'POST /v1/sources while another writer holds the lock',
      );
      t.match(body.detail, /busy/);
      t.equal(res.headers['retry-after'], '5', 'a short Retry-After');
      t.equal((await app.inject({ method: 'GET', url: ARTICLE })).statusCode, 200, 'reads go on');

      // The import worker's connection waits its own busy timeout (5 s) before it gives up.
      const imported = await app.inject({
        method: 'POST',
        url: '/v1/imports',
        headers: { ...AUTH, 'content-type': 'application/x-ndjson' },
        payload: Array.from(
          { length: 200 },
          (_, i) =>
            `${JSON.stringify({ kind: 'sources', record: source(`bulk-${i}`, 'y'.repeat(2000)) })}\n`,
        ).join(''),
      });
      assertUnavailable(t, imported, 'POST /v1/imports while another writer holds the lock');
    } finally {
      other.exec('rollback');
    }
    t.equal(count(app), before, 'nothing was written');
  },
);

t.test(
  'SQLite faults map to 503, wrapped or not; other errors stay 500',
  SQLITE_ONLY,
  async (t) => {
    const sqliteError = (code: string) => Object.assign(new Error('disk I/O error'), { code });
    for (const code of [
      'SQLITE_FULL',
      'SQLITE_READONLY',
      'SQLITE_READONLY_DBMOVED',
      'SQLITE_IOERR',
      'SQLITE_IOERR_WRITE',
      'SQLITE_BUSY',
      'SQLITE_BUSY_SNAPSHOT',
      'SQLITE_CANTOPEN',
    ]) {
      t.equal(toProblem(sqliteError(code)).status, 503, `${code} is 503`);
      const wrapped = new DrizzleQueryError('insert into x values (?)', [1], sqliteError(code));
      t.equal(toProblem(wrapped).status, 503, `${code} inside Drizzle's error is 503`);
    }
    for (const code of ['SQLITE_CORRUPT', 'SQLITE_ERROR', 'SQLITE_CONSTRAINT_UNIQUE']) {
      t.equal(toProblem(sqliteError(code)).status, 500, `${code} is 500`);
    }
    t.equal(toProblem(new TypeError('The database connection is not open')).status, 500);
  },
);
