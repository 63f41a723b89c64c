/**
 * Items embed at most the first EMBEDDED_MAX of each list that grows with the data, and say in
 * `lists` how many there are and where the rest are; checked on a knowledge base in which every
 * such list has CROWD items.
 */
import t, { type Test } from 'tap';
import type { App } from '../../src/app.js';
import { CITATIONS_MAX, EMBEDDED_MAX } from '../../src/query/shapes.js';
import {
  BODIES,
  BODY,
  CITED,
  CITING,
  CROWD,
  crowdedBundle,
  GATHERING,
  LAND,
  PARTS,
  PEOPLE,
  STAR,
  TOWNS,
  TRIPS,
  VISIT,
} from '../crowded.js';
import { loadTestBundle, runSql } from '../data.js';
import { ids } from '../expect.js';
import { buildTestApp, getJson, sqliteOnly, walkList } from '../helper.js';
import { recordStatements } from '../perf/plans.js';

/** The index checks read SQLite's plans (EXPLAIN QUERY PLAN). */
const PLANS = sqliteOnly("SQLite's query plans");

const first = <T>(items: T[]) => items.slice(0, EMBEDDED_MAX);
const capped = (more: string | null = null) => ({ total: CROWD, more });

async function crowdedApp(t: Parameters<typeof buildTestApp>[0]): Promise<App> {
  const app = await buildTestApp(t, { seed: false });
  await loadTestBundle(app, crowdedBundle());
  return app;
}

t.test('the crowd runs past the cap', async (t) => {
  t.ok(CROWD > EMBEDDED_MAX, `${CROWD} of each list, more than the ${EMBEDDED_MAX} shown`);
});

/** Plans that read no table whole: CTEs, subqueries and constant rows may be scanned. */
// json_each reads the ids bound to the statement, not a table; `roles` is the UNION of a
// person's delegations, each part read through an index (src/kinds/people/item.ts).
const HARMLESS_SCAN =
  /^SCAN (\(subquery-\d+\)|CONSTANT ROW|subtree|up|numbered|roles|json_each VIRTUAL TABLE INDEX \d+:)$/;

/** GETs each url and checks that no query it ran scans a table, by SQLite's plan of each. */
async function assertIndexed(t: Test, app: App, urls: string[]) {
  const sqlite = app.db.$client;
  for (const url of urls) {
    // Statements are recorded as they run (prepared ones included), with their values.
    const { result, executed } = await recordStatements(app, () => getJson(app, url));
    t.equal(result.status, 200, `GET ${url} is 200`);
    t.ok(executed.length > 0, `GET ${url} ran queries`);
    const seen = new Map(executed.map((e) => [e.sql, e.params]));
    for (const [source, values] of seen) {
      const plan = sqlite.prepare(`explain query plan ${source}`).all(...(values as never[])) as {
        detail: string;
      }[];
      t.same(
        plan.map((row) => row.detail).filter((d) => /^SCAN /.test(d) && !HARMLESS_SCAN.test(d)),
        [],
        `GET ${url}: no table scan in ${source.slice(0, 70)}...`,
      );
    }
  }
}

