import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import t from 'tap';
import { ConfigError, loadConfig, redactUrl } from '../src/config.js';
import { PROJECT_ROOT } from '../src/paths.js';

t.test('CORS_ORIGINS', async (t) => {
  t.equal(loadConfig({}).CORS_ORIGINS, '*', 'defaults to any origin');
  t.equal(loadConfig({ CORS_ORIGINS: '*' }).CORS_ORIGINS, '*');
  t.same(
    loadConfig({ CORS_ORIGINS: 'https://annals.example, http://localhost:5173' }).CORS_ORIGINS,
    ['https://annals.example', 'http://localhost:5173'],
    'a comma-separated list, spaces trimmed',
  );
  for (const bad of ['annals.example', 'https://annals.example/path', ',', '']) {
    t.throws(() => loadConfig({ CORS_ORIGINS: bad }), /CORS_ORIGINS/, `rejects '${bad}'`);
  }
});

t.test('rate limits, load shedding and shutdown', async (t) => {
  const defaults = loadConfig({});
  t.equal(defaults.RATE_LIMIT_READS, 600, 'reads: 600 a minute');
  t.equal(defaults.RATE_LIMIT_WRITES, 60, 'writes: 60 a minute');
  t.equal(defaults.RATE_LIMIT_NOT_FOUND, 60, '404s: 60 a minute');
  t.equal(defaults.MAX_EVENT_LOOP_DELAY_MS, 1000);
  t.equal(defaults.SHUTDOWN_TIMEOUT_MS, 10_000);
  t.equal(defaults.READ_WORKERS, availableParallelism(), 'one read worker a core');
  t.equal(loadConfig({ READ_WORKERS: '0' }).READ_WORKERS, 0, '0 reads on the main thread');
  t.equal(defaults.READ_MMAP_MB, 0, 'read workers map none of the file unless asked');
  t.equal(loadConfig({ READ_MMAP_MB: '256' }).READ_MMAP_MB, 256);
  t.throws(() => loadConfig({ READ_MMAP_MB: '-1' }), /READ_MMAP_MB/);
  t.equal(loadConfig({ RATE_LIMIT_READS: '0' }).RATE_LIMIT_READS, 0, '0 turns a limit off');
  t.equal(loadConfig({ RATE_LIMIT_WRITES: '5' }).RATE_LIMIT_WRITES, 5);
  for (const bad of ['-1', '1.5', 'many']) {
    t.throws(() => loadConfig({ RATE_LIMIT_READS: bad }), /RATE_LIMIT_READS/, `rejects '${bad}'`);
  }
  t.throws(() => loadConfig({ SHUTDOWN_TIMEOUT_MS: 'soon' }), /SHUTDOWN_TIMEOUT_MS/);
});

t.test('TRUST_PROXY', async (t) => {
  t.equal(loadConfig({}).TRUST_PROXY, false, 'trusts no proxy by default');
  t.equal(loadConfig({ TRUST_PROXY: 'false' }).TRUST_PROXY, false);
  t.equal(loadConfig({ TRUST_PROXY: 'true' }).TRUST_PROXY, true);
  t.same(loadConfig({ TRUST_PROXY: '127.0.0.1, 10.0.0.0/8' }).TRUST_PROXY, [
    '127.0.0.1',
    '10.0.0.0/8',
  ]);
});

t.test('PLUGINS_OFF (for the bench)', async (t) => {
  t.same(loadConfig({}).PLUGINS_OFF, [], 'every plugin on by default');
  t.same(loadConfig({ PLUGINS_OFF: 'security, cors' }).PLUGINS_OFF, ['security', 'cors']);
  t.throws(() => loadConfig({ PLUGINS_OFF: 'auth' }), /PLUGINS_OFF/, 'only the optional ones');
});

