import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/database.js';
import { inJsonList, jsonList, perConnection } from '../../db/prepared.js';
import { capped, countWhere } from '../../query/embedded.js';
import { CITATIONS_MAX, type Citation, type EmbeddedList } from '../../query/shapes.js';
import { type CitedKind, citations, sources } from '../tables.js';

const kind = sql.placeholder('kind');
const id = sql.placeholder('id');

const citationQueries = perConnection((db) => {
  const ofFacts = and(eq(citations.subjectKind, kind), inJsonList(citations.subjectId, 'ids'));
  return {
    /** Every citation of the facts `ids` (a JSON list) of one `kind`. */
    all: db
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
      .prepare(),
    /** The first citations of one fact, one more than an item shows. */
    ofItem: db
      .select({ sourceId: sources.id, sourceTitle: sources.title, excerpt: citations.excerpt })
      .from(citations)
      .innerJoin(sources, eq(sources.id, citations.sourceId))
      .where(and(eq(citations.subjectKind, kind), eq(citations.subjectId, id)))
      .orderBy(asc(citations.ordinal))
      .limit(CITATIONS_MAX + 1)
      .prepare(),
  };
});

const toCitation = (row: { sourceId: string; sourceTitle: string; excerpt: string }): Citation => ({
  source: { id: row.sourceId, name: row.sourceTitle },
  excerpt: row.excerpt,
});

/** The citations of many facts of one kind in one query, grouped by the fact's id. */
export function citationsOf(db: Db, kind: CitedKind, ids: string[]): Map<string, Citation[]> {
  const grouped = new Map<string, Citation[]>();
  if (ids.length === 0) return grouped;
  const rows = citationQueries(db).all.all({ kind, ids: jsonList(ids) });
  for (const row of rows) {
    const list = grouped.get(row.subjectId);
    if (list) list.push(toCitation(row));
    else grouped.set(row.subjectId, [toCitation(row)]);
  }
  return grouped;
}

/** The citations behind one item, at most `CITATIONS_MAX`, and how many there are. */
export function itemCitations(db: Db, kind: CitedKind, id: string): [Citation[], EmbeddedList] {
  const rows = citationQueries(db).ofItem.all({ kind, id }).map(toCitation);
  // No view lists the citations of one fact: /v1/sources/{id}/claims goes the other way.
  const countAll = () =>
    countWhere(db, citations, and(eq(citations.subjectKind, kind), eq(citations.subjectId, id)));
  return capped(rows, countAll, null, CITATIONS_MAX);
}
