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
