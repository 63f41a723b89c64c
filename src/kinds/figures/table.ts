import { index, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { QUALIFIERS } from '../../domain/figures.js';
import { events } from '../events/table.js';
import { organizations } from '../organizations/table.js';

/** A numeric claim with its hedge kept: "nearly 180,000" CPV soldiers were killed. */
export const figures = sqliteTable(
  'figures',
  {
    id: text('id').primaryKey(),
    subjectId: text('subject_id')
      .notNull()
      .references(() => organizations.id),
    eventId: text('event_id').references(() => events.id),
    /** What is counted: "CPV soldiers killed". */
    measure: text('measure').notNull(),
    value: real('value').notNull(),
    qualifier: text('qualifier', { enum: QUALIFIERS }).notNull(),
    /** Derived from value and qualifier (src/domain/figures.ts), stored to be queried. */
    lowerBound: real('lower_bound'),
    lowerInclusive: integer('lower_inclusive', { mode: 'boolean' }).notNull(),
    upperBound: real('upper_bound'),
    upperInclusive: integer('upper_inclusive', { mode: 'boolean' }).notNull(),
    unit: text('unit').notNull(),
    /** The words of the source: "Nearly 180,000". */
    asStated: text('as_stated').notNull(),
    note: text('note'),
  },
  // A filter value, then the list's order (id): a page is one index range, read in order.
  (t) => [
    index('figures_subject_order_idx').on(t.subjectId, t.id),
    index('figures_event_order_idx').on(t.eventId, t.id),
    index('figures_value_idx').on(t.value, t.id),
    index('figures_qualifier_idx').on(t.qualifier, t.id),
  ],
);
