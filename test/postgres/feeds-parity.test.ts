/**
 * The timeline and the events' facets on PostgreSQL give SQLite's answers, byte for byte, on the
 * seed. The timeline: its default page, each filter (values read from the seed, several at once
 * where it takes them, and one matching nothing) alone and with each kind, the whole timeline
 * walked two and three at a time (every page the same on both), and the same problem for bad
 * cursors. The facets: every facet with no filter, with each filter and with `q` (the matches
 * counted are the same on both backends, however each ranks them).
 *
 * The cases come from the query schemas: a filter with no values to try here fails the test.
 */
import t, { type Test } from 'tap';
import type { z } from 'zod';
import { type ReadTask, renderRead } from '../../src/http/reads/task.js';
import { eventsReads } from '../../src/kinds/events/reads.js';
import { EVENT_FACETS, EventFacetsQuery } from '../../src/kinds/events/schemas.js';
import { encodeCursor } from '../../src/query/list/cursor.js';
import { ListQuery } from '../../src/query/shapes.js';
import { timelineReads } from '../../src/timeline/reads.js';
import { TIMELINE_KINDS, TimelineQuery } from '../../src/timeline/schemas.js';
import { type Backends, sameAnswer } from './parity.js';
import { seededBackends } from './seeded.js';

const column = (backends: Backends, sql: string) =>
  backends.sqlite.$client.prepare(sql).pluck().all().map(String);

/** The filters of a query schema: its parameters beside `ignored`. */
const filtersOf = (schema: z.ZodObject, ignored: Iterable<string>) => {
  const skip = new Set(ignored);
  return Object.keys(schema.shape)
    .filter((name) => !skip.has(name))
    .sort();
};

/** Each value alone, two at once, and values matching nothing, those the schema takes. */
function tries(schema: z.ZodObject, name: string, values: string[]): string[] {
  const more = [values.slice(0, 2).join(','), 'zz-nothing', '2999-01', '1950'];
  return [...values, ...more.filter((v) => schema.safeParse({ [name]: v }).success)];
}

/** Walks a task's pages from `raw`, each the same on both backends; the number of pages. */
async function walk(
  t: Test,
  backends: Backends,
  task: ReadTask<never>,
  parse: (raw: Record<string, string>) => never,
  raw: Record<string, string>,
): Promise<number> {
  let cursor: string | null = null;
  let pages = 0;
  do {
    const params = parse({ ...raw, ...(cursor ? { cursor } : {}) });
    await sameAnswer(t, backends, task, params);
    const result = renderRead(task, backends.sqlite, params);
    cursor = result.tag === 'ok' ? (JSON.parse(result.body) as Page).next_cursor : null;
    pages += 1;
  } while (cursor && pages < 200);
  return pages;
}

type Page = { next_cursor: string | null };

/** Values of the timeline's filters, from the seed. */
const TIMELINE_FILTERS: Record<string, string> = {
  from: `select distinct substr(start, 1, 4) from events
    union select distinct date from statements where date is not null
    union select distinct arrival from delegations where arrival is not null
    union select distinct start from events`,
  to: `select distinct start from events
    union select distinct date from statements where date is not null
    union select distinct arrival from delegations where arrival is not null`,
  place: 'select id from places',
  participant: 'select id from people union select id from organizations',
  event: 'select id from events',
  kind: `select '${TIMELINE_KINDS.join("' union select '")}'`,
};

