import { sql } from 'drizzle-orm';
import {
  type AnySQLiteColumn,
  check,
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
} from 'drizzle-orm/sqlite-core';
import { organizations } from './organizations.js';
import { people } from './people.js';
import { places } from './places.js';

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
    // alone: at 1M events a year's page went from 6.9 to 1.4 ms, most of it those skips.
    index('events_span_start_idx').on(t.spanClass, t.startFirstDay, t.id, t.endLastDay),
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

/** Who took part in an event and how: a person, an organization, or an unnamed group. */
export const participations = sqliteTable(
  'participations',
  {
    id: text('id').primaryKey(),
    eventId: text('event_id')
      .notNull()
      .references(() => events.id),
    personId: text('person_id').references(() => people.id),
    organizationId: text('organization_id').references(() => organizations.id),
    /** An unnamed participant, as the source names it: "senior officials". */
    groupLabel: text('group_label'),
    /** laid the wreath, accompanied, honoured, fought, ... */
    role: text('role').notNull(),
    /**
     * The event's `start_first_day`, copied by triggers (migration 0009) so that a party's events
     * by start are one index range read in order; NULL only while an import has written the
     * participation and not yet its event. Never written by the app, never in a bundle.
     */
    eventStartFirstDay: text('event_start_first_day'),
  },
  (t) => [
    index('participations_event_idx').on(t.eventId),
    // A party's events by start, then event, then participation: the order its lists promise.
    // Partial, so that each holds only its own party's rows (an `= ?` on the column implies
    // NOT NULL, so SQLite uses them) and a write touches one of them, not both.
    index('participations_person_start_idx')
      .on(t.personId, t.eventStartFirstDay, t.eventId, t.id)
      .where(sql`${t.personId} is not null`),
    index('participations_organization_start_idx')
      .on(t.organizationId, t.eventStartFirstDay, t.eventId, t.id)
      .where(sql`${t.organizationId} is not null`),
    check(
      'participations_one_participant',
      sql`(${t.personId} is not null) + (${t.organizationId} is not null) + (${t.groupLabel} is not null) = 1`,
    ),
  ],
);
