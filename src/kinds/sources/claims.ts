/**
 * Every fact that cites a source, as one list: the citations of the source in (kind, id, ordinal)
 * order, each with a readable label of its fact (its kind's `label`). Labels are fetched per kind, for one page at a
 * time, so a source behind a million facts costs one index walk and a handful of lookups a page.
 */
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/database.js';
import { decodeCursor } from '../../query/list/cursor.js';
import { afterKey, withNextCursor } from '../../query/list/keyset.js';
import type { Page, ViewQuery } from '../../query/shapes.js';
import type { CitedKind } from '../../records/cited-kinds.js';
import { kindNamed } from '../index.js';
import { citations } from './citations-table.js';
import type { Claim } from './schemas.js';
import { sources } from './table.js';

const LIST = 'source-claims';

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

  return {
    sourceClaims(sourceId: string, query: ViewQuery): Page<Claim> | null {
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
        .where(and(eq(citations.sourceId, sourceId), afterKey(key, cursor)))
        .orderBy(...key.map((column) => asc(column)))
        .limit(query.limit + 1)
        .all();
      const page = withNextCursor(rows, query.limit, LIST, (row) => [
        row.kind,
        row.id,
        row.ordinal,
      ]);
      const labelOf = labels(page.rows);
      return {
        data: page.rows.map((row) => ({
          kind: row.kind,
          id: row.id,
          title: labelOf.get(`${row.kind}/${row.id}`) ?? row.id,
          excerpt: row.excerpt,
        })),
        next_cursor: page.nextCursor,
      };
    },
  };
}
