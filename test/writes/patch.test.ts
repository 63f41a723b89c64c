import t from 'tap';
import { getJson } from '../helper.js';
import { assertConsistent, buildWriteApp, databaseDigest, searchHits, send } from './helper.js';

t.test('PATCH /v1/{kind}/{id}', async (t) => {
  const app = await buildWriteApp(t);
  const url = '/v1/people/mao-ning';

  await t.test('a merge patch changes the fields it gives, keeps the others', async (t) => {
    const position = '/v1/positions/mao-ning-spokeswoman-chinese-foreign-ministry';
    const before = (await send(app, 'GET', position)).body;
    const res = await send(
      app,
      'PATCH',
      url,
      { aliases: ['Quixotica'], description: 'spokeswoman' },
      { 'content-type': 'application/merge-patch+json' },
    );
    t.equal(res.status, 200);
    t.equal(res.body.name, 'Mao Ning', 'the name is kept');
    t.same(res.body.aliases, ['Quixotica']);
    t.equal(res.body.description, 'spokeswoman');
    t.ok(res.body.citations.length > 0, 'citations are kept');
    t.same(await searchHits(app, 'Quixotica'), ['person:mao-ning'], 'search finds the new alias');
    t.same((await send(app, 'GET', position)).body, before, 'other records are untouched');
    await assertConsistent(t, app);
  });

  await t.test('null removes an optional field (application/json works too)', async (t) => {
    const res = await send(app, 'PATCH', url, { description: null, country: null });
    t.equal(res.status, 200);
    t.equal(res.body.description, null);
    t.equal(res.body.country, null);
    t.equal((await getJson(app, url)).body.country, null);
  });

  await t.test('nested objects merge: a statement changes speaker', async (t) => {
    const res = await send(app, 'PATCH', '/v1/statements/mao-ning-2023-07-25-li-hongzhong-visit', {
      speaker: { kind: 'organization', id: 'chinese-foreign-ministry' },
    });
    t.equal(res.status, 200);
    t.same(res.body.speaker, { kind: 'organization', id: 'chinese-foreign-ministry' });
    await assertConsistent(t, app);
  });

  await t.test('an invalid result answers 400 naming the field, and writes nothing', async (t) => {
    const before = await databaseDigest(app);
    const res = await send(app, 'PATCH', url, { name: null, aliases: 'x', colour: 'red' });
    t.equal(res.status, 400);
    t.same(res.body.errors.map((e: any) => `${e.in} ${e.field}`).sort(), [
      'body /aliases',
      'body /colour',
      'body /name',
    ]);
    t.equal(await databaseDigest(app), before);
  });

  await t.test('changing the id answers 400 naming /id', async (t) => {
    const res = await send(app, 'PATCH', url, { id: 'mao-ning-2' });
    t.equal(res.status, 400);
    t.same(
      res.body.errors.map((e: any) => e.field),
      ['/id'],
    );
    t.equal((await send(app, 'PATCH', url, { id: 'mao-ning' })).status, 200, 'the same id is fine');
  });

  await t.test('a patch that leaves a dangling reference answers 409', async (t) => {
    const res = await send(app, 'PATCH', url, { country: 'atlantis' });
    t.equal(res.status, 409);
    t.same(
      res.body.errors.map((e: any) => e.field),
      ['/country'],
    );
  });

  await t.test('a body that is not an object answers 400', async (t) => {
    const res = await send(app, 'PATCH', url, [1, 2]);
    t.equal(res.status, 400);
  });

  await t.test('PATCH of an absent record answers 404', async (t) => {
    const res = await send(app, 'PATCH', '/v1/people/no-such-person', { name: 'x' });
    t.equal(res.status, 404);
    t.equal(res.body.type, '/problems/not-found');
  });
});