t.test('the timeline gives the same pages on both backends', async (t) => {
  const backends = await seededBackends(t);
  const task = timelineReads.list as ReadTask<never>;
  const parse = (raw: Record<string, string>) => TimelineQuery.parse(raw) as never;
  const same = (raw: Record<string, string>) => sameAnswer(t, backends, task, parse(raw));

  await same({});
  const filters = filtersOf(TimelineQuery, Object.keys(ListQuery.shape));
  t.same(Object.keys(TIMELINE_FILTERS).sort(), filters, 'every filter has values to try');
  for (const [name, sql] of Object.entries(TIMELINE_FILTERS)) {
    const values = column(backends, sql);
    t.ok(values.length > 0, `the seed has values for ${name}`);
    for (const value of tries(TimelineQuery, name, values)) {
      await same({ [name]: value, limit: '100' });
      if (name === 'kind') continue;
      for (const kind of TIMELINE_KINDS) await same({ [name]: value, kind, limit: '100' });
    }
  }

  // The whole timeline, and a period of it, a few at a time: ties on a day cross pages.
  for (const limit of ['2', '3']) {
    t.ok((await walk(t, backends, task, parse, { limit })) > 2, `walked ${limit} at a time`);
    for (const kind of TIMELINE_KINDS) await walk(t, backends, task, parse, { limit, kind });
  }
  await walk(t, backends, task, parse, { limit: '2', from: '2023-07', to: '2023-07-28' });

  // Bad cursors: the same problem on both.
  const cursors = [
    'not-a-cursor',
    encodeCursor('timeline', ['2023-07-27', 'nothing', 'x']),
    encodeCursor('timeline', [2023, 'event', 'x']),
    encodeCursor('timeline', ['2023-07-27', 'event']),
    encodeCursor('events:start', ['2023-07-27', 'x']),
  ];
  for (const cursor of cursors) await same({ cursor });
  // A cursor made by hand between items still reads on (both read the same rows after it).
  await same({ cursor: encodeCursor('timeline', ['2023-07-27', 'event', 'm']) });
});

/** Values of the facets' filters (the events list's), from the seed. */
const FACET_FILTERS: Record<string, string> = {
  from: 'select distinct substr(start, 1, 4) from events union select distinct start from events',
  to: "select distinct start from events union select '1950'",
  type: 'select distinct type from events',
  status: 'select distinct status from events',
  place: 'select id from places',
  participant:
    'select distinct coalesce(person_id, organization_id) from participations where coalesce(person_id, organization_id) is not null',
  match: "select 'certain' union select 'possible'",
};

t.test('the events facets count the same on both backends', async (t) => {
  const backends = await seededBackends(t);
  const task = eventsReads.facets as ReadTask<never>;
  const every = EVENT_FACETS.join(',');
  const same = (raw: Record<string, string>) =>
    sameAnswer(t, backends, task, EventFacetsQuery.parse({ by: every, ...raw }) as never);

  // No filter: the default facets, each alone, all of them, and a few values per facet.
  await sameAnswer(t, backends, task, EventFacetsQuery.parse({}) as never);
  for (const by of EVENT_FACETS) await same({ by });
  for (const limit of ['1', '2', '100']) await same({ limit });

  const filters = filtersOf(EventFacetsQuery, [...Object.keys(ListQuery.shape), 'by']);
  t.same(Object.keys(FACET_FILTERS).sort(), filters, 'every filter has values to try');
  for (const [name, sql] of Object.entries(FACET_FILTERS)) {
    const values = column(backends, sql);
    t.ok(values.length > 0, `the seed has values for ${name}`);
    for (const value of tries(EventFacetsQuery, name, values)) {
      await same({ [name]: value });
      await same({ [name]: value, limit: '1' });
    }
  }
  for (const match of ['certain', 'possible']) await same({ from: '2023-07', to: '2023', match });

  // The common filters: id= and according_to=.
  const ids = column(backends, 'select id from events order by id limit 4');
  await same({ id: [...ids, 'zz-nothing'].join(',') });
  const accounts = column(
    backends,
    'select distinct step_id from citation_steps union select issued_by_id from sources where issued_by_id is not null',
  );
  for (const account of [...accounts, 'zz-nobody']) await same({ according_to: account });

  // q: the same matches counted (and the same problem for a query without words).
  for (const q of ['war', 'korea', 'kim jong', '"korean war"', 'zzqx', '!!!']) {
    await same({ q });
    await same({ q, type: column(backends, 'select type from events limit 1')[0] as string });
  }
  const found = renderRead(task, backends.sqlite, EventFacetsQuery.parse({ q: 'war' }) as never);
  t.match(found, { tag: 'ok' }, "q='war' is answered");
  if (found.tag === 'ok') t.ok(JSON.parse(found.body).total > 0, "q='war' counts some events");
});
