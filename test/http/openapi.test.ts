import { readFileSync } from 'node:fs';
import t from 'tap';
import { recordExamples, renderOpenApiYaml } from '../../src/openapi.js';
import { OPENAPI_PATH } from '../../src/paths.js';
import { EXAMPLES_PATH } from '../../src/query/examples.js';
import { buildTestApp } from '../helper.js';

t.test(
  'openapi.yaml is what the code generates (run `npm run openapi` after a change)',
  async (t) => {
    const committed = readFileSync(OPENAPI_PATH, 'utf8');
    t.equal(committed, await renderOpenApiYaml());
  },
);

t.test('the examples in the docs are what the API answers on the seed', async (t) => {
  const committed = JSON.parse(readFileSync(EXAMPLES_PATH, 'utf8'));
  t.same(committed, await recordExamples());
});

t.test('the OpenAPI document describes every route with a summary and examples', async (t) => {
  const app = await buildTestApp(t, { seed: false });
  const res = await app.inject({ method: 'GET', url: '/openapi.json' });
  t.equal(res.statusCode, 200);
  const doc = res.json();
  t.equal(doc.openapi, '3.1.0');
  const kinds = [
    'events',
    'people',
    'organizations',
    'places',
    'delegations',
    'statements',
    'figures',
    'sources',
  ];
  for (const kind of kinds) {
    t.ok(doc.paths[`/v1/${kind}`]?.get, `GET /v1/${kind} is documented`);
    t.ok(doc.paths[`/v1/${kind}/{id}`]?.get, `GET /v1/${kind}/{id} is documented`);
  }
  for (const [path, methods] of Object.entries<any>(doc.paths)) {
    for (const [method, op] of Object.entries<any>(methods)) {
      t.ok(op.summary, `${method.toUpperCase()} ${path} has a summary`);
      for (const param of op.parameters ?? []) {
        t.ok(param.schema?.description || param.description, `${path} ${param.name} is described`);
      }
      const ok = ['200', '201', '204'].some((status) => op.responses?.[status]);
      t.ok(ok, `${method.toUpperCase()} ${path} declares its success`);
    }
  }
  for (const [name, schema] of Object.entries<any>(doc.components.schemas)) {
    if (/Summary$|Detail$/.test(name))
      t.ok(schema.example ?? schema.examples, `${name} has an example`);
  }
});

t.test('Swagger UI is served at /docs', async (t) => {
  const app = await buildTestApp(t, { seed: false });
  const res = await app.inject({ method: 'GET', url: '/docs/' });
  t.equal(res.statusCode, 200);
  t.match(res.body, /swagger-ui/i);
});
