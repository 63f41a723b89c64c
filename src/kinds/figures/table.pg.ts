/** The PostgreSQL twin of table.ts (test/postgres/schema-parity.test.ts keeps them equal). */
import { boolean, doublePrecision, index, pgTable, text } from 'drizzle-orm/pg-core';
import { QUALIFIERS } from '../../domain/figures.js';
import { events } from '../events/table.pg.js';
import { organizations } from '../organizations/table.pg.js';

export const figures = pgTable(
  'figures',
  {
    id: text('id').primaryKey(),
    subjectId: text('subject_id')
      .notNull()
      .references(() => organizations.id),
    eventId: text('event_id').references(() => events.id),
    measure: text('measure').notNull(),
    // SQLite's real is an 8-byte float: double precision, not PostgreSQL's 4-byte real.
    value: doublePrecision('value').notNull(),
    qualifier: text('qualifier', { enum: QUALIFIERS }).notNull(),
    lowerBound: doublePrecision('lower_bound'),
    // boolean, where SQLite stores 0/1 in an integer: drizzle reads both as true/false, which is
    // what the answers hold (`lower_inclusive: true`), and only drizzle reads these columns.
    lowerInclusive: boolean('lower_inclusive').notNull(),
    upperBound: doublePrecision('upper_bound'),
    upperInclusive: boolean('upper_inclusive').notNull(),
    unit: text('unit').notNull(),
    asStated: text('as_stated').notNull(),
    note: text('note'),
  },
  (t) => [
    index('figures_subject_order_idx').on(t.subjectId, t.id),
    index('figures_event_order_idx').on(t.eventId, t.id),
    index('figures_value_idx').on(t.value, t.id),
    index('figures_qualifier_idx').on(t.qualifier, t.id),
  ],
);
