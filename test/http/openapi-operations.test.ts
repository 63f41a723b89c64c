/**
 * The operations of the OpenAPI document as generated clients and Swagger UI see them: a stable,
 * unique operationId each, `security: []` on public reads and the bearer key on writes, a
 * description on every answer, no example pre-filled in an optional parameter, and the three
 * bodies POST /v1/imports takes, each of which the route really reads.
 */
import t, { type Test } from 'tap';
import type { ApiKey } from '../../src/http/auth.js';
import { operationIdOf, singular } from '../../src/http/operation-ids.js';
import { buildTestApp } from '../helper.js';

/**
 * Every operation's id, in the document's order. A generated client's method names: a change
 * here breaks every client, so it must be deliberate (and the rule, not a route, should make it).
 */
const OPERATIONS = [
  'GET / getIndex',
  'GET /v1 getApiIndex',
  'GET /problems listProblemTypes',
  'GET /problems/{name} getProblemType',
  'GET /health getHealth',
  'GET /v1/events listEvents',
  'POST /v1/events createEvent',
  'GET /v1/events/facets getEventFacets',
  'GET /v1/events/{id} getEvent',
  'PUT /v1/events/{id} replaceEvent',
  'PATCH /v1/events/{id} updateEvent',
  'DELETE /v1/events/{id} deleteEvent',
  'GET /v1/people listPeople',
  'POST /v1/people createPerson',
  'GET /v1/people/{id} getPerson',
  'PUT /v1/people/{id} replacePerson',
  'PATCH /v1/people/{id} updatePerson',
  'DELETE /v1/people/{id} deletePerson',
  'GET /v1/organizations listOrganizations',
  'POST /v1/organizations createOrganization',
  'GET /v1/organizations/{id} getOrganization',
  'PUT /v1/organizations/{id} replaceOrganization',
  'PATCH /v1/organizations/{id} updateOrganization',
  'DELETE /v1/organizations/{id} deleteOrganization',
  'GET /v1/places listPlaces',
  'POST /v1/places createPlace',
  'GET /v1/places/{id} getPlace',
  'PUT /v1/places/{id} replacePlace',
  'PATCH /v1/places/{id} updatePlace',
  'DELETE /v1/places/{id} deletePlace',
  'GET /v1/delegations listDelegations',
  'POST /v1/delegations createDelegation',
  'GET /v1/delegations/{id} getDelegation',
  'PUT /v1/delegations/{id} replaceDelegation',
  'PATCH /v1/delegations/{id} updateDelegation',
  'DELETE /v1/delegations/{id} deleteDelegation',
  'GET /v1/statements listStatements',
  'POST /v1/statements createStatement',
  'GET /v1/statements/{id} getStatement',
  'PUT /v1/statements/{id} replaceStatement',
  'PATCH /v1/statements/{id} updateStatement',
  'DELETE /v1/statements/{id} deleteStatement',
  'GET /v1/figures listFigures',
  'POST /v1/figures createFigure',
  'GET /v1/figures/{id} getFigure',
  'PUT /v1/figures/{id} replaceFigure',
  'PATCH /v1/figures/{id} updateFigure',
  'DELETE /v1/figures/{id} deleteFigure',
  'GET /v1/sources listSources',
  'POST /v1/sources createSource',
  'GET /v1/sources/{id} getSource',
  'PUT /v1/sources/{id} replaceSource',
  'PATCH /v1/sources/{id} updateSource',
  'DELETE /v1/sources/{id} deleteSource',
  'GET /v1/timeline listTimeline',
  'GET /v1/people/{id}/events listPersonEvents',
  'GET /v1/people/{id}/statements listPersonStatements',
  'GET /v1/people/{id}/delegations listPersonDelegations',
  'GET /v1/places/{id}/events listPlaceEvents',
  'GET /v1/events/{id}/children listEventChildren',
  'GET /v1/sources/{id}/claims listSourceClaims',
  'GET /v1/search search',
  'POST /v1/positions createPosition',
  'PUT /v1/positions/{id} replacePosition',
  'PATCH /v1/positions/{id} updatePosition',
  'DELETE /v1/positions/{id} deletePosition',
  'GET /v1/positions/{id} getPosition',
  'POST /v1/relations createRelation',
  'PUT /v1/relations/{id} replaceRelation',
  'PATCH /v1/relations/{id} updateRelation',
  'DELETE /v1/relations/{id} deleteRelation',
  'GET /v1/relations/{id} getRelation',
  'POST /v1/participations createParticipation',
  'PUT /v1/participations/{id} replaceParticipation',
  'PATCH /v1/participations/{id} updateParticipation',
  'DELETE /v1/participations/{id} deleteParticipation',
  'GET /v1/participations/{id} getParticipation',
  'POST /v1/imports createImport',
  'GET /v1/imports listImports',
  'GET /v1/imports/{id} getImport',
  'GET /v1/export exportBundle',
  'GET /v1/schemas/bundle.json getBundleSchema',
];

const KEY: ApiKey = { name: 'docs', secret: 'sk-annals-test-operations-1' };

interface Operation {
  operationId?: string;
  security?: Record<string, string[]>[];
  parameters?: {
    name: string;
    in: string;
    required?: boolean;
    example?: unknown;
    examples?: unknown;
    description?: string;
    schema?: { example?: unknown };
  }[];
  requestBody?: { content: Record<string, { schema: { example?: string } }> };
  responses: Record<string, { description?: string; $ref?: string }>;
}

async function documentOperations(t: Test) {
  const app = await buildTestApp(t, { seed: false });
  const doc = (await app.inject('/openapi.json')).json();
  const operations: [string, string, Operation][] = [];
  for (const [path, item] of Object.entries<Record<string, Operation>>(doc.paths))
    for (const [method, operation] of Object.entries(item))
      operations.push([method, path, operation]);
  return operations;
}

