import { availableParallelism } from 'node:os';
import t from 'tap';
import { loadConfig } from '../src/config.js';

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
