import { and, asc, eq, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/database.js';
import { inJsonList, jsonList, perConnection } from '../../db/prepared.js';
import { capped, countWhere } from '../../query/embedded.js';
import {
  type AccountStep,
  CITATIONS_MAX,
  type Citation,
  type EmbeddedList,
} from '../../query/shapes.js';
import { organizations } from '../organizations/table.js';
import { people } from '../people/table.js';
import { type CitedKind, citationSteps, citations, sources } from '../tables.js';

const kind = sql.placeholder('kind');
const id = sql.placeholder('id');

/** A step's readable name: the source's title, the person's or the organization's name. */
const stepName = sql<string>`coalesce(
  (select ${sources.title} from ${sources} where ${citationSteps.stepKind} = 'source' and ${sources.id} = ${citationSteps.stepId}),
  (select ${people.name} from ${people} where ${citationSteps.stepKind} = 'person' and ${people.id} = ${citationSteps.stepId}),
  (select ${organizations.name} from ${organizations} where ${citationSteps.stepKind} = 'organization' and ${organizations.id} = ${citationSteps.stepId}),
  ${citationSteps.stepId})`;

/** A step of an account as answers give it, with the citation it belongs to. */
export const stepColumns = {
  subjectId: citationSteps.subjectId,
  ordinal: citationSteps.ordinal,
  kind: citationSteps.stepKind,
  id: citationSteps.stepId,
  name: stepName,
};
const stepOrder = [
  asc(citationSteps.subjectId),
  asc(citationSteps.ordinal),
  asc(citationSteps.step),
] as const;

const citationQueries = perConnection((db) => {
  const ofFacts = (table: typeof citations | typeof citationSteps) =>
    and(eq(table.subjectKind, kind), inJsonList(table.subjectId, 'ids'));
  const ofItem = (table: typeof citations | typeof citationSteps) =>
    and(eq(table.subjectKind, kind), eq(table.subjectId, id));
  const citationColumns = {
    subjectId: citations.subjectId,
    ordinal: citations.ordinal,
    sourceId: sources.id,
    sourceTitle: sources.title,
    excerpt: citations.excerpt,
  };
  const citationsWhere = (where: SQL | undefined) =>
    db
      .select(citationColumns)
      .from(citations)
      .innerJoin(sources, eq(sources.id, citations.sourceId))
      .where(where)
      .orderBy(asc(citations.subjectId), asc(citations.ordinal));
  const stepsWhere = (where: SQL | undefined) =>
    db
      .select(stepColumns)
      .from(citationSteps)
      .where(where)
      .orderBy(...stepOrder)
      .prepare();
  return {
    /** Every citation of the facts `ids` (a JSON list) of one `kind`. */
    all: citationsWhere(ofFacts(citations)).prepare(),
    allSteps: stepsWhere(ofFacts(citationSteps)),
    /** The first citations of one fact, one more than an item shows. */
    ofItem: citationsWhere(ofItem(citations))
      .limit(CITATIONS_MAX + 1)
      .prepare(),
    itemSteps: stepsWhere(ofItem(citationSteps)),
  };
});

/** A citation row as both backends read it (the PostgreSQL reads: src/query/embedded.pg.ts). */
export type CitationRow = {
  subjectId: string;
  ordinal: number;
  sourceId: string;
  sourceTitle: string;
  excerpt: string;
};
export type StepRow = AccountStep & { subjectId: string; ordinal: number };

/** The steps of each citation's account, keyed by the fact's id and the citation's ordinal. */
export function accountsOf(steps: StepRow[]): Map<string, AccountStep[]> {
  const accounts = new Map<string, AccountStep[]>();
  for (const { subjectId, ordinal, ...step } of steps) {
    const key = `${subjectId}\u0000${ordinal}`;
    const account = accounts.get(key);
    if (account) account.push(step);
    else accounts.set(key, [step]);
  }
  return accounts;
}

/** A citation as answers show it, its account found in `accounts` (accountsOf). */
export const toCitation =
  (accounts: Map<string, AccountStep[]>) =>
  (row: CitationRow): Citation => ({
    source: { id: row.sourceId, name: row.sourceTitle },
    excerpt: row.excerpt,
    according_to: accounts.get(`${row.subjectId}\u0000${row.ordinal}`) ?? [],
  });

/** The citations of many facts of one kind in one query, grouped by the fact's id. */
export function citationsOf(db: Db, kind: CitedKind, ids: string[]): Map<string, Citation[]> {
  const grouped = new Map<string, Citation[]>();
  if (ids.length === 0) return grouped;
  const queries = citationQueries(db);
  const params = { kind, ids: jsonList(ids) };
  const cite = toCitation(accountsOf(queries.allSteps.all(params) as StepRow[]));
  for (const row of queries.all.all(params)) {
    const list = grouped.get(row.subjectId);
    if (list) list.push(cite(row));
    else grouped.set(row.subjectId, [cite(row)]);
  }
  return grouped;
}

/** The citations behind one item, at most `CITATIONS_MAX`, and how many there are. */
export function itemCitations(db: Db, kind: CitedKind, id: string): [Citation[], EmbeddedList] {
  const queries = citationQueries(db);
  const cite = toCitation(accountsOf(queries.itemSteps.all({ kind, id }) as StepRow[]));
  const rows = queries.ofItem.all({ kind, id }).map(cite);
  // No view lists the citations of one fact: /v1/sources/{id}/claims goes the other way.
  const countAll = () =>
    countWhere(db, citations, and(eq(citations.subjectKind, kind), eq(citations.subjectId, id)));
  return capped(rows, countAll, null, CITATIONS_MAX);
}
