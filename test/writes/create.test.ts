import t from 'tap';
import { storedRecord } from '../data.js';
import { getJson } from '../helper.js';
import {
  assertConsistent,
  buildWriteApp,
  databaseDigest,
  person,
  SOURCE,
  searchHits,
  send,
} from './helper.js';

t.test('POST /v1/{kind}', async (t) => {
  const app = await buildWriteApp(t);

  await t.test('POST /v1/people creates a person: 201, Location, readable and found', async (t) => {
    const created = await send(
      app,
      'POST',
      '/v1/people',
      person('zanzibar-quetzal', 'Zanzibar Quetzal', { country: 'dprk-state' }),
    );
    t.equal(created.status, 201);
    t.equal(created.headers.location, '/v1/people/zanzibar-quetzal');
    t.same(created.body, {
      id: 'zanzibar-quetzal',
      name: 'Zanzibar Quetzal',
      aliases: [],
      country: 'dprk-state',
      description: null,
      citations: [{ source: SOURCE, excerpt: 'Kim Jong-un', according_to: [] }],
      basis: {},
    });
    const read = await getJson(app, '/v1/people/zanzibar-quetzal');
    t.equal(read.status, 200, 'GET reads it without a key');
    t.equal(read.body.name, 'Zanzibar Quetzal');
    t.equal(read.body.citations[0].source.id, SOURCE);
    t.same(await searchHits(app, 'Quetzal'), ['person:zanzibar-quetzal'], 'search finds it');
    await assertConsistent(t, app);
  });

  await t.test('POST with an id that exists answers 409 and changes nothing', async (t) => {
    const before = await databaseDigest(app);
    const res = await send(app, 'POST', '/v1/people', person('kim-jong-un', 'Someone Else'));
    t.equal(res.status, 409);
    t.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8');
    t.equal(res.body.type, '/problems/already-exists');
    t.same(res.body.errors, [
      { in: 'body', field: '/id', message: "the person 'kim-jong-un' already exists" },
    ]);
    t.equal(await databaseDigest(app), before);
  });

  await t.test('POST with dangling references answers 409 naming each pointer', async (t) => {
    const before = await databaseDigest(app);
    const res = await send(app, 'POST', '/v1/events', {
      id: 'an-event',
      type: 'meeting',
      title: 'A meeting',
      start: '2023-07-26',
      place: 'atlantis',
      parent: 'korean-war',
      citations: [
        { source: SOURCE, excerpt: 'met' },
        { source: 'no-such-source', excerpt: 'met' },
      ],
    });
    t.equal(res.status, 409);
    t.equal(res.body.type, '/problems/dangling-reference');
    t.same(res.body.errors, [
      { in: 'body', field: '/place', message: "refers to place 'atlantis', which does not exist" },
      {
        in: 'body',
        field: '/citations/1/source',
        message: "refers to source 'no-such-source', which does not exist",
      },
    ]);
    t.equal(await databaseDigest(app), before, 'nothing was written');
    t.equal((await getJson(app, '/v1/events/an-event')).status, 404);
  });

  await t.test('references inside lists and agents are checked too', async (t) => {
    const res = await send(app, 'POST', '/v1/delegations', {
      id: 'a-delegation',
      name: 'A delegation',
      members: [{ person: 'kim-jong-un' }, { person: 'nobody' }],
      receivers: [{ receiver: { kind: 'organization', id: 'no-org' }, role: 'greeted' }],
    });
    t.equal(res.status, 409);
    t.same(
      res.body.errors.map((e: any) => e.field),
      ['/members/1/person', '/receivers/0/receiver/id'],
    );
  });

  await t.test('POST with an invalid body answers 400 naming the field', async (t) => {
    const before = await databaseDigest(app);
    const res = await send(app, 'POST', '/v1/events', {
      id: 'bad-event',
      type: 'meeting',
      title: 'A meeting',
      start: '2023-02-30',
      colour: 'red',
    });
    t.equal(res.status, 400);
    const fields = res.body.errors.map((e: any) => `${e.in} ${e.field}`);
    t.ok(fields.includes('body /start'), 'names /start');
    t.ok(fields.includes('body /colour'), 'names the unknown /colour');
    t.equal(await databaseDigest(app), before);
  });

  await t.test('a participation, a position and a relation are created and read', async (t) => {
    const participation = {
      id: 'victory-day-kim-jong-un',
      event: 'victory-day-2023',
      participant: { kind: 'person', id: 'kim-jong-un' },
      role: 'attended',
      citations: [],
      basis: { role: { kind: 'inferred', note: 'he leads the state that marked it' } },
    };
    const res = await send(app, 'POST', '/v1/participations', participation);
    t.equal(res.status, 201);
    t.equal(res.headers.location, '/v1/participations/victory-day-kim-jong-un');
    const read = await getJson(app, '/v1/participations/victory-day-kim-jong-un');
    t.same(read.body, participation);
    const event = await getJson(app, '/v1/events/victory-day-2023');
    t.ok(
      event.body.participants.some((p: any) => p.participant.id === 'kim-jong-un'),
      'the event lists its new participant',
    );
    t.equal((await getJson(app, '/v1/positions/no-such-position')).status, 404);
    const relation = await getJson(app, '/v1/relations/mao-anying-eldest-son-of-mao-zedong');
    t.equal(relation.body.related_person, 'mao-zedong');
    await assertConsistent(t, app);
  });
});

