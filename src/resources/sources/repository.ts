import { and, asc, count, eq, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/database.js';
import { citations, sourceCites, sources } from '../../db/schema/index.js';
import { citationsOf } from '../citations/repository.js';
import {
  afterCursor,
  containsPattern,
  decodeCursor,
  orderFor,
  type Sort,
  toPage,
} from '../pagination.js';
import { dateValue, type Page } from '../shared.js';
import type { SourceDetail, SourceListQuery, SourceSummary } from './schemas.js';

const DEFAULT_SORT: Sort = { name: 'id', column: sources.id, direction: 'asc' };

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

function filtersOf(query: SourceListQuery): SQL[] {
  const conditions: SQL[] = [];
  if (query.publisher) conditions.push(eq(sources.publisher, query.publisher));
  if (query.q) {
    conditions.push(sql`${sources.title} like ${containsPattern(query.q)} escape '\\'`);
  }
  return conditions;
}

export function createSourcesRepository(db: Db) {
  const baseSelect = () => db.select(summaryColumns).from(sources);

  return {
    list(query: SourceListQuery): Page<SourceSummary> {
      const sort = DEFAULT_SORT;
      const cursor = query.cursor ? decodeCursor(query.cursor, sort.name) : undefined;
      const rows = baseSelect()
        .where(and(...filtersOf(query), afterCursor(sort, sources.id, cursor)))
        .orderBy(...orderFor(sort, sources.id))
        .limit(query.limit + 1)
        .all();
      const page = toPage(rows, query.limit, sort, (row) => [row.id, row.id]);
      return { data: page.rows.map(toSummary), next_cursor: page.nextCursor };
    },

    get(id: string): SourceDetail | null {
      const row = db
        .select({ ...summaryColumns, text: sources.text })
        .from(sources)
        .where(eq(sources.id, id))
        .get();
      if (!row) return null;
      const cites = db
        .select({ id: sources.id, name: sources.title })
        .from(sourceCites)
        .innerJoin(sources, eq(sources.id, sourceCites.citedSourceId))
        .where(eq(sourceCites.sourceId, id))
        .orderBy(asc(sources.id))
        .all();
      const citedBy = db
        .select({ id: sources.id, name: sources.title })
        .from(sourceCites)
        .innerJoin(sources, eq(sources.id, sourceCites.sourceId))
        .where(eq(sourceCites.citedSourceId, id))
        .orderBy(asc(sources.id))
        .all();
      const claims = db
        .select({ count: count() })
        .from(citations)
        .where(eq(citations.sourceId, id))
        .get();
      return {
        ...toSummary(row),
        text: row.text,
        cites,
        cited_by: citedBy,
        claim_count: claims?.count ?? 0,
        citations: citationsOf(db, 'source', [id]).get(id) ?? [],
      };
    },
  };
}

export type SourcesRepository = ReturnType<typeof createSourcesRepository>;
