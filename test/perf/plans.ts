/**
 * Records the SQL a request runs and reads SQLite's plan for each statement: which lines read a
 * whole growing table (or a whole index of one), and which sort every matching row.
 */
import type Sqlite from 'better-sqlite3';
import type { App } from '../../src/app.js';

/** Tables that grow with the knowledge base: reading one whole costs more as the data grows. */
export const GROWING_TABLES = new Set([
  'events',
  'statements',
  'participations',
  'people',
  'organizations',
  'places',
  'delegations',
  'delegation_members',
  'delegation_receivers',
  'figures',
  'citations',
  'positions',
  'relations',
  'event_names',
  'search_docs',
  'sources',
  'source_cites',
]);

export interface Executed {
  sql: string;
  params: unknown[];
}

export interface PlanLine {
  id: number;
  parent: number;
  detail: string;
}

export interface Planned extends Executed {
  plan: PlanLine[];
}

const RUNNERS = ['all', 'get', 'iterate', 'run'] as const;

/**
 * Runs `request` while recording every statement executed, with the values bound to it. The
 * Statement prototype is wrapped rather than `prepare`, because some statements are prepared once
 * when the app starts (search) and only executed during the request.
 */
export async function recordStatements<T>(
  app: App,
  request: () => Promise<T>,
): Promise<{ result: T; executed: Executed[] }> {
  const sqlite = app.db.$client;
  const proto = Object.getPrototypeOf(sqlite.prepare('select 1')) as Record<
    (typeof RUNNERS)[number],
    (this: Sqlite.Statement, ...params: unknown[]) => unknown
  >;
  const originals = RUNNERS.map((name) => [name, proto[name]] as const);
  const executed: Executed[] = [];
  for (const [name, original] of originals) {
    proto[name] = function (this: Sqlite.Statement, ...params: unknown[]) {
      executed.push({ sql: this.source, params });
      return original.apply(this, params);
    };
  }
  try {
    return { result: await request(), executed };
  } finally {
    for (const [name, original] of originals) proto[name] = original;
  }
}

/** Each distinct statement (by text and values) with its plan, read with the values it ran with. */
export function planAll(sqlite: Sqlite.Database, executed: Executed[]): Planned[] {
  const seen = new Set<string>();
  const planned: Planned[] = [];
  for (const statement of executed) {
    const key = JSON.stringify([statement.sql, statement.params], (_, v) =>
      typeof v === 'bigint' ? `${v}n` : v,
    );
    if (seen.has(key)) continue;
    seen.add(key);
    const plan = sqlite
      .prepare(`EXPLAIN QUERY PLAN ${statement.sql}`)
      .all(...statement.params) as PlanLine[];
    planned.push({ ...statement, plan });
  }
  return planned;
}

const NOT_ALIASES = new Set([
  'as',
  'cross',
  'full',
  'group',
  'indexed',
  'inner',
  'join',
  'left',
  'limit',
  'natural',
  'not',
  'on',
  'order',
  'right',
  'union',
  'using',
  'where',
]);

/** The table each name in FROM and JOIN clauses stands for (`"events" "parent"`, `search_docs d`). */
function tablesByName(sql: string): Map<string, string> {
  const names = new Map<string, string>();
  const source = /\b(?:from|join)\s+"?(\w+)"?(?:\s+(?:as\s+)?"?(\w+)"?)?/gi;
  for (const [, table, alias] of sql.matchAll(source)) {
    if (!table) continue;
    names.set(table, table);
    if (alias && !NOT_ALIASES.has(alias.toLowerCase())) names.set(alias, table);
  }
  return names;
}

export interface Offence {
  kind: 'scan' | 'sort' | 'open range';
  line: string;
  /** For a sort: the loop that produced the rows sorted. */
  after?: string;
}

/** The statement's outermost loop: the first SCAN or SEARCH at the top of the plan. */
export function outerLoop(statement: Planned): string | undefined {
  return statement.plan.find((line) => line.parent === 0 && /^(SCAN|SEARCH) /.test(line.detail))
    ?.detail;
}

