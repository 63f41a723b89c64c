/**
 * Every kind's list on PostgreSQL gives SQLite's page, byte for byte, on the seed: the default
 * page, each filter (values read from the seed, and one matching nothing), each sort both ways,
 * the whole list walked two by two under each sort (the cursors equal at every step), `count`,
 * `id=`, `according_to=`, and the same problem for a bad cursor or sort. `q` lists are compared as
 * sets of ids, since PostgreSQL ranks by ts_rank_cd where SQLite ranks by bm25.
 *
 * The cases come from each list's query schema: its filters are the parameters it takes beside
 * the common ones (ListQuery's), and a filter with no values to try here fails the test.
 */
import t, { type Test } from 'tap';
import type { z } from 'zod';
import { type ReadTask, renderRead } from '../../src/http/reads/task.js';
import { eventsReads } from '../../src/kinds/events/reads.js';
import { EventListQuery } from '../../src/kinds/events/schemas.js';
import { ListQuery } from '../../src/query/shapes.js';
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
    t.same(postgres.page?.total, sqlite.page?.total, 'the same total');
  }
}

t.test('every list gives the same page on both backends', async (t) => {
  const backends = await seededBackends(t);
  for (const list of LISTS) await t.test(list.task.name, (t) => checkList(t, backends, list));
});
