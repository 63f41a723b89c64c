/**
 * Every kind's list on PostgreSQL gives SQLite's page, byte for byte, on the seed: the default
 * page, each filter (values read from the seed, and one matching nothing), each sort both ways,
 * the whole list walked two by two under each sort (the cursors equal at every step), `count`,
 * `id=`, `according_to=`, `include=`, the page as CSV (default, filtered, after a cursor), and
 * the same problem for a bad cursor or sort. `q` lists
 * are compared as sets of ids, since PostgreSQL ranks by ts_rank_cd where SQLite ranks by bm25.
 * The views, the facets, the timeline and the import log are compared alike. A cursor no list
 * issued whose key has the wrong type (text for a number) is a 400 on PostgreSQL, where SQLite,
 * which compares any value with any other, answers some page.
 *
 * The cases come from each list's query schema: its filters are the parameters it takes beside
 * the common ones (ListQuery's), and a filter with no values to try here fails the test.
 */
import { drizzle } from 'drizzle-orm/node-postgres';
import t, { type Test } from 'tap';
import type { z } from 'zod';
import { csvPageTask } from '../../src/bundle/export-task.js';
import { importReads, toRecord } from '../../src/bundle/http/import-log.js';
import { importLogRow } from '../../src/bundle/run.js';
import { type ReadResult, type ReadTask, renderRead } from '../../src/http/reads/task.js';
import { delegationsReads } from '../../src/kinds/delegations/reads.js';
import { DelegationListQuery } from '../../src/kinds/delegations/schemas.js';
import { eventsReads } from '../../src/kinds/events/reads.js';
import { EVENT_FACETS, EventFacetsQuery, EventListQuery } from '../../src/kinds/events/schemas.js';
import { figuresReads } from '../../src/kinds/figures/reads.js';
import { FigureListQuery } from '../../src/kinds/figures/schemas.js';
import type { KindName } from '../../src/kinds/index.js';
import { organizationsReads } from '../../src/kinds/organizations/reads.js';
import { OrganizationListQuery } from '../../src/kinds/organizations/schemas.js';
import { peopleReads } from '../../src/kinds/people/reads.js';
import { PersonListQuery } from '../../src/kinds/people/schemas.js';
import { placesReads } from '../../src/kinds/places/reads.js';
import { PlaceListQuery } from '../../src/kinds/places/schemas.js';
import { sourcesReads } from '../../src/kinds/sources/reads.js';
import { SourceListQuery } from '../../src/kinds/sources/schemas.js';
import { statementsReads } from '../../src/kinds/statements/reads.js';
import { StatementListQuery } from '../../src/kinds/statements/schemas.js';
import { imports as sqliteImports } from '../../src/kinds/tables.js';
import { imports as postgresImports } from '../../src/kinds/tables.pg.js';
import { encodeCursor } from '../../src/query/list/cursor.js';
import { ListQuery, ViewQuery } from '../../src/query/shapes.js';
import { timelineReads } from '../../src/timeline/reads.js';
import { TimelineQuery } from '../../src/timeline/schemas.js';
import { type Backends, postgresAnswer, sameAnswer } from './parity.js';
import { seededBackends } from './seeded.js';

/** A list and what to try it with, from the seed's SQLite database. */
interface ListCase {
  task: ReadTask<never>;
  schema: z.ZodObject<any>;
  /** The table whose ids the list gives. */
  table: string;
  /** For each filter, SQL giving values to try (one column). */
  filters: Record<string, string>;
  /** A word to search for that some items hold. */
  q: string;
}

/** Parameters a list's query does not filter by, or that need more than one value (`match`). */
const NOT_FILTERS = new Set([...Object.keys(ListQuery.shape), 'sort', 'include', 'fields']);

