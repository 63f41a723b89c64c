/**
 * Every fact a source supports, as one list, in three parts read one after the other:
 *   1. what it states whose excerpt was found in its text, in the order of the text;
 *   2. what it states otherwise (no text held), by fact;
 *   3. what other sources report it as saying (a step of their citation's account names it), by
 *      fact: "what does KCNA's report claim" includes what the article took from it.
 * Each part is one range of an index, so a source behind a million facts costs an index walk
 * and a handful of lookups a page; the cursor says which part and where in it.
 */
import { and, asc, eq, exists, isNotNull, isNull, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/database.js';
import { problems } from '../../http/errors.js';
import { decodeCursor, encodeCursor } from '../../query/list/cursor.js';
import { afterKey } from '../../query/list/keyset.js';
import { type AccountStep, type Page, SLUG_PATTERN } from '../../query/shapes.js';
import { readBasis } from '../../records/basis.js';
import type { BasisKind } from '../../records/basis-table.js';
import { CITED_KINDS, type CitedKind } from '../../records/cited-kinds.js';
import type { Basis } from '../../records/fields.js';
import { kindNamed } from '../index.js';
import { accountsOf, stepColumns } from './citations.js';
import { citationSteps, citations } from './citations-table.js';
import type { Claim, ClaimsQuery } from './schemas.js';
import { sources } from './table.js';

const PARTS = ['in-text', 'stated', 'reported'] as const;
export type Part = (typeof PARTS)[number];
const scope = (part: Part) => `source-claims:${part}`;

/** A citation of a page, as both backends read it (claims.pg.ts reads it on PostgreSQL). */
export type Row = {
  kind: CitedKind;
  id: string;
  ordinal: number;
  excerpt: string;
  sourceId: string;
  sourceTitle: string;
  start: number | null;
  end: number | null;
};

/** The part a cursor is in and its key there; a 400 on `/cursor` when it is none of ours. */
function cursorOf(raw: string | undefined): { part: Part; key?: (string | number)[] } {
  if (!raw) return { part: 'in-text' };
  let named: unknown;
  try {
    named = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'))[0];
  } catch {
    named = undefined;
  }
  const part = PARTS.find((p) => scope(p) === named) ?? 'stated';
  const key =
    part === 'in-text'
      ? decodeCursor(raw, scope(part), ['number', 'string', 'string', 'number'])
      : decodeCursor(raw, scope(part), ['string', 'string', 'number']);
  // A key names a fact: a cited kind and a slug. Anything else is no cursor of ours, refused on
  // both backends alike (PostgreSQL could not even compare a text holding NUL).
  const [kind, id] = part === 'in-text' ? key.slice(1) : key;
  if (!CITED_KINDS.includes(kind as CitedKind) || !SLUG_PATTERN.test(String(id))) {
    throw problems.invalidField('query', '/cursor', 'not a cursor this API issued');
  }
  return { part, key };
}

/**
 * The citations whose fact is `basis=` (see ClaimsQuery): `stated`, none of its fields marked
 * otherwise nor stated by a citation of another source; `inferred`, `background`, some field so.
 */
function basisFilter(basis: BasisKind | undefined): SQL | undefined {
  if (basis === undefined) return undefined;
  const fact = sql`b.subject_kind = ${citations.subjectKind} and b.subject_id = ${citations.subjectId}`;
  if (basis !== 'stated') {
    return sql`exists (select 1 from field_basis b where ${fact} and b.kind = ${basis})`;
  }
  return sql`not exists (select 1 from field_basis b where ${fact} and (b.kind <> 'stated'
    or (b.citation is not null and not exists (select 1 from citations o
      where o.subject_kind = b.subject_kind and o.subject_id = b.subject_id
        and o.ordinal = b.citation and o.source_id = ${citations.sourceId}))))`;
}

export type PartRow = Row & { part: Part };

/**
 * The parts a page reads, in order, each with the key it starts after: a page fills from the
 * cursor's part on, taking the next parts while there is room (`as=` leaves some out).
 */
export function partsToRead(query: ClaimsQuery): { part: Part; key?: (string | number)[] }[] {
  const parts: Part[] =
    query.as === 'stated'
      ? ['in-text', 'stated']
      : query.as === 'reported'
        ? ['reported']
        : [...PARTS];
  const cursor = cursorOf(query.cursor);
  const from = PARTS.indexOf(cursor.part);
  return parts
    .filter((p) => PARTS.indexOf(p) >= from)
    .map((part) => (part === cursor.part ? { part, key: cursor.key } : { part }));
}

/**
 * The page from the rows read (up to `limit + 1`) and the labels, accounts and basis of its
 * facts (keyed `kind/id`, `kind\0id\0ordinal`, `kind/id`): the same on both backends.
 */
export function claimPage(
  rows: PartRow[],
  query: ClaimsQuery,
  labelOf: Map<string, string>,
  accountOf: Map<string, AccountStep[]>,
  basisOf: Map<string, Basis>,
): Page<Claim> {
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const nextCursor =
    rows.length > query.limit && last
      ? encodeCursor(scope(last.part), [
          ...(last.part === 'in-text' ? [last.start] : []),
          last.kind,
          last.id,
          last.ordinal,
        ])
      : null;
  return {
    data: page.map((row) => ({
      kind: row.kind,
      id: row.id,
      title: labelOf.get(`${row.kind}/${row.id}`) ?? row.id,
      excerpt: row.excerpt,
      as: row.part === 'reported' ? 'reported' : 'stated',
      source: { id: row.sourceId, name: row.sourceTitle },
      according_to: accountOf.get(`${row.kind}\u0000${row.id}\u0000${row.ordinal}`) ?? [],
      offsets: row.start === null || row.end === null ? null : { start: row.start, end: row.end },
      basis: basisOf.get(`${row.kind}/${row.id}`) ?? {},
    })),
    next_cursor: nextCursor,
  };
}

export function createClaimsRepository(db: Db) {
  /** The labels of the facts on one page, keyed by kind and id. */
  function labels(rows: { kind: CitedKind; id: string }[]): Map<string, string> {
    const idsByKind = new Map<CitedKind, Set<string>>();
    for (const row of rows)
      idsByKind.set(row.kind, (idsByKind.get(row.kind) ?? new Set()).add(row.id));
    const found = new Map<string, string>();
    for (const [kind, ids] of idsByKind) {
      for (const { id, label } of kindNamed(kind)?.label(db, [...ids]) ?? []) {
        found.set(`${kind}/${id}`, label);
      }
    }
    return found;
  }

  /** The steps of the accounts of the citations on a page. */
  function accounts(rows: Row[]): Map<string, AccountStep[]> {
    if (rows.length === 0) return new Map();
    const keys = sql.join(
      rows.map((r) => sql`(${r.kind}, ${r.id}, ${r.ordinal})`),
      sql`, `,
    );
    // The page's steps, found by their primary key a citation at a time; put in order here (a
    // few rows), not by an ORDER BY that SQLite would sort in a temporary b-tree.
    const steps = db
      .select({
        ...stepColumns,
        subjectKind: citationSteps.subjectKind,
        step: citationSteps.step,
      })
      .from(citationSteps)
      .where(
        sql`(${citationSteps.subjectKind}, ${citationSteps.subjectId}, ${citationSteps.ordinal}) in (values ${keys})`,
      )
      .all()
      .sort((a, b) => a.step - b.step);
    return accountsOf(
      steps.map(({ subjectKind, subjectId, step: _, ...step }) => ({
        ...step,
        subjectId: `${subjectKind}\u0000${subjectId}`,
      })),
    );
  }

  /**
   * Citations whose account names `according_to` (a source, person or organization id), or a
   * source that organization issued: the same rule as the lists' `according_to=`.
   */
  const accountNames = (id: string) =>
    exists(
      db
        .select({ one: sql`1` })
        .from(citationSteps)
        .where(
          and(
            eq(citationSteps.subjectKind, citations.subjectKind),
            eq(citationSteps.subjectId, citations.subjectId),
            eq(citationSteps.ordinal, citations.ordinal),
            sql`(${citationSteps.stepId} = ${id} or (${citationSteps.stepKind} = 'source' and ${citationSteps.stepId} in (select ${sources.id} from ${sources} where ${sources.issuedById} = ${id})))`,
          ),
        ),
    );

  function read(part: Part, sourceId: string, query: ClaimsQuery, key?: (string | number)[]) {
    const columns = {
      kind: citations.subjectKind,
      id: citations.subjectId,
      ordinal: citations.ordinal,
      excerpt: citations.excerpt,
      sourceId: citations.sourceId,
      sourceTitle: sources.title,
      start: citations.startOffset,
      end: citations.endOffset,
    };
    const factKey = [citations.subjectKind, citations.subjectId, citations.ordinal] as const;
    const filter = and(
      query.according_to ? accountNames(query.according_to) : undefined,
      basisFilter(query.basis),
    );
    const base = db
      .select(columns)
      .from(citations)
      .innerJoin(sources, eq(sources.id, citations.sourceId));
    if (part === 'reported') {
      // Driven by the steps' index: the citations whose account names this source.
      const stepKey = [citationSteps.subjectKind, citationSteps.subjectId, citationSteps.ordinal];
      return db
        .select(columns)
        .from(citationSteps)
        .innerJoin(
          citations,
          and(
            eq(citations.subjectKind, citationSteps.subjectKind),
            eq(citations.subjectId, citationSteps.subjectId),
            eq(citations.ordinal, citationSteps.ordinal),
          ),
        )
        .innerJoin(sources, eq(sources.id, citations.sourceId))
        .where(
          and(
            eq(citationSteps.stepKind, 'source'),
            eq(citationSteps.stepId, sourceId),
            afterKey(stepKey, key),
            filter,
          ),
        )
        .orderBy(...stepKey.map((c) => asc(c)))
        .limit(query.limit + 1)
        .all() as Row[];
    }
    const inText = part === 'in-text';
    const order = inText ? [citations.startOffset, ...factKey] : [...factKey];
    return base
      .where(
        and(
          eq(citations.sourceId, sourceId),
          inText ? isNotNull(citations.startOffset) : isNull(citations.startOffset),
          afterKey(order, key),
          filter,
        ),
      )
      .orderBy(...order.map((c) => asc(c)))
      .limit(query.limit + 1)
      .all() as Row[];
  }

  /** The basis of the facts on one page, keyed by kind and id. */
  function bases(rows: { kind: CitedKind; id: string }[]): Map<string, Basis> {
    const found = new Map<string, Basis>();
    for (const kind of new Set(rows.map((row) => row.kind))) {
      const ids = [...new Set(rows.filter((row) => row.kind === kind).map((row) => row.id))];
      for (const [id, basis] of readBasis(db, kind, ids)) found.set(`${kind}/${id}`, basis);
    }
    return found;
  }

  return {
    sourceClaims(sourceId: string, query: ClaimsQuery): Page<Claim> | null {
      const source = db.select({ id: sources.id }).from(sources).where(eq(sources.id, sourceId));
      if (!source.get()) return null;
      const rows: PartRow[] = [];
      for (const { part, key } of partsToRead(query)) {
        const room = query.limit + 1 - rows.length;
        if (room <= 0) break;
        rows.push(
          ...read(part, sourceId, { ...query, limit: room - 1 }, key).map((r) => ({ ...r, part })),
        );
      }
      const page = rows.slice(0, query.limit);
      return claimPage(rows, query, labels(page), accounts(page), bases(page));
    },
  };
}
