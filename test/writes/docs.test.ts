import t from 'tap';
import { KIND_NAMES, kindOf } from '../../src/kinds/index.js';
import { titleOf } from '../../src/records/definition.js';

const nameOf = (kind: (typeof KIND_NAMES)[number]) => titleOf(kindOf(kind).singular);

import { buildTestApp } from '../helper.js';

t.test('the OpenAPI document describes every write', async (t) => {
  const app = await buildTestApp(t, { seed: false });
  const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
  t.same(doc.components.securitySchemes.bearerAuth, { type: 'http', scheme: 'bearer' });
  t.ok(
    doc.tags.some((tag: { name: string }) => tag.name === 'facts'),
    'the facts tag is described',
  );
  const statuses: Record<string, string[]> = {
    post: ['201', '400', '401', '403', '409', '412', '422'],
    put: ['200', '201', '400', '401', '403', '409', '412', '422'],
    patch: ['200', '400', '401', '403', '404', '409', '412', '422'],
    delete: ['204', '400', '401', '403', '404', '409', '412'],
  };
  for (const kind of KIND_NAMES) {
    const ops: [string, any][] = [
      ['post', doc.paths[`/v1/${kind}`]?.post],
      ['put', doc.paths[`/v1/${kind}/{id}`]?.put],
      ['patch', doc.paths[`/v1/${kind}/{id}`]?.patch],
      ['delete', doc.paths[`/v1/${kind}/{id}`]?.delete],
    ];
    for (const [method, op] of ops) {
      const label = `${method.toUpperCase()} /v1/${kind}`;
      t.ok(op, `${label} is documented`);
      t.same(op.security, [{ bearerAuth: [] }], `${label} needs the key`);
      t.ok(op.tags?.length === 1 && op.summary && op.description, `${label} is described`);
      // Besides 429, which every operation may answer (the rate limits).
      const answers = Object.keys(op.responses).filter((status) => status !== '429');
      t.same(answers.sort(), statuses[method], `${label} declares its answers`);
      const headers = (op.parameters ?? [])
        .filter((p: { in: string }) => p.in === 'header')
        .map((p: { name: string }) => p.name.toLowerCase())
        .sort();
      t.same(
        headers,
        method === 'post' ? ['if-none-match'] : ['if-match', 'if-none-match'],
        `${label} documents its conditional headers`,
      );
      const success = op.responses[method === 'delete' ? '204' : method === 'post' ? '201' : '200'];
      if (method !== 'delete')
        t.match(success.description, /ETag/, `${label} says it answers an ETag`);
    }
    const patch = ops[2]?.[1];
    t.same(
      Object.keys(patch.requestBody.content),
      ['application/merge-patch+json', 'application/json'],
      `PATCH /v1/${kind} takes merge patches`,
    );
    t.ok(patch.requestBody.content['application/json'].schema.example, 'with an example');
    const record = doc.components.schemas[`${nameOf(kind)}RecordInput`];
    t.equal(record?.example?.id !== undefined, true, `${nameOf(kind)}Record has a seed example`);
  }
  for (const kind of ['positions', 'relations', 'participations']) {
    const get = doc.paths[`/v1/${kind}/{id}`]?.get;
    t.ok(get?.summary, `GET /v1/${kind}/{id} is documented`);
    t.same(get?.security, [], 'and public');
  }
});