t.test('API_KEYS', async (t) => {
  const secret = 'sk-annals-config-1234';
  t.same(loadConfig({}).API_KEYS, [], 'none: read-only');
  t.same(loadConfig({ API_KEYS: `importer:${secret}, archivist:${secret}x` }).API_KEYS, [
    { name: 'importer', secret },
    { name: 'archivist', secret: `${secret}x` },
  ]);
  t.same(
    loadConfig({ API_KEYS: `${secret},${secret}y` }).API_KEYS,
    [
      { name: 'key1', secret },
      { name: 'key2', secret: `${secret}y` },
    ],
    'bare secrets are named key1, key2 by their place',
  );
  t.same(
    loadConfig({ API_KEYS: `${secret}, writer:${secret}z` }).API_KEYS,
    [
      { name: 'key1', secret },
      { name: 'writer', secret: `${secret}z` },
    ],
    'bare and named mixed',
  );
  const refused: [string, RegExp][] = [
    [`a:${secret};b:${secret}`, /API_KEYS: key 1: holds ';': separate keys with ','/],
    [`${secret} ${secret}`, /API_KEYS: key 1: holds a space/],
    [`importer:${secret},short`, /API_KEYS: key 2: the secret of 'key2' is 5 characters/],
    [`bad name:${secret}`, /holds a space/],
    [`b@d:${secret}`, /the name before ':' is letters/],
    [`same:${secret},same:${secret}x`, /key 2: the name 'same' is given twice/],
  ];
  for (const [value, reason] of refused) {
    t.throws(() => loadConfig({ API_KEYS: value }), reason, `refuses '${value}'`);
  }
});

t.test('a configuration error is one line, without the secret', async (t) => {
  const secret = 'sk-annals-config-hidden';
  try {
    loadConfig({ API_KEYS: `a:${secret};b:${secret}`, PORT: 'eighty' });
    t.fail('expected a ConfigError');
  } catch (error) {
    t.ok(error instanceof ConfigError);
    const message = (error as Error).message;
    t.notMatch(message, /\n/, 'one line');
    t.match(message, /^Invalid configuration: /);
    t.match(message, /PORT: /, 'each variable named');
    t.match(message, /API_KEYS: /);
    t.notMatch(message, secret, 'the secret is not shown');
  }
});

