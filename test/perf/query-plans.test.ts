/**
 * Every list, filter, view and item route, served by an index: each request's SQL is recorded
 * with its values and its EXPLAIN QUERY PLAN checked for a full scan of a growing table, a sort
 * of every match, or a date range left open at one end. No ANALYZE runs on the test database,
 * so SQLite plans from the schema alone: the seed gets the plans a million events would.
 */
import t, { type Test } from 'tap';
import type { App } from '../../src/app.js';
import { buildTestApp, sqliteOnly } from '../helper.js';
import { CASES, type Case } from './plan-cases.js';
import { PLAN_TODOS } from './plan-findings.js';
import {
  type Offence,
  offencesOf,
  openRangesOf,
  outerLoop,
  type Planned,
  planAll,
  recordStatements,
  renderPlan,
} from './plans.js';

const SQLITE_ONLY = sqliteOnly("SQLite's query plans");

/** A request's statements, page by page: page 2 runs under the first page's cursor. */
interface PagePlans {
  page: 1 | 2;
  statements: Planned[];
}

/**
 * Query keys that narrow nothing: a list given only these reads every row in its sort's order.
 * (`kind` picks which of the timeline's feeds run, not which rows a feed reads.)
 */
const NARROWING_FREE = new Set([
  'sort',
  'limit',
  'cursor',
  'include',
  'fields',
  'names_by',
  'kind',
  'count',
]);

function isUnfilteredList(url: string): boolean {
  const parsed = new URL(url, 'http://annals.test');
  return (
    /^\/v1\/(?!search$)[a-z]+$/.test(parsed.pathname) &&
    [...parsed.searchParams.keys()].every((key) => NARROWING_FREE.has(key))
  );
}

/** Both ends of a date range given: the index range read must be closed at both ends. */
const isClosedRange = (url: string) => /[?&]from=/.test(url) && /[?&]to=/.test(url);

interface Allowance {
  why: string;
  allows: (offence: Offence, statement: Planned, testCase: Case, page: 1 | 2) => boolean;
}

/** The accepted exceptions, each with its reason. Anything else a plan shows is a finding. */
const ALLOWED: Allowance[] = [
  {
    // A first page with no filter reads its sort's index from one end and stops after
    // `limit + 1` rows: every row read is a row served. A later page must SEARCH from its
    // cursor instead; a SCAN there re-reads every earlier page.
    why: 'an unfiltered first page walks its sort index in order and stops at the LIMIT',
    allows: (offence, statement, testCase, page) =>
      offence.kind === 'scan' &&
      page === 1 &&
      isUnfilteredList(testCase.url) &&
      / USING (COVERING )?INDEX /.test(offence.line) &&
      outerLoop(statement) === offence.line &&
      /\blimit \?$/i.test(statement.sql.trim()) &&
      !statement.plan.some((line) => line.detail === 'USE TEMP B-TREE FOR ORDER BY'),
  },
  {
    // count=true with no filter counts every row: SQLite reads the smallest index whole (one
    // entry a row, no table row read), which is what counting them all is.
    why: 'an unfiltered count reads the smallest index whole',
    allows: (offence, statement, testCase) =>
      offence.kind === 'scan' &&
      isUnfilteredList(testCase.url) &&
      / USING COVERING INDEX /.test(offence.line) &&
      /^select count\(\*\) from "[a-z_]+"$/.test(statement.sql.trim()),
  },
  {
    // `q` ranks (or orders) its full-text matches: every match is read from the FTS index and
    // sorted whichever order is asked, so the cost follows how many items the words match,
    // which no B-tree index bounds. The search target measures it.
    why: 'q sorts its full-text matches (bm25, or the column asked for)',
    allows: (offence, statement) =>
      offence.kind === 'sort' && /search_fts match/i.test(statement.sql),
  },
  {
    // `id=` names at most a page of items (LIMIT_MAX): read by primary key, and only those sorted.
    why: 'id= reads at most a page of items by primary key and sorts only them',
    allows: (offence, _statement, testCase) =>
      offence.kind === 'sort' &&
      new URL(testCase.url, 'http://annals.test').searchParams.has('id') &&
      / USING INDEX sqlite_autoindex_[a-z_]+_1 \(id=\?\)$/.test(offence.after ?? ''),
  },
  {
    // A place's ancestors: the recursive walk up stops at MAX_DEPTH (64) rows, sorted by depth.
    why: "a place's ancestors: at most 64 rows",
    allows: (offence, statement) =>
      offence.kind === 'sort' && /with recursive up\(id, depth\)/.test(statement.sql),
  },
  {
    // Events longer than the longest span class's bound (ten years) have no lower bound on
    // their start: the part of `from` that reads them is open below by design (span-classes.ts).
    why: 'the longest span class has no lower bound on its start',
    allows: (offence) =>
      offence.kind === 'open range' &&
      /\(span_class=\? AND start_first_day<\?\)$/.test(offence.line),
  },
];

/** The allowances that excused a plan line in this run: each must still be needed. */
const used = new Set<Allowance>();

function findingsOf(pages: PagePlans[], testCase: Case) {
  return pages.flatMap(({ page, statements }) =>
    statements.flatMap((statement) => {
      const offences = [
        ...offencesOf(statement),
        ...(isClosedRange(testCase.url) ? openRangesOf(statement) : []),
      ].filter((offence) => {
        const allowance = ALLOWED.find((a) => a.allows(offence, statement, testCase, page));
        if (allowance) used.add(allowance);
        return !allowance;
      });
      return offences.length === 0 ? [] : [{ page, statement, offences }];
    }),
  );
}

const describe = (offence: Offence) =>
  offence.after ? `${offence.line} after ${offence.after}` : offence.line;

