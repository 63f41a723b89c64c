/**
 * Every fact that cites a source, as one list: the citations of the source in (kind, id, ordinal)
 * order, each with a readable label of its fact (its kind's `label`) and its basis. Labels and
 * bases are fetched per kind, for one page at a time, so a source behind a million facts costs
 * one index walk and a handful of lookups a page.
 */
import { and, asc, eq, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/database.js';
import { decodeCursor } from '../../query/list/cursor.js';
import { afterKey, withNextCursor } from '../../query/list/keyset.js';
import type { Page } from '../../query/shapes.js';
import { readBasis } from '../../records/basis.js';
import type { BasisKind } from '../../records/basis-table.js';
import type { CitedKind } from '../../records/cited-kinds.js';
import type { Basis } from '../../records/fields.js';
import { kindNamed } from '../index.js';
import { citations } from './citations-table.js';
import type { Claim, ClaimsQuery } from './schemas.js';
import { sources } from './table.js';

const LIST = 'source-claims';

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
      const cursor = query.cursor
        ? decodeCursor(query.cursor, LIST, ['string', 'string', 'number'])
        : undefined;
      const key = [citations.subjectKind, citations.subjectId, citations.ordinal] as const;
      const rows = db
        .select({
          kind: citations.subjectKind,
          id: citations.subjectId,
          ordinal: citations.ordinal,
          excerpt: citations.excerpt,
        })
        .from(citations)
        .where(
          and(eq(citations.sourceId, sourceId), afterKey(key, cursor), basisFilter(query.basis)),
        )
        .orderBy(...key.map((column) => asc(column)))
        .limit(query.limit + 1)
        .all();
      const page = withNextCursor(rows, query.limit, LIST, (row) => [
        row.kind,
        row.id,
        row.ordinal,
      ]);
      const labelOf = labels(page.rows);
      const basisOf = bases(page.rows);
      return {
        data: page.rows.map((row) => ({
          kind: row.kind,
          id: row.id,
          title: labelOf.get(`${row.kind}/${row.id}`) ?? row.id,
          excerpt: row.excerpt,
          basis: basisOf.get(`${row.kind}/${row.id}`) ?? {},
        })),
        next_cursor: page.nextCursor,
      };
    },
  };
}
