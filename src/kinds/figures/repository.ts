import { and, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/database.js';
import { perConnection } from '../../db/prepared.js';
import { HEDGES } from '../../domain/figures.js';
import { ref } from '../../query/agents.js';
import { type Filter, listFilters } from '../../query/filters.js';
import { type ListSpec, listResponse, runList } from '../../query/list/run.js';
import type { Page } from '../../query/shapes.js';
import { basisOf } from '../../records/basis.js';
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

export type SummaryRow = {
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

export function toSummary(row: SummaryRow): FigureSummary {
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
      rule: `${HEDGES[row.qualifier].words}: ${HEDGES[row.qualifier].range}`,
    },
    note: row.note,
  };
}

export const FILTERS: Filter<FigureListQuery>[] = [
  { param: 'subject', op: 'eq', column: figures.subjectId },
  { param: 'event', op: 'eq', column: figures.eventId },
  { param: 'qualifier', op: 'eq', column: figures.qualifier },
  // A figure matches when the range its hedge implies (src/domain/figures.ts HEDGES) reaches the
  // value asked. A missing bound is open, so the claim can reach any value on that side. An
  // exclusive bound equal to the asked value does not reach it: "nearly 180,000" never reaches
  // 180,000, and, starting at 162,000, never comes down to 10.
  {
    param: 'min',
    op: 'where',
    where: (min) =>
      or(
        isNull(figures.upperBound),
        gt(figures.upperBound, min),
        and(eq(figures.upperBound, min), eq(figures.upperInclusive, true)),
      ),
  },
  {
    param: 'max',
    op: 'where',
    where: (max) =>
      or(
        isNull(figures.lowerBound),
        lt(figures.lowerBound, max),
        and(eq(figures.lowerBound, max), eq(figures.lowerInclusive, true)),
      ),
  },
];

/** Figures with their subject and event joined. */
const selectFigures = (db: Db, extra = {}) =>
  db
    .select({ ...summaryColumns, ...extra })
    .from(figures)
    .innerJoin(organizations, eq(organizations.id, figures.subjectId))
    .leftJoin(events, eq(events.id, figures.eventId));

/** A figure by `id`, prepared once per connection. */
const queries = perConnection((db) => ({
  row: selectFigures(db)
    .where(eq(figures.id, sql.placeholder('id')))
    .prepare(),
}));

/** The list's sorts, on either backend (run.ts, run.pg.ts). */
export const FIGURES_LIST = {
  kind: 'figure',
  sorts: { id: figures.id, value: figures.value },
  defaultSort: 'id',
} satisfies Pick<ListSpec, 'kind' | 'sorts' | 'defaultSort'>;

export function createFiguresRepository(db: Db) {
  const baseSelect = (extra = {}) => selectFigures(db, extra);

  return {
    list(query: FigureListQuery): Page<FigureSummary> {
      const result = runList<SummaryRow>(
        db,
        {
          ...FIGURES_LIST,
          id: figures.id,
          select: baseSelect,
          ...listFilters(FILTERS, query),
        },
        query,
      );
      return listResponse(result, toSummary, {
        include: query.include,
        citationsOf: (ids) => citationsOf(db, 'figure', ids),
      });
    },

    get(id: string): FigureDetail | null {
      const row = queries(db).row.get({ id });
      if (!row) return null;
      return {
        ...toSummary(row),
        citations: citationsOf(db, 'figure', [id]).get(id) ?? [],
        basis: basisOf(db, 'figure', id),
      };
    },
  };
}
