import { and, asc, eq, inArray, lte, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/database.js';
import { type CitedKind, citations, sources } from '../../db/schema/index.js';
import { capped, countWhere } from '../embedded.js';
import { CITATIONS_MAX, type Citation, type EmbeddedList } from '../shared.js';

/**
 * The citations of many facts of one kind in one query, grouped by the fact's id; with `max`,
 * only the first `max` of each fact.
 */
export function citationsOf(
  db: Db,
  kind: CitedKind,
  ids: string[],
  max?: number,
): Map<string, Citation[]> {
  const grouped = new Map<string, Citation[]>();
  if (ids.length === 0) return grouped;
  const ofFacts = and(eq(citations.subjectKind, kind), inArray(citations.subjectId, ids));
  const rows =
    max === undefined
      ? db
          .select({
            subjectId: citations.subjectId,
            sourceId: sources.id,
            sourceTitle: sources.title,
            excerpt: citations.excerpt,
          })
          .from(citations)
          .innerJoin(sources, eq(sources.id, citations.sourceId))
          .where(ofFacts)
          .orderBy(asc(citations.subjectId), asc(citations.ordinal))
          .all()
      : firstCitations(db, ofFacts, max);
  for (const row of rows) {
    const list = grouped.get(row.subjectId) ?? [];
    list.push({ source: { id: row.sourceId, name: row.sourceTitle }, excerpt: row.excerpt });
    grouped.set(row.subjectId, list);
  }
  return grouped;
}

/** The first `max` citations of each fact `where` picks, numbered along the primary key. */
function firstCitations(db: Db, where: SQL | undefined, max: number) {
  const numbered = db
    .select({
      subjectId: citations.subjectId,
      ordinal: citations.ordinal,
      sourceId: citations.sourceId,
      excerpt: citations.excerpt,
      rank: sql<number>`row_number() over (partition by ${citations.subjectId} order by ${citations.ordinal})`.as(
        'rank',
      ),
    })
    .from(citations)
    .where(where)
    .as('numbered');
  return db
    .select({
      subjectId: numbered.subjectId,
      sourceId: sources.id,
      sourceTitle: sources.title,
      excerpt: numbered.excerpt,
    })
    .from(numbered)
    .innerJoin(sources, eq(sources.id, numbered.sourceId))
    .where(lte(numbered.rank, max))
    .orderBy(asc(numbered.subjectId), asc(numbered.ordinal))
    .all();
}

/** The citations behind one item, at most `CITATIONS_MAX`, and how many there are. */
export function itemCitations(db: Db, kind: CitedKind, id: string): [Citation[], EmbeddedList] {
  const rows = citationsOf(db, kind, [id], CITATIONS_MAX + 1).get(id) ?? [];
  const ofItem = and(eq(citations.subjectKind, kind), eq(citations.subjectId, id));
  // No view lists the citations of one fact: /v1/sources/{id}/claims goes the other way.
  return capped(rows, () => countWhere(db, citations, ofItem), null, CITATIONS_MAX);
}
