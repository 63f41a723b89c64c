import {
  type AnySQLiteColumn,
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
} from 'drizzle-orm/sqlite-core';
import { places } from '../places/table.js';

/**
 * Where an event (or a delegation's visit) stands as its source tells it, after schema.org's
 * eventStatus: `announced` (said to be coming, no date fixed), `scheduled` (set for a date),
 * `held` (it took place), `cancelled`.
 */
export const EVENT_STATUSES = ['announced', 'scheduled', 'held', 'cancelled'] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];

export const events = sqliteTable(
  'events',
  {
    id: text('id').primaryKey(),
    /** war, commemoration, anniversary, wreath_laying, tribute, ... */
    type: text('type').notNull(),
    title: text('title').notNull(),
    summary: text('summary'),
    /** Partial ISO dates exactly as the source gives them. */
    start: text('start').notNull(),
    end: text('end'),
    /** First day `start` can mean and last day `end` (or `start`) can mean: for overlap queries. */
    startFirstDay: text('start_first_day').notNull(),
    endLastDay: text('end_last_day').notNull(),
    /**
     * Last day `start` can mean and first day `end` (or `start`) can mean: the event surely
     * overlaps a range that holds the first and reaches the second (src/domain/partial-date.ts);
     * a range that overlaps it otherwise overlaps only its possible days.
     */
    startLastDay: text('start_last_day'),
    endFirstDay: text('end_first_day'),
    /** announced, scheduled, held or cancelled, as of its source (schema.org's eventStatus). */
    status: text('status', { enum: EVENT_STATUSES }).notNull().default('held'),
    /**
     * How long the event lasts, as a class: 0 up to 31 days, 1 up to 366, 2 up to 3,660, 3 longer
     * (src/domain/partial-date.ts). An event overlapping a date starts at most that long before
     * it, so a date-range list scans each class from a bounded start instead of from the first
     * event ever.
     */
    spanClass: integer('span_class').notNull().default(3),
    placeId: text('place_id').references(() => places.id),
    /** The event this one is part of. */
    parentId: text('parent_id').references((): AnySQLiteColumn => events.id),
    /** The event this one commemorates: the 70th-anniversary events commemorate the Korean War. */
    commemoratesId: text('commemorates_id').references((): AnySQLiteColumn => events.id),
  },
  (t) => [
    index('events_start_idx').on(t.startFirstDay, t.id),
    // The end too, so that a date range skips the events that ended before it from the index
    // alone: at 1M events a year's page went from 6.9 to 1.4 ms, most of it those skips. The
    // place and the type too, so that `place=` or `type=` with a date range reads no table row
    // to test them. At 1M events (the bench's database, pages of 20, warm), a decade of one type
    // went from 16.5 to 2.3 ms (median of 60; max 64 to 10), a decade of one state's subtree (771
    // places; 26,000 events start in a decade) from 12.5 to 5.3 ms (mean of 20). An index led by
    // the place (a seek per place and span class) was no faster.
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

/** What others call an event: the Korean War is the "Fatherland Liberation War" in the DPRK. */
export const eventNames = sqliteTable(
  'event_names',
  {
    eventId: text('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    ordinal: integer('ordinal').notNull(),
    name: text('name').notNull(),
    /** Who uses the name: `DPRK`, `China`, `the West`. */
    usedBy: text('used_by').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.eventId, t.ordinal] }),
    index('event_names_used_by_idx').on(t.usedBy),
  ],
);
