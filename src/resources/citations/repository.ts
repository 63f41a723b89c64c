import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/database.js';
import { type CitedKind, citations, sources } from '../../db/schema/index.js';
import type { Citation } from '../shared.js';

/** The citations of many facts of one kind in one query, grouped by the fact's id. */
export function citationsOf(db: Db, kind: CitedKind, ids: string[]): Map<string, Citation[]> {
  const grouped = new Map<string, Citation[]>();
  if (ids.length === 0) return grouped;
  const rows = db
    .select({
      subjectId: citations.subjectId,
      sourceId: sources.id,
      sourceTitle: sources.title,
      excerpt: citations.excerpt,
    })
    .from(citations)
    .innerJoin(sources, eq(sources.id, citations.sourceId))
    .where(and(eq(citations.subjectKind, kind), inArray(citations.subjectId, ids)))
    .orderBy(asc(citations.subjectId), asc(citations.ordinal))
    .all();
  for (const row of rows) {
    const list = grouped.get(row.subjectId) ?? [];
    list.push({ source: { id: row.sourceId, name: row.sourceTitle }, excerpt: row.excerpt });
    grouped.set(row.subjectId, list);
  }
  return grouped;
}