/**
 * The loops whose rows a sort orders: the sort's siblings that read a table (a MULTI-INDEX OR
 * by its branches), leaving out the LEFT JOIN lookups that only add columns.
 */
function loopsSorted(plan: PlanLine[], sort: PlanLine): string {
  const childrenOf = (id: number) => plan.filter((line) => line.parent === id);
  const reads = (line: PlanLine): string[] => {
    if (line.detail === 'MULTI-INDEX OR') {
      const branches = childrenOf(line.id).flatMap((branch) => childrenOf(branch.id));
      return [`MULTI-INDEX OR (${branches.flatMap(reads).join(' + ')})`];
    }
    return /^(SCAN|SEARCH) /.test(line.detail) && !line.detail.endsWith('LEFT-JOIN')
      ? [line.detail]
      : [];
  };
  return childrenOf(sort.parent).flatMap(reads).join(' then ');
}

/**
 * The plan lines that grow with the data: a SCAN of a growing table (by rowid or through an
 * index: both read every entry), a full-text scan that does not use MATCH, and a sort of every
 * row the query matched (`USE TEMP B-TREE FOR ORDER BY`). A SCAN of a CTE or subquery result
 * reads what its own (also checked) plan produced, and is not counted; nor is a sort of the last
 * term or right part of an ORDER BY, which only orders rows that tie on an index's order.
 */
export function offencesOf(statement: Planned): Offence[] {
  const names = tablesByName(statement.sql);
  const offences: Offence[] = [];
  for (const line of statement.plan) {
    const { detail } = line;
    if (detail === 'USE TEMP B-TREE FOR ORDER BY') {
      offences.push({ kind: 'sort', line: detail, after: loopsSorted(statement.plan, line) });
      continue;
    }
    const scan = /^SCAN (\S+)/.exec(detail);
    if (!scan?.[1]) continue;
    // json_each reads the list of ids bound to the statement (a page's), not a table.
    if (scan[1] === 'json_each') continue;
    if (detail.includes('VIRTUAL TABLE INDEX')) {
      // FTS5's index string has an M for each MATCH it answers: without one, it reads every row.
      if (!/VIRTUAL TABLE INDEX \d+:\S*M/.test(detail)) {
        offences.push({ kind: 'scan', line: detail });
      }
      continue;
    }
    const table = names.get(scan[1]) ?? scan[1];
    if (GROWING_TABLES.has(table)) offences.push({ kind: 'scan', line: detail });
  }
  return offences;
}

/**
 * Index ranges on a day bounded at one end only, for a request that gives both ends: the walk
 * goes on past the range's far end, through the rest of the history, whenever the range holds
 * fewer rows than a page.
 */
export function openRangesOf(statement: Planned): Offence[] {
  return statement.plan.flatMap(({ detail }) => {
    const range = /^SEARCH \S+ USING (?:COVERING )?INDEX \S+ \((.*)\)$/.exec(detail)?.[1];
    // `start_first_day>?`, `<expr><?`, or a keyset's `(start_first_day,id)>(?,?)`.
    const bound = (op: string) => new RegExp(`(_day|<expr>)(,\\w+\\))?${op}`).test(range ?? '');
    if (!range || !(bound('>') || bound('<'))) return [];
    const [lower, upper] = [bound('>'), bound('<')];
    return lower && upper ? [] : [{ kind: 'open range' as const, line: detail }];
  });
}

/** The plan as SQLite prints it, one indented line per loop. */
export function renderPlan(plan: PlanLine[]): string {
  const depth = new Map<number, number>([[0, 0]]);
  return plan
    .map(({ id, parent, detail }) => {
      const level = (depth.get(parent) ?? 0) + 1;
      depth.set(id, level);
      return `${'  '.repeat(level)}${detail}`;
    })
    .join('\n');
}