const LISTS: ListCase[] = [
  {
    task: eventsReads.list,
    schema: EventListQuery,
    table: 'events',
    filters: {
      from: "select distinct substr(start, 1, 4) from events union select '2023-07-27'",
      to: "select distinct start from events union select '1950'",
      type: 'select distinct type from events',
      status: 'select distinct status from events',
      place: 'select distinct place_id from events where place_id is not null',
      participant:
        'select distinct coalesce(person_id, organization_id) from participations where coalesce(person_id, organization_id) is not null',
      match: "select 'certain' union select 'possible'",
      names_by:
        'select distinct used_by from event_names union select lower(used_by) from event_names',
    },
    q: 'war',
  },
  {
    task: peopleReads.list,
    schema: PersonListQuery,
    table: 'people',
    filters: { organization: 'select distinct organization_id from positions' },
    q: 'kim',
  },
  {
    task: placesReads.list,
    schema: PlaceListQuery,
    table: 'places',
    filters: {
      type: 'select distinct type from places',
      within: 'select distinct parent_id from places where parent_id is not null',
    },
    q: 'korea',
  },
  {
    task: organizationsReads.list,
    schema: OrganizationListQuery,
    table: 'organizations',
    filters: {
      type: 'select distinct type from organizations',
      country: 'select distinct country_id from organizations where country_id is not null',
    },
    q: 'korean',
  },
  {
    task: sourcesReads.list,
    schema: SourceListQuery,
    table: 'sources',
    filters: { publisher: 'select distinct publisher from sources where publisher is not null' },
    q: 'war',
  },
  {
    task: statementsReads.list,
    schema: StatementListQuery,
    table: 'statements',
    filters: {
      speaker:
        'select distinct coalesce(speaker_person_id, speaker_organization_id) from statements',
      event: 'select distinct event_id from statements where event_id is not null',
      delegation: 'select distinct delegation_id from statements where delegation_id is not null',
      mode: 'select distinct mode from statements',
      place: 'select distinct place_id from statements where place_id is not null',
      from: "select distinct date from statements where date is not null union select '1950'",
      to: "select distinct date from statements where date is not null union select '1950'",
    },
    q: 'war',
  },
  {
    task: figuresReads.list,
    schema: FigureListQuery,
    table: 'figures',
    filters: {
      subject: 'select distinct subject_id from figures',
      event: 'select distinct event_id from figures where event_id is not null',
      qualifier: 'select distinct qualifier from figures',
      min: 'select value from figures union select lower_bound from figures where lower_bound is not null union select 0',
      max: 'select value from figures union select upper_bound from figures where upper_bound is not null union select 0',
    },
    q: 'killed',
  },
  {
    task: delegationsReads.list,
    schema: DelegationListQuery,
    table: 'delegations',
    filters: {
      leader: 'select distinct leader_id from delegations where leader_id is not null',
      destination:
        "select distinct destination_id from delegations where destination_id is not null union select 'korean-peninsula'",
      sender: 'select distinct sender_id from delegations where sender_id is not null',
      event: 'select distinct event_id from delegations where event_id is not null',
      status: 'select distinct status from delegations',
    },
    q: 'delegation',
  },
];

/** The query a list's task takes, from query-string values. */
const parsed = (list: ListCase, raw: Record<string, string>) => list.schema.parse(raw) as never;

/** SQLite's answer, parsed: for the next cursor and the ids. */
function sqliteBody(backends: Backends, list: ListCase, params: never) {
  const result = renderRead(list.task, backends.sqlite, params);
  if (result.tag !== 'ok') throw new Error(`${list.task.name}: ${JSON.stringify(result)}`);
  return JSON.parse(result.body) as { data: { id: string }[]; next_cursor: string | null };
}

const column = (backends: Backends, sql: string) =>
  backends.sqlite.$client.prepare(sql).pluck().all() as (string | number)[];

/** Walks the list two by two from `raw`, each page the same on both backends. */
async function walk(t: Test, backends: Backends, list: ListCase, raw: Record<string, string>) {
  let cursor: string | null | undefined;
  let pages = 0;
  do {
    const params = parsed(list, { ...raw, limit: '2', ...(cursor ? { cursor } : {}) });
    await sameAnswer(t, backends, list.task, params);
    cursor = sqliteBody(backends, list, params).next_cursor;
    pages += 1;
  } while (cursor && pages < 50);
  return pages;
}

