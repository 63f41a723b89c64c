import { and, eq, gt, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/database.js';
import { ref } from '../../query/agents.js';
import { pageFrom, runList } from '../../query/list.js';
import type { Page } from '../../query/shapes.js';
import { citationsOf } from '../sources/citations.js';
import { events, figures, organizations } from '../tables.js';
import type { FigureDetail, FigureListQuery, FigureSummary } from './schemas.js';

const summaryColumns = {
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
};

type SummaryRow = {
  id: string;
  subjectId: string;
  subjectName: string;
  eventId: string | null;
  eventTitle: string | null;
  measure: string;
  value: number;
  qualifier: FigureSummary['qualifier'];
  asStated: string;
  unit: string;
  lowerBound: number | null;
  lowerInclusive: boolean;
  upperBound: number | null;
  upperInclusive: boolean;
  note: string | null;
};

function toSummary(row: SummaryRow): FigureSummary {
  return {
    id: row.id,
    subject: { id: row.subjectId, name: row.subjectName },
    event: ref(row.eventId, row.eventTitle),
    measure: row.measure,
    value: row.value,
    qualifier: row.qualifier,
    as_stated: row.asStated,
    unit: row.unit,
    bounds: {
      lower: row.lowerBound,
      lower_inclusive: row.lowerInclusive,
      upper: row.upperBound,
      upper_inclusive: row.upperInclusive,
    },
    note: row.note,
  };
}

function filtersOf(query: FigureListQuery): SQL[] {
  const conditions: SQL[] = [];
  if (query.subject) conditions.push(eq(figures.subjectId, query.subject));
  if (query.event) conditions.push(eq(figures.eventId, query.event));
  if (query.qualifier) conditions.push(eq(figures.qualifier, query.qualifier));
  // A missing bound is open, so the claim can reach any value on that side. An exclusive bound
  // equal to the asked value does not reach it: "nearly 180,000" never reaches 180,000.
  if (query.min !== undefined) {
    const reaches = or(
      isNull(figures.upperBound),
      gt(figures.upperBound, query.min),
      and(eq(figures.upperBound, query.min), eq(figures.upperInclusive, true)),
    );
    if (reaches) conditions.push(reaches);
  }
  if (query.max !== undefined) {
    const reaches = or(
      isNull(figures.lowerBound),
      lt(figures.lowerBound, query.max),
      and(eq(figures.lowerBound, query.max), eq(figures.lowerInclusive, true)),
    );
    if (reaches) conditions.push(reaches);
  }
  return conditions;
}

export function createFiguresRepository(db: Db) {
  const baseSelect = (extra = {}) =>
    db
      .select({ ...summaryColumns, ...extra })
      .from(figures)
      .innerJoin(organizations, eq(organizations.id, figures.subjectId))
      .leftJoin(events, eq(events.id, figures.eventId));
  const rowById = baseSelect()
    .where(eq(figures.id, sql.placeholder('id')))
    .prepare();

  return {
    list(query: FigureListQuery): Page<FigureSummary> {
      const result = runList<SummaryRow>(
        db,
        {
          kind: 'figure',
          id: figures.id,
          sorts: { id: figures.id, value: figures.value },
          defaultSort: 'id',
          select: baseSelect,
          filters: filtersOf(query),
        },
        query,
      );
      return pageFrom(result, toSummary, { db, kind: 'figure', include: query.include });
    },

    get(id: string): FigureDetail | null {
      const row = rowById.get({ id });
      if (!row) return null;
      return { ...toSummary(row), citations: citationsOf(db, 'figure', [id]).get(id) ?? [] };
    },
  };
}

export type FiguresRepository = ReturnType<typeof createFiguresRepository>;
