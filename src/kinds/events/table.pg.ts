/** The PostgreSQL twin of table.ts (test/postgres/schema-parity.test.ts keeps them equal). */
import { type AnyPgColumn, index, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { places } from '../places/table.pg.js';
import { EVENT_STATUSES } from './table.js';

export const events = pgTable(
  'events',
  {
    id: text('id').primaryKey(),
    type: text('type').notNull(),
    title: text('title').notNull(),
    summary: text('summary'),
    start: text('start').notNull(),
    end: text('end'),
    startFirstDay: text('start_first_day').notNull(),
    endLastDay: text('end_last_day').notNull(),
    startLastDay: text('start_last_day'),
    endFirstDay: text('end_first_day'),
    status: text('status', { enum: EVENT_STATUSES }).notNull().default('held'),
    spanClass: integer('span_class').notNull().default(3),
    placeId: text('place_id').references(() => places.id),
    parentId: text('parent_id').references((): AnyPgColumn => events.id),
    commemoratesId: text('commemorates_id').references((): AnyPgColumn => events.id),
  },
  (t) => [
    index('events_start_idx').on(t.startFirstDay, t.id),
    // The place and the type too: see table.ts.
    index('events_span_start_idx').on(
      t.spanClass,
      t.startFirstDay,
      t.id,
      t.endLastDay,
      t.placeId,
      t.type,
    ),
    index('events_end_idx').on(t.endLastDay),
    index('events_title_idx').on(t.title, t.id),
    index('events_type_idx').on(t.type, t.startFirstDay),
    index('events_place_idx').on(t.placeId),
    index('events_parent_start_idx').on(t.parentId, t.startFirstDay, t.id),
    index('events_commemorates_idx').on(t.commemoratesId),
  ],
);

export const eventNames = pgTable(
  'event_names',
  {
    eventId: text('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    ordinal: integer('ordinal').notNull(),
    name: text('name').notNull(),
    usedBy: text('used_by').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.eventId, t.ordinal] }),
    index('event_names_used_by_idx').on(t.usedBy),
  ],
);