async function checkList(t: Test, backends: Backends, list: ListCase) {
  const same = (raw: Record<string, string>) =>
    sameAnswer(t, backends, list.task, parsed(list, raw));
  await same({});
  await same({ count: 'true' });

  const filterNames = Object.keys(list.schema.shape).filter((name) => !NOT_FILTERS.has(name));
  t.same(Object.keys(list.filters).sort(), filterNames.sort(), 'every filter has values to try');
  for (const [name, sql] of Object.entries(list.filters)) {
    const values = column(backends, sql).map(String);
    t.ok(values.length > 0, `the seed has values for ${name}`);
    for (const value of values) await same({ [name]: value, count: 'true' });
    // Several values where the filter takes them, and one matching nothing where one parses.
    const more = [values.slice(0, 2).join(','), 'zz-nothing', '2999-01', '1e12'];
    for (const value of more.filter((v) => list.schema.safeParse({ [name]: v }).success)) {
      await same({ [name]: value, count: 'true' });
    }
  }

  const sorts = (list.schema.shape.sort.unwrap().options as string[]).filter(
    (sort) => !sort.endsWith('rank'),
  );
  for (const sort of sorts) t.ok((await walk(t, backends, list, { sort })) > 0, `walked ${sort}`);

  // The page as CSV (bundle.csvPage, `Accept: text/csv`): the records of the page's ids, in its
  // order, by the same csv.ts on both; an id gone since the page was read is left out.
  const csv = (ids: string[]) =>
    sameAnswer(t, backends, csvPageTask, { kind: list.table as KindName, ids });
  const [filter, sql] = Object.entries(list.filters)[0] ?? [];
  const filtered = filter && sql ? { [filter]: String(column(backends, sql)[0]) } : {};
  const first = sqliteBody(backends, list, parsed(list, { limit: '1' }));
  t.ok(first.next_cursor, 'the list has a second page');
  for (const raw of [{}, filtered, { limit: '1', cursor: String(first.next_cursor) }]) {
    await csv(sqliteBody(backends, list, parsed(list, raw)).data.map((item) => item.id));
  }
  await csv([...first.data.map((item) => item.id), 'zz-nothing']);
  await csv([]);

  // include=: each relation the list takes, and all of them.
  const includes = ['citations', 'place', 'parent', 'names', 'participants'].filter(
    (name) => list.schema.safeParse({ include: name }).success,
  );
  t.ok(includes.length > 0, 'the list takes include=');
  for (const include of [...includes, includes.join(',')]) {
    await same({ include });
    await same({ include, limit: '2', sort: `-${sorts[0]}` });
  }

  const ids = column(backends, `select id from ${list.table} order by id desc limit 3`);
  await same({ id: [...ids, 'zz-nothing'].join(',') });
  await same({ id: String(ids[0]), sort: `-${sorts[0]}` });

  const accounts = column(
    backends,
    `select distinct step_id from citation_steps union select issued_by_id from sources where issued_by_id is not null`,
  );
  for (const account of [...accounts, 'zz-nobody']) {
    await same({ according_to: String(account), count: 'true' });
  }

  // Bad input: the same problem on both.
  await same({ cursor: 'not-a-cursor' });
  const other = sqliteBody(backends, list, parsed(list, { limit: '1', sort: `-${sorts[0]}` }));
  await same({ cursor: String(other.next_cursor) });
  await sameAnswer(t, backends, list.task, {
    ...(parsed(list, {}) as object),
    sort: 'nope',
  } as never);
  await same({ sort: 'rank' });
  await same({ q: '!!!' });

  // `q`: the same matches, in an order that may differ.
  const idsOf = (body: string) =>
    (JSON.parse(body) as { data: { id: string }[] }).data.map((item) => item.id).sort();
  const searches: Record<string, string>[] = [
    { q: list.q },
    { q: list.q, sort: `-${sorts[0]}` },
    { q: 'zzqx' },
  ];
  for (const raw of searches) {
    const params = parsed(list, { ...raw, limit: '100', count: 'true' });
    const sqlite = renderRead(list.task, backends.sqlite, params);
    const postgres = await postgresAnswer(backends.pool, list.task, params);
    if (sqlite.tag !== 'ok' || postgres.tag !== 'ok') {
      t.fail(`${list.task.name} ${JSON.stringify(raw)}: ${sqlite.tag}, ${postgres.tag}`);
      continue;
    }
    t.same(idsOf(postgres.body), idsOf(sqlite.body), `${list.task.name} ${JSON.stringify(raw)}`);
    if (raw.q === list.q) t.ok(idsOf(sqlite.body).length > 0, `'${list.q}' finds some`);
    t.same(postgres.page?.total, sqlite.page?.total, 'the same total');
  }

  // Ranked pages walked one by one on PostgreSQL, by its own cursors: each match once.
  const walked: string[] = [];
  let cursor: string | undefined;
  do {
    const params = parsed(list, { q: list.q, limit: '1', ...(cursor ? { cursor } : {}) });
    const page = await postgresAnswer(backends.pool, list.task, params);
    if (page.tag !== 'ok') throw new Error(`${list.task.name}: ${JSON.stringify(page)}`);
    walked.push(...idsOf(page.body));
    cursor = page.page?.next ?? undefined;
  } while (cursor && walked.length < 100);
  const all = sqliteBody(backends, list, parsed(list, { q: list.q, limit: '100' }));
  t.same(walked.sort(), all.data.map((item) => item.id).sort(), `'${list.q}' walked by rank`);
}

