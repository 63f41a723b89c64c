import { and, asc, count, eq, isNotNull, sql } from 'drizzle-orm';
import type { AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../db/database.js';
import { perConnection } from '../../db/prepared.js';
import { capped, countWhere } from '../../query/embedded.js';
import { type Filter, listFilters } from '../../query/filters.js';
import { type ListSpec, listResponse, runList } from '../../query/list/run.js';
import { dateValue, EMBEDDED_MAX, type Page } from '../../query/shapes.js';
import { basisOf } from '../../records/basis.js';
import { citationSteps, citations, organizations, sourceCites, sources } from '../tables.js';
import { citationsOf, itemCitations } from './citations.js';
import {
  ANNOTATIONS_MAX,
  type Annotation,
  type SourceDetail,
  type SourceListQuery,
  type SourceSummary,
} from './schemas.js';

// A list never carries full texts: it only says whether one is held.
const summaryColumns = {
  id: sources.id,
  title: sources.title,
  publisher: sources.publisher,
  published: sources.published,
  url: sources.url,
  hasText: sql<number>`${sources.text} is not null`,
  issuedById: sources.issuedById,
  issuedByName: sql<
    string | null
  >`(select ${organizations.name} from ${organizations} where ${organizations.id} = ${sources.issuedById})`,
};

export type SummaryRow = {
  id: string;
  title: string;
  publisher: string | null;
  published: string | null;
  url: string | null;
  hasText: number;
  issuedById: string | null;
  issuedByName: string | null;
};

export function toSummary(row: SummaryRow): SourceSummary {
  return {
    id: row.id,
    title: row.title,
    publisher: row.publisher,
    published: dateValue(row.published),
    url: row.url,
    issued_by: row.issuedById
      ? { id: row.issuedById, name: row.issuedByName ?? row.issuedById }
      : null,
    has_text: row.hasText === 1,
  };
}

export const FILTERS: Filter<SourceListQuery>[] = [
  { param: 'publisher', op: 'eq', column: sources.publisher },
];

const id = sql.placeholder('id');

/** A source's own lookups, by `id`, prepared once per connection. */
const queries = perConnection((db) => {
  /**
   * The sources on the `to` side of the links whose `from` side is the source, by id: ordered by
   * the link's own column (the same ids), which its (from, to) index holds in order.
   */
  const linked = (from: AnySQLiteColumn, to: AnySQLiteColumn) =>
    db
      .select({ id: sources.id, name: sources.title })
      .from(sourceCites)
      .innerJoin(sources, eq(sources.id, to))
      .where(eq(from, id))
      .orderBy(asc(to))
      .limit(EMBEDDED_MAX + 1)
      .prepare();
  return {
    row: db
      .select({ ...summaryColumns, text: sources.text })
      .from(sources)
      .where(eq(sources.id, id))
      .prepare(),
    cites: linked(sourceCites.sourceId, sourceCites.citedSourceId),
    citedBy: linked(sourceCites.citedSourceId, sourceCites.sourceId),
    claims: db
      .select({ count: count() })
      .from(citations)
      .where(eq(citations.sourceId, id))
      .prepare(),
    reported: db
      .select({ count: count() })
      .from(citationSteps)
      .where(and(eq(citationSteps.stepKind, 'source'), eq(citationSteps.stepId, id)))
      .prepare(),
    /** The spans of the text its citations take, in the order of the text, one more than shown. */
    annotations: db
      .select({
        start: citations.startOffset,
        end: citations.endOffset,
        kind: citations.subjectKind,
        id: citations.subjectId,
      })
      .from(citations)
      .where(and(eq(citations.sourceId, id), isNotNull(citations.startOffset)))
      .orderBy(
        asc(citations.startOffset),
        asc(citations.subjectKind),
        asc(citations.subjectId),
        asc(citations.ordinal),
      )
      .limit(ANNOTATIONS_MAX + 1)
      .prepare(),
  };
});

/** The list's sorts, on either backend (run.ts, run.pg.ts). */
export const SOURCES_LIST = {
  kind: 'source',
  sorts: { id: sources.id, title: sources.title },
  defaultSort: 'id',
} satisfies Pick<ListSpec, 'kind' | 'sorts' | 'defaultSort'>;

export function createSourcesRepository(db: Db) {
  const baseSelect = (extra = {}) => db.select({ ...summaryColumns, ...extra }).from(sources);

  return {
    list(query: SourceListQuery): Page<SourceSummary> {
      const result = runList<SummaryRow>(
        db,
        {
          ...SOURCES_LIST,
          id: sources.id,
          select: baseSelect,
          ...listFilters(FILTERS, query),
        },
        query,
      );
      return listResponse(result, toSummary, {
        include: query.include,
        citationsOf: (ids) => citationsOf(db, 'source', ids),
      });
    },

    get(id: string): SourceDetail | null {
      const row = queries(db).row.get({ id });
      if (!row) return null;
      const [cites, citesExtent] = capped(
        queries(db).cites.all({ id }),
        () => countWhere(db, sourceCites, eq(sourceCites.sourceId, id)),
        null,
      );
      const [citedBy, citedByExtent] = capped(
        queries(db).citedBy.all({ id }),
        () => countWhere(db, sourceCites, eq(sourceCites.citedSourceId, id)),
        null,
      );
      const claims = queries(db).claims.get({ id });
      const [annotations, annotationsExtent] = capped(
        queries(db).annotations.all({ id }) as Annotation[],
        () =>
          countWhere(
            db,
            citations,
            and(eq(citations.sourceId, id), isNotNull(citations.startOffset)),
          ),
        `/v1/sources/${id}/claims?as=stated`,
        ANNOTATIONS_MAX,
      );
      const [citationList, citationsExtent] = itemCitations(db, 'source', id);
      return {
        ...toSummary(row),
        text: row.text,
        cites,
        cited_by: citedBy,
        claim_count: claims?.count ?? 0,
        reported_claim_count: queries(db).reported.get({ id })?.count ?? 0,
        annotations,
        citations: citationList,
        basis: basisOf(db, 'source', id),
        lists: {
          cites: citesExtent,
          cited_by: citedByExtent,
          citations: citationsExtent,
          annotations: annotationsExtent,
        },
      };
    },
  };
}
