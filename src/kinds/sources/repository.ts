import { asc, count, eq, sql } from 'drizzle-orm';
import type { AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../db/database.js';
import { perConnection } from '../../db/prepared.js';
import { capped, countWhere } from '../../query/embedded.js';
import { type Filter, filterConditions } from '../../query/filters.js';
import { listResponse, runList } from '../../query/list/run.js';
import { dateValue, EMBEDDED_MAX, type Page } from '../../query/shapes.js';
import { basisOf } from '../../records/basis.js';
import { citations, sourceCites, sources } from '../tables.js';
import { citationsOf, itemCitations } from './citations.js';
import type { SourceDetail, SourceListQuery, SourceSummary } from './schemas.js';

// A list never carries full texts: it only says whether one is held.
const summaryColumns = {
  id: sources.id,
  title: sources.title,
  publisher: sources.publisher,
  published: sources.published,
  url: sources.url,
  hasText: sql<number>`${sources.text} is not null`,
};

type SummaryRow = {
  id: string;
  title: string;
  publisher: string | null;
  published: string | null;
  url: string | null;
  hasText: number;
};

function toSummary(row: SummaryRow): SourceSummary {
  return {
    id: row.id,
    title: row.title,
    publisher: row.publisher,
    published: dateValue(row.published),
    url: row.url,
    has_text: row.hasText === 1,
  };
}

const FILTERS: Filter<SourceListQuery>[] = [
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
  };
});

export function createSourcesRepository(db: Db) {
  const baseSelect = (extra = {}) => db.select({ ...summaryColumns, ...extra }).from(sources);

  return {
    list(query: SourceListQuery): Page<SourceSummary> {
      const result = runList<SummaryRow>(
        db,
        {
          kind: 'source',
          id: sources.id,
          sorts: { id: sources.id, title: sources.title },
          defaultSort: 'id',
          select: baseSelect,
          filters: filterConditions(FILTERS, query),
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
      const [citationList, citationsExtent] = itemCitations(db, 'source', id);
      return {
        ...toSummary(row),
        text: row.text,
        cites,
        cited_by: citedBy,
        claim_count: claims?.count ?? 0,
        citations: citationList,
        basis: basisOf(db, 'source', id),
        lists: { cites: citesExtent, cited_by: citedByExtent, citations: citationsExtent },
      };
    },
  };
}