t.test('PUT /v1/{kind}/{id}', async (t) => {
  const app = await buildWriteApp(t);

  await t.test('PUT of a new id creates it: 201 with Location; the body may omit id', async (t) => {
    const res = await send(app, 'PUT', '/v1/places/wonsan', {
      name: 'Wonsan',
      type: 'city',
      parent: 'dprk',
    });
    t.equal(res.status, 201);
    t.equal(res.headers.location, '/v1/places/wonsan');
    t.equal(res.body.id, 'wonsan');
    t.same(await searchHits(app, 'Wonsan'), ['place:wonsan']);
  });

  await t.test('PUT of an existing id replaces it whole: 200', async (t) => {
    const res = await send(app, 'PUT', '/v1/places/wonsan', {
      id: 'wonsan',
      name: 'Wonsan City',
      type: 'city',
      aliases: ['Gensan'],
    });
    t.equal(res.status, 200);
    t.equal(res.headers.location, undefined);
    t.same(res.body, {
      id: 'wonsan',
      name: 'Wonsan City',
      type: 'city',
      aliases: ['Gensan'],
      parent: null,
      citations: [],
      basis: {},
    });
    t.same(await searchHits(app, 'Gensan'), ['place:wonsan'], 'the index follows');
    await assertConsistent(t, app);
  });

  await t.test('PUT replaces child lists and citations', async (t) => {
    const url = '/v1/delegations/sergei-shoigu-delegation-pyongyang-2023';
    t.equal(
      (await storedRecord(app, 'delegations', 'sergei-shoigu-delegation-pyongyang-2023'))?.receivers
        .length,
      2,
    );
    const res = await send(app, 'PUT', url, {
      name: 'Russian delegation',
      leader: 'sergei-shoigu',
      receivers: [{ receiver: { kind: 'group', label: 'officials' }, role: 'greeted' }],
      citations: [{ source: SOURCE, excerpt: 'a Russian delegation' }],
    });
    t.equal(res.status, 200);
    t.same(res.body.receivers, [
      { receiver: { kind: 'group', label: 'officials' }, role: 'greeted', place: null },
    ]);
    t.same(res.body.citations, [
      { source: SOURCE, excerpt: 'a Russian delegation', according_to: [] },
    ]);
    t.equal(res.body.destination, null, 'a field left out is cleared');
    await assertConsistent(t, app);
  });

  await t.test('PUT with another id in the body answers 400 naming /id', async (t) => {
    const res = await send(app, 'PUT', '/v1/places/wonsan', {
      id: 'hamhung',
      name: 'Hamhung',
      type: 'city',
    });
    t.equal(res.status, 400);
    t.same(
      res.body.errors.map((e: any) => `${e.in} ${e.field}`),
      ['body /id'],
    );
  });

  await t.test('PUT with a dangling reference answers 409 and writes nothing', async (t) => {
    const before = await databaseDigest(app);
    const res = await send(app, 'PUT', '/v1/places/wonsan', {
      name: 'Wonsan',
      type: 'city',
      parent: 'no-such-province',
    });
    t.equal(res.status, 409);
    t.same(
      res.body.errors.map((e: any) => e.field),
      ['/parent'],
    );
    t.equal(await databaseDigest(app), before);
  });
});