t.test('the server refuses a bad configuration with that line and exit status 78', async (t) => {
  const started = spawnSync(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: PROJECT_ROOT,
    env: { PATH: process.env.PATH, API_KEYS: 'a:sk-annals-config-1234;b:sk-annals-config-5678' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  t.equal(started.status, 78, 'EX_CONFIG');
  t.equal(
    started.stderr,
    "Invalid configuration: API_KEYS: key 1: holds ';': separate keys with ',' (API_KEYS=name:secret,other:secret or API_KEYS=secret1,secret2)\n",
    'one line on stderr, no stack trace',
  );
  t.equal(started.stdout, '', 'nothing on stdout');
});

t.test('DATABASE_URL selects PostgreSQL; without it SQLite stays the default', async (t) => {
  const sqlite = loadConfig({});
  t.equal(sqlite.backend, 'sqlite');
  t.equal(sqlite.DATABASE_PATH, './data/annals.db');
  t.equal(sqlite.DATABASE_URL, undefined);
  t.equal(loadConfig({ DATABASE_URL: '' }).backend, 'sqlite', 'empty counts as unset');
  for (const url of ['postgres://annals@db.example:5432/annals', 'postgresql://db/annals']) {
    const config = loadConfig({ DATABASE_URL: url });
    t.equal(config.backend, 'postgres', `${url} is PostgreSQL`);
    t.equal(config.DATABASE_URL, url, 'and the URL is kept');
  }
  for (const bad of ['mysql://db/annals', 'db.example:5432/annals', 'postgres']) {
    t.throws(
      () => loadConfig({ DATABASE_URL: bad }),
      /^Invalid configuration: DATABASE_URL: expected a postgres:\/\/ or postgresql:\/\/ URL/,
      `refuses '${bad}'`,
    );
  }
});

t.test('DATABASE_POOL_MAX and DATABASE_READ_URLS', async (t) => {
  const primary = 'postgres://annals@primary/annals';
  t.equal(loadConfig({}).DATABASE_POOL_MAX, 10, 'ten connections by default');
  t.equal(loadConfig({ DATABASE_POOL_MAX: '32' }).DATABASE_POOL_MAX, 32);
  for (const bad of ['0', '-1', '2.5', 'many']) {
    t.throws(() => loadConfig({ DATABASE_POOL_MAX: bad }), /DATABASE_POOL_MAX: /, `'${bad}'`);
  }
  t.same(loadConfig({ DATABASE_URL: primary }).DATABASE_READ_URLS, [], 'no replicas');
  t.same(
    loadConfig({
      DATABASE_URL: primary,
      DATABASE_READ_URLS: 'postgres://annals@replica1/annals, postgresql://annals@replica2/annals',
    }).DATABASE_READ_URLS,
    ['postgres://annals@replica1/annals', 'postgresql://annals@replica2/annals'],
    'comma-separated, spaces trimmed',
  );
  t.throws(
    () => loadConfig({ DATABASE_READ_URLS: 'postgres://annals@replica1/annals' }),
    /^Invalid configuration: DATABASE_READ_URLS: replicas are for PostgreSQL: set DATABASE_URL/,
    'refused without DATABASE_URL',
  );
  t.throws(
    () =>
      loadConfig({
        DATABASE_URL: primary,
        DATABASE_READ_URLS: 'postgres://annals@replica1/annals,replica2:5432',
      }),
    /DATABASE_READ_URLS: URL 2: expected a postgres:\/\/ or postgresql:\/\/ URL/,
    'each must be a PostgreSQL URL',
  );
});

t.test('a password in a database URL is never in a message', async (t) => {
  const password = 'pw-annals-hidden-42';
  const messages: string[] = [];
  for (const env of [
    { DATABASE_URL: `mysql://annals:${password}@db/annals` },
    {
      DATABASE_URL: `postgres://annals:${password}@db/annals`,
      DATABASE_READ_URLS: `x:${password}`,
    },
    { DATABASE_READ_URLS: `postgres://annals:${password}@replica/annals` },
  ]) {
    try {
      loadConfig(env);
      t.fail('expected a ConfigError');
    } catch (error) {
      t.ok(error instanceof ConfigError);
      messages.push((error as Error).message);
    }
  }
  t.equal(messages.length, 3);
  for (const message of messages) {
    t.notMatch(message, password, `not in: ${message}`);
    t.notMatch(message, /\n/, 'one line');
  }
  t.equal(
    redactUrl(`postgres://annals:${password}@db:5432/annals`),
    'postgres://annals:***@db:5432/annals',
    'a URL printed has its password replaced',
  );
  t.equal(redactUrl('postgres://annals@db/annals'), 'postgres://annals@db/annals', 'none to hide');
});

t.test(
  'the server started on an unreachable PostgreSQL says so in one line, without the password, and exits 1',
  async (t) => {
    const password = 'pw-annals-server-42';
    const started = spawnSync(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      cwd: PROJECT_ROOT,
      env: { PATH: process.env.PATH, DATABASE_URL: `postgres://annals:${password}@127.0.0.1:1/x` },
      encoding: 'utf8',
      timeout: 60_000,
    });
    t.equal(started.status, 1, 'exit status 1');
    t.match(
      started.stderr,
      /^DATABASE_URL: PostgreSQL at postgres:\/\/annals:\*\*\*@127\.0\.0\.1:1\/x could not be migrated or seeded: .*ECONNREFUSED.*\n$/,
      'one line on stderr naming the server, no stack trace',
    );
    t.notMatch(started.stderr, password, 'no password');
    t.equal(started.stdout, '', 'nothing on stdout');
  },
);
