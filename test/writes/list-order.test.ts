/**
 * A delegation's members and a source's cites come back in the order the record gave them, not
 * by id, by name or in the order their people and sources were made: in the stored record a write
 * answers with and in the export, also after a PUT or a PATCH reorders the list (each replaces
 * the list whole). The item views keep their documented orders (members by name, cites by id).
 * PostgreSQL's side: test/postgres/list-order.test.ts.
 */
import t from 'tap';
import type { App } from '../../src/app.js';
import { getJson } from '../helper.js';
import { buildWriteApp, person, SOURCE, send } from './helper.js';

// Made in id order a, b, c; their names sort c, b, a. The lists are given b, c, a: none of these.
const PEOPLE = [
  ['list-order-a', 'Zed Alpha'],
  ['list-order-b', 'Mira Beta'],
  ['list-order-c', 'Ada Gamma'],
] as const;
const GIVEN = ['list-order-b', 'list-order-c', 'list-order-a'];
const REORDERED = ['list-order-c', 'list-order-a', 'list-order-b'];
const DELEGATION = 'list-order-delegation';
const CITING = 'list-order-citing';

const members = (ids: string[]) => ids.map((id, i) => ({ person: id, role: `role ${i}` }));
const delegation = (ids: string[]) => ({
  id: DELEGATION,
  name: 'List order delegation',
  status: 'held',
  members: members(ids),
});
const source = (id: string, cites: string[] = []) => ({
  id: `${id}-source`,
  title: `Source ${id}`,
  cites: cites.map((c) => `${c}-source`),
});

/** The exported record of a kind with this id, from GET /v1/export as NDJSON. */
async function exported(app: App, kind: string, id: string) {
  const res = await app.inject({ url: `/v1/export?format=ndjson&kind=${kind}` });
  const line = res.body
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l))
    .find((l) => l.record?.id === id);
  return line?.record;
}

t.test("a delegation's members keep the record's order", async (t) => {
  const app = await buildWriteApp(t);
  for (const [id, name] of PEOPLE) {
    t.equal((await send(app, 'POST', '/v1/people', person(id, name))).status, 201, `${id} made`);
  }

  const put = await send(app, 'PUT', `/v1/delegations/${DELEGATION}`, delegation(GIVEN));
  t.equal(put.status, 201, 'PUT creates it');
  t.same(put.body.members, members(GIVEN), "PUT answers the members in the record's order");
  t.same(
    (await exported(app, 'delegations', DELEGATION)).members,
    members(GIVEN),
    "the export has them in the record's order",
  );
  const item = await getJson(app, `/v1/delegations/${DELEGATION}`);
  t.same(
    item.body.members.map((m: { person: { name: string } }) => m.person.name),
    ['Ada Gamma', 'Mira Beta', 'Zed Alpha'],
    'the item lists them by name, as documented',
  );

  const again = await send(app, 'PUT', `/v1/delegations/${DELEGATION}`, delegation(REORDERED));
  t.equal(again.status, 200, 'PUT replaces it');
  t.same(again.body.members, members(REORDERED), 'PUT answers the new order');
  t.same(
    (await exported(app, 'delegations', DELEGATION)).members,
    members(REORDERED),
    'the export has the new order',
  );

  const patched = await send(app, 'PATCH', `/v1/delegations/${DELEGATION}`, {
    members: members(['list-order-b', 'list-order-a']),
  });
  t.equal(patched.status, 200, 'PATCH replaces the list');
  t.same(patched.body.members, members(['list-order-b', 'list-order-a']), 'in the order given');
  t.same(
    (await exported(app, 'delegations', DELEGATION)).members,
    members(['list-order-b', 'list-order-a']),
    'and the export has it so',
  );
});

t.test("a source's cites keep the record's order", async (t) => {
  const app = await buildWriteApp(t);
  for (const [id] of PEOPLE) {
    t.equal((await send(app, 'POST', '/v1/sources', source(id))).status, 201, `${id} made`);
  }
  const cites = (ids: string[]) => ids.map((id) => `${id}-source`);

  const put = await send(app, 'PUT', `/v1/sources/${CITING}-source`, source(CITING, GIVEN));
  t.equal(put.status, 201, 'PUT creates it');
  t.same(put.body.cites, cites(GIVEN), "PUT answers the cites in the record's order");
  t.same(
    (await exported(app, 'sources', `${CITING}-source`)).cites,
    cites(GIVEN),
    "the export has them in the record's order",
  );
  const item = await getJson(app, `/v1/sources/${CITING}-source`);
  t.same(
    item.body.cites.map((c: { id: string }) => c.id),
    cites(['list-order-a', 'list-order-b', 'list-order-c']),
    'the item lists them by id, as documented',
  );

  const again = await send(app, 'PUT', `/v1/sources/${CITING}-source`, source(CITING, REORDERED));
  t.equal(again.status, 200, 'PUT replaces it');
  t.same(again.body.cites, cites(REORDERED), 'PUT answers the new order');
  t.same(
    (await exported(app, 'sources', `${CITING}-source`)).cites,
    cites(REORDERED),
    'the export has the new order',
  );

  const patched = await send(app, 'PATCH', `/v1/sources/${CITING}-source`, {
    // The seed's article sorts first: given last.
    cites: ['list-order-c-source', SOURCE],
  });
  t.equal(patched.status, 200, 'PATCH replaces the list');
  t.same(patched.body.cites, ['list-order-c-source', SOURCE], 'in the order given');
  t.same(
    (await exported(app, 'sources', `${CITING}-source`)).cites,
    ['list-order-c-source', SOURCE],
    'and the export has it so',
  );
});