t.test('items on a knowledge base where every list runs past the cap', async (t) => {
  const app = await crowdedApp(t);

  await t.test(`GET /v1/people/${STAR} shows the first ${EMBEDDED_MAX} of each list`, async (t) => {
    const { status, body } = await getJson(app, `/v1/people/${STAR}`);
    t.equal(status, 200, `GET /v1/people/${STAR} is 200`);
    t.same(
      body.lists,
      {
        positions: capped(),
        relations: capped(),
        events: capped(`/v1/people/${STAR}/events`),
        statements: capped(`/v1/people/${STAR}/statements`),
        delegations: capped(`/v1/people/${STAR}/delegations`),
        citations: { total: 1, more: null },
      },
      'lists: 25 of each, the views where they exist, the one citation whole',
    );
    t.same(
      body.positions.map((p: any) => p.organization.id),
      first(BODIES),
      'positions: the first 20 by start',
    );
    t.same(
      body.relations.map((r: any) => r.related_person.id),
      first(PEOPLE),
      'relations: the first 20 by id',
    );
    t.same(
      body.events.map((e: any) => e.event.id),
      first(PARTS),
      'events: the first 20 by date',
    );
    const said = Array.from(
      { length: CROWD },
      (_, i) => `star-said-${String(i + 1).padStart(2, '0')}`,
    );
    t.same(
      ids(body.statements),
      [...said.slice(0, 18).reverse(), ...said.slice(18, 20)],
      'statements: the 18 dated by date, then the first undated ones by id',
    );
    t.same(
      body.delegations.map((d: any) => [d.delegation.id, d.role]),
      first(TRIPS).map((id, i) => [id, i < 9 ? 'leader' : i < 17 ? 'member' : 'receiver']),
      'delegations: the first 20 by name, with the role',
    );

    const events = await getJson(app, `${body.lists.events.more}?limit=${EMBEDDED_MAX}`);
    t.same(
      ids(events.body.data),
      ids(body.events.map((e: any) => e.event)),
      'the view starts alike',
    );
    for (const list of ['events', 'statements', 'delegations']) {
      const walk = await walkList(app, body.lists[list].more);
      t.equal(walk.ids.length, CROWD, `lists.${list}.more leads to all ${CROWD}`);
    }
  });

  await t.test('an item whose lists fit shows them whole, with no more', async (t) => {
    const { body } = await getJson(app, `/v1/people/${PEOPLE[0]}`);
    t.same(
      body.lists,
      {
        positions: { total: 1, more: null },
        relations: { total: 1, more: null },
        events: { total: 1, more: null },
        statements: { total: 0, more: null },
        delegations: { total: 2, more: null },
        citations: { total: 0, more: null },
      },
      'totals are the lengths, and no list points to more',
    );
    t.equal(body.relations[0].person.id, STAR, 'a relation shows from the related person too');
  });

  await t.test(
    `GET /v1/organizations/${BODY} caps children, members, words and events`,
    async (t) => {
      const { body } = await getJson(app, `/v1/organizations/${BODY}`);
      t.same(
        body.lists,
        {
          children: capped(),
          members: capped(),
          statements: capped(),
          events: capped(),
          citations: { total: 0, more: null },
        },
        'lists: 25 of each, none with a paginated view',
      );
      t.same(ids(body.children), first(BODIES), 'children: the first 20 by name');
      t.same(
        body.members.map((m: any) => m.person.id),
        first(PEOPLE),
        'members: the first 20 by name',
      );
      t.same(
        ids(body.statements),
        first(PEOPLE.map((_, i) => `body-said-${String(i + 1).padStart(2, '0')}`)),
        'statements: the first 20 by date',
      );
      t.same(
        body.events.map((e: any) => e.event.id),
        first(PARTS),
        'events: the first 20 by date',
      );
    },
  );

  await t.test(`GET /v1/places/${LAND} caps children and events`, async (t) => {
    const { body } = await getJson(app, `/v1/places/${LAND}`);
    t.same(
      body.lists,
      {
        children: capped(),
        events: capped(`/v1/places/${LAND}/events`),
        citations: { total: 0, more: null },
      },
      'lists: 25 of each, the events view',
    );
    t.same(ids(body.children), first(TOWNS), 'children: the first 20 by name');
    t.same(ids(body.events), first(PARTS), 'events inside it: the first 20 by date');
    const view = await getJson(app, `${body.lists.events.more}?limit=${EMBEDDED_MAX}`);
    t.same(ids(view.body.data), ids(body.events), 'the view starts alike');
  });

  await t.test(`GET /v1/events/${GATHERING} caps names, participants and children`, async (t) => {
    const { body } = await getJson(app, `/v1/events/${GATHERING}`);
    t.same(
      body.lists,
      {
        names: capped(),
        participants: capped(),
        children: capped(`/v1/events/${GATHERING}/children`),
        citations: { total: 0, more: null },
      },
      'lists: 25 of each, the children view',
    );
    t.same(
      body.names.map((n: any) => n.used_by),
      first(PEOPLE),
      'names: the first 20 in the order given',
    );
    t.same(
      body.participants.map((p: any) => p.participant.id),
      first(PEOPLE),
      'participants: the first 20 by id',
    );
    t.ok(
      body.participants.every((p: any) => p.citations.length === 1),
      'each participant keeps its citation',
    );
    t.same(ids(body.children), first(PARTS), 'children: the first 20 by date');
    const view = await getJson(app, `${body.lists.children.more}?limit=${EMBEDDED_MAX}`);
    t.same(ids(view.body.data), ids(body.children), 'the view starts alike');
  });

  await t.test(`GET /v1/delegations/${VISIT} caps members, receivers and statements`, async (t) => {
    const { body } = await getJson(app, `/v1/delegations/${VISIT}`);
    t.same(
      body.lists,
      {
        members: capped(),
        receivers: capped(),
        statements: capped(),
        citations: { total: 0, more: null },
      },
      'lists: 25 of each, none with a paginated view',
    );
    t.same(
      body.members.map((m: any) => m.person.id),
      first(PEOPLE),
      'members: the first 20 by name',
    );
    t.same(
      body.receivers.map((r: any) => r.receiver.id),
      first(PEOPLE),
      'receivers: the first 20 in the order given',
    );
    t.same(
      ids(body.statements),
      first(PEOPLE.map((_, i) => `body-said-${String(i + 1).padStart(2, '0')}`)),
      'statements: the first 20 by date',
    );
  });

  await t.test('GET /v1/sources/crowd-source caps what it cites and what cites it', async (t) => {
    const { body } = await getJson(app, '/v1/sources/crowd-source');
    t.same(
      body.lists,
      {
        cites: capped(),
        cited_by: capped(),
        citations: { total: 0, more: null },
        annotations: { total: 0, more: null },
      },
      'lists: 25 each way, no paginated view (and no text to annotate)',
    );
    t.same(ids(body.cites), first(CITED), 'cites: the first 20 by id');
    t.same(ids(body.cited_by), first(CITING), 'cited_by: the first 20 by id');
  });

  await t.test('every query behind an item reads through an index', PLANS, async (t) => {
    await assertIndexed(t, app, [
      `/v1/people/${STAR}`,
      `/v1/organizations/${BODY}`,
      `/v1/places/${LAND}`,
      `/v1/events/${GATHERING}`,
      `/v1/delegations/${VISIT}`,
      '/v1/sources/crowd-source',
    ]);
  });
});

