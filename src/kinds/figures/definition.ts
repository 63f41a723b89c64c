/** Figures: a number as the source states it, its hedge kept as bounds ("nearly 180,000"). */
import { inArray, sql } from 'drizzle-orm';
import { boundsOf } from '../../domain/figures.js';
import { defineKind } from '../../records/definition.js';
import { eventsInPeriod } from '../events/definition.js';
import { events } from '../events/table.js';
import { FigureRecord } from './record.js';
import { figures } from './table.js';
import { figures as pgFigures } from './table.pg.js';

export const figuresKind = defineKind({
  name: 'figures',
  singular: 'figure',
  tag: 'figures',
  resource: true,
  about: 'Numeric claims with their hedge kept.',
  table: figures,
  pgTable: pgFigures,
  record: FigureRecord,
  shape: FigureRecord,
  columns: {
    id: 'id',
    subject: 'subjectId',
    event: 'eventId',
    measure: 'measure',
    value: 'value',
    qualifier: 'qualifier',
    unit: 'unit',
    as_stated: 'asStated',
    note: 'note',
  },
  derive: (r) => {
    const bounds = boundsOf(r.qualifier, r.value);
    return {
      lowerBound: bounds.lower,
      lowerInclusive: bounds.lowerInclusive,
      upperBound: bounds.upper,
      upperInclusive: bounds.upperInclusive,
    };
  },
  references: [
    { field: 'subject', target: 'organizations', column: figures.subjectId },
    { field: 'event', target: 'events', column: figures.eventId },
  ],
  csv: true,
  inPeriod: (from, to) =>
    inArray(
      figures.eventId,
      sql`(select ${events.id} from ${events} where ${eventsInPeriod(from, to) ?? sql`1`})`,
    ),
  label: (db, ids) =>
    db
      .select({ id: figures.id, asStated: figures.asStated, measure: figures.measure })
      .from(figures)
      .where(inArray(figures.id, ids))
      .all()
      .map((row) => ({ id: row.id, label: `${row.asStated} ${row.measure}` })),
  example: { id: 'cpv-soldiers-killed-korean-war', patch: { note: 'as the article gives it' } },
});