t.test('operationIdOf names operations by their method and path', async (t) => {
  t.equal(operationIdOf('get', '/v1/events'), 'listEvents');
  t.equal(operationIdOf('get', '/v1/people/{id}'), 'getPerson');
  t.equal(operationIdOf('get', '/v1/people/{id}/events'), 'listPersonEvents');
  t.equal(
    operationIdOf('get', '/v1/events/facets'),
    'getEventFacets',
    'named: one answer, no list',
  );
  t.equal(operationIdOf('post', '/v1/imports'), 'createImport');
  t.equal(operationIdOf('patch', '/v1/places/{id}'), 'updatePlace');
  t.equal(operationIdOf('delete', '/v1/relations/{id}'), 'deleteRelation');
  t.equal(operationIdOf('get', '/v1/search'), 'search', 'a name the rule would spoil');
  t.same(['people', 'categories', 'address', 'events'].map(singular), [
    'person',
    'category',
    'address',
    'event',
  ]);
});

t.test('every operation has its stable, unique operationId', async (t) => {
  const operations = await documentOperations(t);
  const ids = operations.map(([, , op]) => op.operationId);
  t.same(new Set(ids).size, ids.length, 'no two operations share an id');
  for (const [method, path, op] of operations)
    t.equal(op.operationId, operationIdOf(method, path), `${method} ${path}: by the rule`);
  t.same(
    operations.map(([method, path, op]) => `${method.toUpperCase()} ${path} ${op.operationId}`),
    OPERATIONS,
    'the ids are the ones clients were generated with',
  );
});

t.test('reads are public, writes want the bearer key', async (t) => {
  const app = await buildTestApp(t, { apiKeys: [KEY] });
  for (const [method, path, op] of await documentOperations(t)) {
    if (method === 'get') t.same(op.security, [], `${method} ${path} declares security: []`);
    else t.same(op.security, [{ bearerAuth: [] }], `${method} ${path} wants bearerAuth`);
  }
  // What the document says is what the API does.
  t.equal((await app.inject('/v1/imports')).statusCode, 200, 'a read without a key is 200');
  const write = await app.inject({ method: 'DELETE', url: '/v1/places/wonsan' });
  t.equal(write.statusCode, 401, 'a write without a key is 401');
});

t.test('every answer is described, and 429 is among them', async (t) => {
  for (const [method, path, op] of await documentOperations(t)) {
    for (const [status, response] of Object.entries(op.responses)) {
      if (response.$ref) continue;
      t.ok(response.description, `${method} ${path} ${status} has a description`);
      t.not(response.description, 'Default Response', `${method} ${path} ${status}: not Fastify's`);
    }
    t.same(
      op.responses['429'],
      { $ref: '#/components/responses/TooManyRequests' },
      `${method} ${path} may answer 429`,
    );
  }
});

t.test('no optional parameter is pre-filled by an example; ids are', async (t) => {
  for (const [method, path, op] of await documentOperations(t)) {
    for (const p of op.parameters ?? []) {
      const example = p.example ?? p.examples ?? p.schema?.example;
      if (p.required) {
        // GET /v1/imports/{id}: an import's id is a fresh UUID in every database.
        if (path !== '/v1/imports/{id}')
          t.ok(example, `${method} ${path} ${p.name} (required) has an example`);
      } else t.equal(example, undefined, `${method} ${path} ${p.name} (optional) has none`);
    }
  }
  const events = (await documentOperations(t)).find(([m, p]) => m === 'get' && p === '/v1/events');
  const from = events?.[2].parameters?.find((p) => p.name === 'from');
  t.match(from?.description, /For example `1951`\./, 'the example is in the description');
});

t.test('a list says that fields= trims its items', async (t) => {
  for (const [method, path, op] of await documentOperations(t)) {
    const trims = op.parameters?.some((p) => p.name === 'fields');
    const said = /With `fields`, each item holds only the fields named/.test(
      op.responses['200']?.description ?? '',
    );
    t.equal(said, Boolean(trims), `${method} ${path}: ${trims ? 'says so' : 'has no fields='}`);
  }
});

t.test('POST /v1/imports takes each body it documents, as documented', async (t) => {
  const app = await buildTestApp(t, { apiKeys: [KEY] });
  const [, , op] = (await documentOperations(t)).find(
    ([m, p]) => m === 'post' && p === '/v1/imports',
  ) as [string, string, Operation];
  const content = op.requestBody?.content ?? {};
  t.same(Object.keys(content), ['application/json', 'application/x-ndjson', 'text/csv']);
  for (const [type, query] of [
    ['application/x-ndjson', 'dry_run=true'],
    ['text/csv', 'kind=places&dry_run=true'],
  ] as const) {
    const res = await app.inject({
      method: 'POST',
      url: `/v1/imports?${query}`,
      headers: { authorization: `Bearer ${KEY.secret}`, 'content-type': type },
      payload: content[type]?.schema.example,
    });
    t.equal(res.statusCode, 200, `${type}: the documented example is valid`);
    t.equal(res.json().report.totals.created, 1, `${type}: it would create one place`);
  }
});

t.test('GET /v1/schemas/bundle.json declares what it answers', async (t) => {
  const app = await buildTestApp(t, { seed: false });
  const doc = (await app.inject('/openapi.json')).json();
  t.same(doc.paths['/v1/schemas/bundle.json'].get.responses['200'].content, {
    'application/schema+json': { schema: { $ref: '#/components/schemas/BundleJsonSchema' } },
  });
  const res = await app.inject('/v1/schemas/bundle.json');
  t.match(res.json(), { $schema: String, $ref: String, $defs: Object }, 'and answers it');
});
