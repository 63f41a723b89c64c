/**
 * The figures list on PostgreSQL (src/query/list/run.pg.ts): the same filters, sorts and rows as
 * repository.ts reads on SQLite, shaped by the same toSummary.
 */
import { eq } from 'drizzle-orm';
import type pg from 'pg';
import { postgresRead } from '../../http/reads/postgres-read.js';
import { listFilters } from '../../query/filters.js';
import { listResponsePostgres, runListPostgres } from '../../query/list/run.pg.js';
import type { Page } from '../../query/shapes.js';
import { citationsOfPostgres } from '../sources/citations.pg.js';
import { events, figures, organizations } from '../tables.pg.js';
import { figuresReads } from './reads.js';
import { FIGURES_LIST, FILTERS, type SummaryRow, toSummary } from './repository.js';
import type { FigureListQuery, FigureSummary } from './schemas.js';

export async function listFiguresPostgres(
  client: pg.PoolClient,
  query: FigureListQuery,
): Promise<Page<FigureSummary>> {
  const result = await runListPostgres<SummaryRow>(
    client,
    {
      ...FIGURES_LIST,
      id: figures.id,
      select: (db, extra) =>
        db
          .select({
            id: figures.id,
            subjectId: figures.subjectId,
            subjectName: organizations.name,
            eventId: figures.eventId,
            eventTitle: events.title,
            measure: figures.measure,
            value: figures.value,
            qualifier: figures.qualifier,
            asStated: figures.asStated,
            unit: figures.unit,
            lowerBound: figures.lowerBound,
            lowerInclusive: figures.lowerInclusive,
            upperBound: figures.upperBound,
            upperInclusive: figures.upperInclusive,
            note: figures.note,
            ...extra,
          })
          .from(figures)
          .innerJoin(organizations, eq(organizations.id, figures.subjectId))
          .leftJoin(events, eq(events.id, figures.eventId)),
      ...listFilters(FILTERS, query),
    },
    query,
  );
  return listResponsePostgres(result, toSummary, {
    include: query.include,
    citationsOf: (ids) => citationsOfPostgres(client, 'figure', ids),
  });
}

export const figuresListReadsPostgres = [
  postgresRead(figuresReads.list, (client, query) => listFiguresPostgres(client, query)),
];