/** A view of an item (`/v1/places/{id}/events`): its task and the table of the items. */
interface ViewCase {
  task: ReadTask<never>;
  table: string;
}

const VIEWS: ViewCase[] = [
  { task: eventsReads.children, table: 'events' },
  { task: placesReads.events, table: 'places' },
  { task: peopleReads.events, table: 'people' },
  { task: peopleReads.statements, table: 'people' },
  { task: peopleReads.delegations, table: 'people' },
];

/** Each item's view walked two by two, one that is no item (none on both), a bad cursor. */
async function checkView(t: Test, backends: Backends, view: ViewCase) {
  const ids = column(backends, `select id from ${view.table} order by id`).map(String);
  for (const id of [...ids, 'zz-nothing']) {
    let cursor: string | null | undefined;
    let pages = 0;
    do {
      const params = { id, query: ViewQuery.parse({ limit: '2', ...(cursor ? { cursor } : {}) }) };
      await sameAnswer(t, backends, view.task, params as never);
      const result = renderRead(view.task, backends.sqlite, params as never);
      cursor = result.tag === 'ok' ? (JSON.parse(result.body) as Page).next_cursor : null;
      pages += 1;
    } while (cursor && pages < 50);
  }
  const query = ViewQuery.parse({ cursor: 'not-a-cursor' });
  await sameAnswer(t, backends, view.task, { id: ids[0], query } as never);
}

type Page = { next_cursor: string | null };

t.test('every list and view gives the same page on both backends', async (t) => {
  const backends = await seededBackends(t);
  for (const list of LISTS) await t.test(list.task.name, (t) => checkList(t, backends, list));
  for (const view of VIEWS) await t.test(view.task.name, (t) => checkView(t, backends, view));
});

t.test('the events facets count alike on both backends', async (t) => {
  const backends = await seededBackends(t);
  const same = (raw: Record<string, string>) =>
    sameAnswer(t, backends, eventsReads.facets, EventFacetsQuery.parse(raw) as never);
  const all = EVENT_FACETS.join(',');
  await same({});
  await same({ by: all });
  await same({ by: all, limit: '1' });
  const events = LISTS[0] as ListCase;
  for (const [name, sql] of Object.entries(events.filters)) {
    if (!(name in EventFacetsQuery.shape)) continue;
    for (const value of column(backends, sql).map(String)) await same({ by: all, [name]: value });
  }
  await same({ by: all, q: events.q });
  await same({ by: all, according_to: 'korean-central-news-agency' });
  await same({ by: all, q: '!!!' });
});

