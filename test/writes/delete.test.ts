import t from 'tap';
import type { App } from '../../src/app.js';
import { runSql, storedRecord } from '../data.js';
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

/** A trigger that makes every delete of a statement fail; returns what takes it away. */
async function failStatementDeletes(app: App): Promise<() => Promise<unknown>> {
  if (app.backend === 'sqlite') {
    const sqlite = app.db.$client;
    sqlite.exec(`create temp trigger fail_statement_delete before delete on statements
      begin select raise(abort, 'refused by the test'); end`);
    return async () => sqlite.exec('drop trigger if exists fail_statement_delete');
  }
  await runSql(
    app,
    `create function fail_statement_delete() returns trigger language plpgsql
     as $$ begin raise exception 'refused by the test'; end $$`,
  );
  await runSql(
    app,
    `create trigger fail_statement_delete before delete on statements
     for each row execute function fail_statement_delete()`,
  );
  return async () => {
    await runSql(app, 'drop trigger if exists fail_statement_delete on statements');
    await runSql(app, 'drop function if exists fail_statement_delete()');
  };
}

t.test('DELETE /v1/{kind}/{id}', async (t) => {
  const app = await buildWriteApp(t);

  await t.test('DELETE answers 204, then the record is gone (404), from search too', async (t) => {
    await send(app, 'POST', '/v1/people', person('zanzibar-quetzal', 'Zanzibar Quetzal'));
    const res = await send(app, 'DELETE', '/v1/people/zanzibar-quetzal');
    t.equal(res.status, 204);
    t.equal(res.body, null, 'no body');
    t.equal(res.headers['content-type'], undefined, 'no content type');
    t.equal((await getJson(app, '/v1/people/zanzibar-quetzal')).status, 404);
    t.same(await searchHits(app, 'Quetzal'), []);
    t.equal((await send(app, 'DELETE', '/v1/people/zanzibar-quetzal')).status, 404);
    await assertConsistent(t, app);
  });

  await t.test('a referenced place answers 409 listing what refers to it', async (t) => {
    const before = await databaseDigest(app);
    const res = await send(app, 'DELETE', '/v1/places/mao-anying-grave');
    t.equal(res.status, 409);
    t.equal(res.body.type, '/problems/still-referenced');
    t.same(res.body.errors, [
      {
        field: '/',
        message: "referenced by event 'kim-jong-un-tribute-mao-anying-grave' (/place)",
      },
    ]);
    t.equal(await databaseDigest(app), before);
  });

  await t.test(
    'with cascade=true the events lose their place, and the place is gone',
    async (t) => {
      const res = await send(app, 'DELETE', '/v1/places/mao-anying-grave?cascade=true');
      t.equal(res.status, 204);
      t.equal((await getJson(app, '/v1/places/mao-anying-grave')).status, 404);
      const event = await getJson(app, '/v1/events/kim-jong-un-tribute-mao-anying-grave');
      t.equal(event.status, 200, 'the event stays');
      t.equal(event.body.place, null);
      await assertConsistent(t, app);
    },
  );

  await t.test(
    'a place inside another and delegations to it: parent and destination go null',
    async (t) => {
      const refused = await send(app, 'DELETE', '/v1/places/pyongyang');
      t.same(refused.body.errors.map((e: any) => e.message).sort(), [
        "referenced by delegation 'li-hongzhong-delegation-pyongyang-2023' (/destination)",
        "referenced by delegation 'sergei-shoigu-delegation-pyongyang-2023' (/destination)",
        "referenced by place 'pyongyang-international-airport' (/parent)",
      ]);
      t.equal((await send(app, 'DELETE', '/v1/places/pyongyang?cascade=true')).status, 204);
      const airport = await send(app, 'GET', '/v1/places/pyongyang-international-airport');
      t.equal(airport.body.parent, null);
      const delegation = await storedRecord(
        app,
        'delegations',
        'sergei-shoigu-delegation-pyongyang-2023',
      );
      t.equal(delegation?.destination, null);
      t.equal(delegation?.arrival_place, 'pyongyang-international-airport', 'the rest stays');
      await assertConsistent(t, app);
    },
  );

  await t.test('a person with cascade: positions, participations, statements go', async (t) => {
    const refused = await send(app, 'DELETE', '/v1/people/kim-jong-un');
    t.equal(refused.status, 409);
    t.ok(
      refused.body.errors.some(
        (e: any) =>
          e.message === "referenced by participation 'tribute-kim-jong-un' (/participant/id)",
      ),
      'the participation is listed with its pointer',
    );
    const statements = (await getJson(app, '/v1/people/kim-jong-un/statements')).body.data.map(
      (s: any) => s.id,
    );
    t.equal(statements.length, 3);
    t.equal((await send(app, 'DELETE', '/v1/people/kim-jong-un?cascade=true')).status, 204);
    for (const url of [
      '/v1/people/kim-jong-un',
      '/v1/positions/kim-jong-un-general-secretary-workers-party-of-korea',
      '/v1/positions/kim-jong-un-president-state-affairs-commission',
      '/v1/participations/wreath-laying-kim-jong-un',
      '/v1/participations/tribute-kim-jong-un',
      ...statements.map((id: string) => `/v1/statements/${id}`),
    ]) {
      t.equal((await getJson(app, url)).status, 404, `${url} is gone`);
    }
    t.notOk(
      (await searchHits(app, 'Kim Jong-un')).some((h) => /^(person|statement):/.test(h)),
      'neither the person nor their statements are found',
    );
    const wreath = await getJson(app, '/v1/events/kim-jong-un-wreath-laying-cpv-cemetery');
    t.equal(wreath.status, 200, 'the events stay');
    t.notOk(wreath.body.participants.some((p: any) => p.participant.id === 'kim-jong-un'));
    await assertConsistent(t, app);
  });

  await t.test('a person with cascade: delegations they led lose the leader', async (t) => {
    t.equal((await send(app, 'DELETE', '/v1/people/sergei-shoigu?cascade=true')).status, 204);
    const delegation = await storedRecord(
      app,
      'delegations',
      'sergei-shoigu-delegation-pyongyang-2023',
    );
    t.ok(delegation, 'the delegation stays');
    t.equal(delegation?.leader, null);
    t.equal(
      (await getJson(app, '/v1/positions/sergei-shoigu-defense-minister-russia')).status,
      404,
    );
    await assertConsistent(t, app);
  });

  await t.test(
    'a person with cascade: they leave the receivers and members of delegations',
    async (t) => {
      const id = 'sergei-shoigu-delegation-pyongyang-2023';
      const patched = await send(app, 'PATCH', `/v1/delegations/${id}`, {
        members: [{ person: 'kang-sun-nam', role: 'host' }, { person: 'mao-ning' }],
      });
      t.equal(patched.status, 200);
      t.equal((await send(app, 'DELETE', '/v1/people/kang-sun-nam?cascade=true')).status, 204);
      const delegation = await storedRecord(app, 'delegations', id);
      t.same(
        delegation?.receivers.map((r) => r.receiver.kind),
        ['group'],
        'only the unnamed receivers remain',
      );
      t.same(delegation?.members, [{ person: 'mao-ning', role: null }]);
      await assertConsistent(t, app);
    },
  );

  await t.test(
    'a source with cascade: citations of it and other sources citing it go',
    async (t) => {
      const refused = await send(app, 'DELETE', '/v1/sources/kcna-report-2023-07-26-wreath');
      t.equal(refused.status, 409);
      t.ok(
        refused.body.errors.some(
          (e: any) => e.message === "referenced by source 'article-2023-07-27' (/cites/0)",
        ),
      );
      t.equal(
        (await send(app, 'DELETE', '/v1/sources/kcna-report-2023-07-26-wreath?cascade=true'))
          .status,
        204,
      );
      t.same(
        (await storedRecord(app, 'sources', SOURCE))?.cites,
        ['kcna-report-2023-07-26-shoigu'],
        'the article cites it no more',
      );
      await assertConsistent(t, app);
      const all = await send(app, 'DELETE', `/v1/sources/${SOURCE}?cascade=true`);
      t.equal(all.status, 204);
      const [count] = await runSql<{ n: number | string }>(
        app,
        'select count(*) as n from citations',
      );
      t.equal(Number(count?.n), 0, 'every citation named the article, and every one is gone');
      t.equal((await getJson(app, '/v1/events/korean-war')).status, 200, 'the facts stay');
      await assertConsistent(t, app);
    },
  );

  await t.test('a place with cascade: receivers keep their entry, without the place', async (t) => {
    const id = 'sergei-shoigu-delegation-pyongyang-2023';
    const res = await send(
      app,
      'DELETE',
      '/v1/places/pyongyang-international-airport?cascade=true',
    );
    t.equal(res.status, 204);
    const delegation = await storedRecord(app, 'delegations', id);
    t.equal(delegation?.arrival_place, null);
    t.same(
      delegation?.receivers.map((r) => r.place),
      [null],
    );
    await assertConsistent(t, app);
  });

  await t.test('an event with cascade: participations go, the rest loses the event', async (t) => {
    const res = await send(app, 'DELETE', '/v1/events/korean-war?cascade=true');
    t.equal(res.status, 204);
    t.equal(
      (await getJson(app, '/v1/participations/korean-war-dprk-army')).status,
      404,
      'its participations are gone',
    );
    t.equal((await storedRecord(app, 'figures', 'cpv-soldiers-fought-korean-war'))?.event, null);
    t.equal(
      (await storedRecord(app, 'events', 'korean-war-70th-anniversary-commemorations'))
        ?.commemorates,
      null,
    );
    t.same(await searchHits(app, 'Fatherland Liberation War'), [
      'event:korean-war-70th-anniversary-commemorations',
    ]);
    await assertConsistent(t, app);
  });

  await t.test(
    'an organization with cascade: figures about it and its participations go',
    async (t) => {
      const res = await send(
        app,
        'DELETE',
        '/v1/organizations/chinese-peoples-volunteers?cascade=true',
      );
      t.equal(res.status, 204);
      t.equal((await getJson(app, '/v1/figures/cpv-soldiers-killed-korean-war')).status, 404);
      t.equal(
        (await getJson(app, '/v1/participations/wreath-laying-chinese-peoples-volunteers')).status,
        404,
      );
      t.equal(
        (await getJson(app, '/v1/events/kim-jong-un-wreath-laying-cpv-cemetery')).status,
        200,
        'the events stay',
      );
      await assertConsistent(t, app);
    },
  );

  await t.test('a cascade that fails half-way writes nothing at all', async (t) => {
    // The statements are deleted after the positions: make that step fail.
    const unfail = await failStatementDeletes(app);
    t.teardown(unfail);
    const before = await databaseDigest(app);
    const res = await send(app, 'DELETE', '/v1/people/mao-ning?cascade=true');
    t.equal(res.status, 500);
    t.notMatch(JSON.stringify(res.body), /refused by the test/, 'the cause is not sent');
    t.equal(await databaseDigest(app), before, 'the positions deleted first are back');
    await unfail();
    await assertConsistent(t, app);
  });

  await t.test('cascade=maybe answers 400 naming the parameter', async (t) => {
    const res = await send(app, 'DELETE', '/v1/places/dprk?cascade=maybe');
    t.equal(res.status, 400);
    t.same(
      res.body.errors.map((e: any) => `${e.in} ${e.field}`),
      ['query /cascade'],
    );
  });
});