const bigints = (_: string, value: unknown) => (typeof value === 'bigint' ? String(value) : value);

async function plannedRequest(app: App, url: string) {
  const { result, executed } = await recordStatements(app, () =>
    app.inject({ method: 'GET', url }),
  );
  return { res: result, statements: planAll(app.db.$client, executed) };
}

/** The request's statements with their plans: its first page, and its second where it has one. */
async function plansOf(t: Test, app: App, testCase: Case): Promise<PagePlans[]> {
  // A page of one, so that most lists have a second: the cursor's condition is planned too.
  const sep = testCase.url.includes('?') ? '&' : '?';
  const url = testCase.item ? testCase.url : `${testCase.url}${sep}limit=1`;
  const first = await plannedRequest(app, url);
  t.equal(first.res.statusCode, 200, `GET ${url} answers 200`);
  t.ok(first.statements.length > 0, `GET ${url} runs SQL`);
  const pages: PagePlans[] = [{ page: 1, statements: first.statements }];
  const next = testCase.item ? null : first.res.json().next_cursor;
  if (typeof next === 'string') {
    const second = await plannedRequest(app, `${url}&cursor=${encodeURIComponent(next)}`);
    t.equal(second.res.statusCode, 200, `GET ${url} answers 200 on its second page`);
    pages.push({ page: 2, statements: second.statements });
  }
  return pages;
}

t.test('every list, filter, view and item route is served by an index', SQLITE_ONLY, async (t) => {
  const app = await buildTestApp(t);

  for (const testCase of CASES) {
    const name = `${testCase.route} ${testCase.filter}`;
    const findings = findingsOf(await plansOf(t, app, testCase), testCase);
    const known = PLAN_TODOS[name];
    if (known && findings.length === 0) {
      t.fail(`${name} no longer reads a whole table or sorts every match: remove its todo`);
    }
    await t.test(name, known ? { todo: `${name}: ${known}` } : {}, async (t) => {
      for (const { page, statement, offences } of findings) {
        t.comment(
          [
            `${name}, page ${page}: ${offences.map(describe).join('; ')}`,
            `SQL: ${statement.sql.replace(/\s+/g, ' ')}`,
            `params: ${JSON.stringify(statement.params, bigints)}`,
            renderPlan(statement.plan),
          ].join('\n'),
        );
      }
      const distinct = [...new Set(findings.flatMap((f) => f.offences.map(describe)))];
      t.same(distinct, [], `${name}: no full scan, no sort of every match, no open range`);
    });
  }

  const unused = ALLOWED.filter((allowance) => !used.has(allowance)).map((a) => a.why);
  t.same(unused, [], 'every allowance still excuses some plan line');
});

t.test(
  'place= or type= with a date range tests each event from the span index, not its row',
  SQLITE_ONLY,
  async (t) => {
    const app = await buildTestApp(t);
    for (const filter of ['place=dprk', 'type=tribute']) {
      const url = `/v1/events?${filter}&from=1950&to=2023&limit=1`;
      const { res, statements } = await plannedRequest(app, url);
      t.equal(res.statusCode, 200, url);
      const parts = statements.filter((statement) => /"span_class" = \?/.test(statement.sql));
      t.ok(parts.length > 0, `${filter}: the date range is read by span class`);
      for (const part of parts) {
        t.match(
          part.plan.map((line) => line.detail).join('\n'),
          /^SEARCH events USING COVERING INDEX events_span_start_idx /m,
          `${filter}: a part reads its events from the index alone`,
        );
      }
    }
  },
);

t.test('the checker reads plans as SQLite prints them', SQLITE_ONLY, async (t) => {
  const planned = (sql: string, ...details: string[]): Planned => ({
    sql,
    params: [],
    plan: details.map((detail, i) => ({ id: i + 1, parent: 0, detail })),
  });
  const lines = (statement: Planned) => offencesOf(statement).map((o) => o.line);

  t.same(
    lines(planned('select * from "events" "parent"', 'SCAN parent')),
    ['SCAN parent'],
    'a SCAN under an alias is a SCAN of its table',
  );
  t.same(
    lines(planned('select * from events', 'SCAN events USING COVERING INDEX events_start_idx')),
    ['SCAN events USING COVERING INDEX events_start_idx'],
    'a SCAN through a covering index reads every entry too',
  );
  t.same(
    lines(planned('with recursive subtree(id) as (...) select id from subtree', 'SCAN subtree')),
    [],
    'a SCAN of a CTE result is not a table scan',
  );
  t.same(
    lines(planned('select rowid from search_fts', 'SCAN search_fts VIRTUAL TABLE INDEX 0:=M3')),
    [],
    'a full-text MATCH is not a table scan',
  );
  t.same(
    lines(planned('select rowid from search_fts', 'SCAN search_fts VIRTUAL TABLE INDEX 0:')),
    ['SCAN search_fts VIRTUAL TABLE INDEX 0:'],
    'a full-text scan without MATCH is',
  );
  t.same(
    lines(
      planned(
        'select 1',
        'SEARCH events USING INDEX x (a=?)',
        'USE TEMP B-TREE FOR LAST TERM OF ORDER BY',
      ),
    ),
    [],
    'sorting ties of the last term is not a sort of every match',
  );
  t.same(
    openRangesOf(planned('select 1', 'SEARCH statements USING INDEX i (<expr>>?)')).length,
    1,
    'a day range with one end is open',
  );
  t.same(
    openRangesOf(
      planned(
        'select 1',
        'SEARCH events USING INDEX i (span_class=? AND (start_first_day,id)>(?,?) AND start_first_day<?)',
      ),
    ).length,
    0,
    'a keyset bound and an upper bound close a day range',
  );
});