t.test('the timeline gives the same pages on both backends', async (t) => {
  const backends = await seededBackends(t);
  const filters: Record<string, string> = {
    from: "select distinct start from events union select distinct date from statements where date is not null union select '2023-07-27'",
    to: 'select distinct start from events union select distinct arrival from delegations where arrival is not null',
    place: 'select id from places',
    participant: 'select id from people union select id from organizations',
    event: 'select id from events',
    kind: "select 'event' union select 'statement' union select 'delegation_arrival'",
  };
  t.same(
    Object.keys(filters).sort(),
    Object.keys(TimelineQuery.shape)
      .filter((name) => !NOT_FILTERS.has(name))
      .sort(),
    'every filter has values to try',
  );
  const walkTimeline = async (raw: Record<string, string>) => {
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query = TimelineQuery.parse({ ...raw, limit: '2', ...(cursor ? { cursor } : {}) });
      await sameAnswer(t, backends, timelineReads.list, query as never);
      const result: ReadResult = renderRead(timelineReads.list, backends.sqlite, query as never);
      cursor = result.tag === 'ok' ? (JSON.parse(result.body) as Page).next_cursor : null;
      pages += 1;
    } while (cursor && pages < 50);
  };
  await walkTimeline({});
  for (const [name, sql] of Object.entries(filters)) {
    for (const value of column(backends, sql).map(String)) await walkTimeline({ [name]: value });
  }
  const query = TimelineQuery.parse({ cursor: 'not-a-cursor' });
  await sameAnswer(t, backends, timelineReads.list, query as never);
});

t.test('the import log gives the same pages on both backends', async (t) => {
  const backends = await seededBackends(t);
  // The seed's own line, then lines of the same report at a few times (two alike, so that ids
  // break the tie), on both: the seed's line was logged at another time on each.
  const [seeded] = backends.sqlite.select().from(sqliteImports).all();
  if (!seeded) throw new Error('the seed logged no import');
  const record = toRecord(seeded);
  const times = [
    '2026-01-02T00:00:00.000Z',
    '2026-01-01T00:00:00.000Z',
    '2026-01-02T00:00:00.000Z',
  ];
  const rows = [
    record,
    ...times.map((at, i) => ({ ...record, id: `import-${i}`, started_at: at })),
  ].map((line) => importLogRow({ ...line, finished_at: line.started_at }));
  backends.sqlite.delete(sqliteImports).run();
  backends.sqlite.insert(sqliteImports).values(rows).run();
  await drizzle({ client: backends.pool }).delete(postgresImports);
  await drizzle({ client: backends.pool }).insert(postgresImports).values(rows);

  let cursor: string | null = null;
  let pages = 0;
  do {
    const params: { limit: number; cursor?: string } = { limit: 1, ...(cursor ? { cursor } : {}) };
    await sameAnswer(t, backends, importReads.list, params);
    const result: ReadResult = renderRead(importReads.list, backends.sqlite, params);
    cursor = result.tag === 'ok' ? (JSON.parse(result.body) as Page).next_cursor : null;
    pages += 1;
  } while (cursor);
  t.equal(pages, rows.length, 'a page a line');
  await sameAnswer(t, backends, importReads.list, { limit: 2, cursor: 'not-a-cursor' });
});

t.test('a cursor whose key is of the wrong type is a 400 on PostgreSQL, never a 500', async (t) => {
  const backends = await seededBackends(t);
  const cases = [
    { sort: 'value', key: ['many', 'x'] },
    { sort: '-id', key: [12, 'x'] },
  ];
  for (const { sort, key } of cases) {
    const params = FigureListQuery.parse({ sort, cursor: encodeCursor(`figure:${sort}`, key) });
    const answer = await postgresAnswer(backends.pool, figuresReads.list, params as never);
    t.match(
      answer,
      { tag: 'problem', status: 400, errors: [{ field: '/cursor' }] },
      `figures sort=${sort} after ${JSON.stringify(key)}`,
    );
  }
});
