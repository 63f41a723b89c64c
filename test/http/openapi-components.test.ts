import Fastify from 'fastify';
import {
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import t from 'tap';
import { z } from 'zod';
import swaggerPlugin, { withExamples, withoutUnreferencedSchemas } from '../../src/http/swagger.js';
import { readRecordedExamples } from '../../src/query/examples.js';
import { buildTestApp } from '../helper.js';

const SCHEMA_REF = '#/components/schemas/';

/** The ids of the schema components `value` refers to by `$ref`. */
function refsIn(value: unknown, found: Set<string> = new Set()): Set<string> {
  if (Array.isArray(value)) for (const item of value) refsIn(item, found);
  else if (value !== null && typeof value === 'object')
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref' && typeof child === 'string' && child.startsWith(SCHEMA_REF))
        found.add(child.slice(SCHEMA_REF.length));
      else refsIn(child, found);
    }
  return found;
}

t.test('every schema component is reached by $ref from the paths', async (t) => {
  const app = await buildTestApp(t, { seed: false });
  const res = await app.inject({ method: 'GET', url: '/openapi.json' });
  t.equal(res.statusCode, 200);
  const doc = res.json();
  const schemas: Record<string, unknown> = doc.components.schemas;

  const reached = new Set<string>();
  let frontier = [...refsIn(doc.paths)];
  while (frontier.length) {
    const id = frontier.pop() as string;
    if (reached.has(id)) continue;
    reached.add(id);
    t.ok(id in schemas, `${id} is referenced and defined`);
    frontier = [...frontier, ...refsIn(schemas[id])];
  }
  const unreferenced = Object.keys(schemas).filter((id) => !reached.has(id));
  t.same(unreferenced, [], 'no component is unreferenced');
  t.ok(Object.keys(schemas).length > 50, 'the components are still there');
});

t.test('the recorded examples are attached to the components they name', async (t) => {
  const app = await buildTestApp(t, { seed: false });
  const schemas = (await app.inject({ method: 'GET', url: '/openapi.json' })).json().components
    .schemas;
  const recorded = readRecordedExamples();
  for (const [id, example] of Object.entries(recorded)) {
    if (id in schemas) t.same(schemas[id].example, example, `${id} shows its recorded example`);
  }
  t.same(
    Object.keys(recorded).filter((id) => !(id in schemas)),
    [],
    'every recorded example names a component',
  );
});

t.test(
  'withoutUnreferencedSchemas keeps what is reached, transitively and through cycles',
  async (t) => {
    const ref = (id: string) => ({ $ref: `${SCHEMA_REF}${id}` });
    const schemas = {
      A: { type: 'object', properties: { b: ref('B') } },
      B: { type: 'array', items: ref('C') },
      C: { anyOf: [ref('B'), { type: 'null' }] },
      AInput: { type: 'object' },
      Lone: { type: 'string' },
    };
    const kept = withoutUnreferencedSchemas(schemas, { paths: { '/a': { get: ref('A') } } });
    t.same(Object.keys(kept), ['A', 'B', 'C']);
    t.same(withoutUnreferencedSchemas(schemas, { paths: {} }), {});
  },
);

t.test('withExamples fills in missing examples, an input twin from its output', async (t) => {
  const examples: Record<string, unknown> = { A: 1, B: 2, C: 3 };
  const result = withExamples(
    { A: { type: 'number' }, BInput: { type: 'number' }, C: { type: 'number', example: 9 }, D: {} },
    (id) => examples[id],
  );
  t.same(result, {
    A: { type: 'number', example: 1 },
    BInput: { type: 'number', example: 2 },
    C: { type: 'number', example: 9 },
    D: {},
  });
  t.same(Object.keys(result.A as object), ['type', 'example'], 'the example comes last');
});

t.test('the examples are given when the plugin is registered', async (t) => {
  const Thing = z.object({ name: z.string() }).meta({ id: 'TestThing', description: 'A thing.' });
  const app = Fastify();
  t.teardown(() => app.close());
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  let loads = 0;
  await app.register(swaggerPlugin, {
    examples: () => {
      loads += 1;
      return { TestThing: { name: 'given' } };
    },
  });
  app
    .withTypeProvider<ZodTypeProvider>()
    .post(
      '/things',
      { schema: { body: Thing, response: { 200: Thing } } },
      async (req) => req.body,
    );
  await app.ready();
  t.equal(loads, 0, 'nothing is loaded before the document is asked for');
  const schemas: Record<string, Record<string, unknown> | undefined> = (
    await app.inject({ method: 'GET', url: '/openapi.json' })
  ).json().components.schemas;
  t.same(schemas.TestThing?.example, { name: 'given' });
  t.same(schemas.TestThingInput?.example, { name: 'given' }, 'the input twin shows it too');
  t.equal(schemas.EventSummary, undefined, 'components no route uses are left out');
  await app.inject({ method: 'GET', url: '/openapi.json' });
  t.equal(loads, 1, 'the examples are loaded once, when the document is first built');
});