t.test(`citations stop at ${CITATIONS_MAX}, an item's and each embedded fact's`, async (t) => {
  const app = await crowdedApp(t);
  const extra = CITATIONS_MAX + 5;
  const insert = `insert into citations (subject_kind, subject_id, ordinal, source_id, excerpt)
     values (?, ?, ?, 'crowd-source', 'crowd')`;
  // The star has one citation already (ordinal 0); each participant too.
  for (let ordinal = 1; ordinal < extra; ordinal++) {
    await runSql(app, insert, 'person', STAR, ordinal);
    await runSql(app, insert, 'participation', `${PEOPLE[0]}-at-gathering`, ordinal);
  }
  const star = await getJson(app, `/v1/people/${STAR}`);
  t.equal(star.body.citations.length, CITATIONS_MAX, `the person shows ${CITATIONS_MAX}`);
  t.same(star.body.lists.citations, { total: extra, more: null }, 'and says how many there are');
  const gathering = await getJson(app, `/v1/events/${GATHERING}`);
  t.equal(
    gathering.body.participants[0].citations.length,
    CITATIONS_MAX,
    `a participant shows its first ${CITATIONS_MAX}`,
  );
  await t.test('its queries read through indexes', PLANS, (t) =>
    assertIndexed(t, app, [`/v1/people/${STAR}`]),
  );
});
