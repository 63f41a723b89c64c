import { type AnySQLiteColumn, index, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const places = sqliteTable(
  'places',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    /** country, province, county, city, cemetery, grave, airport, region, ... */
    type: text('type').notNull(),
    aliases: text('aliases', { mode: 'json' }).$type<string[]>().notNull().default([]),
    /** The place that contains this one: Hoechang County is in South Pyongan Province. */
    parentId: text('parent_id').references((): AnySQLiteColumn => places.id),
  },
  (t) => [
    // A filter value, then the list's order (name, id): a page is one index range, read in order.
    index('places_parent_name_idx').on(t.parentId, t.name, t.id),
    index('places_type_name_idx').on(t.type, t.name, t.id),
    index('places_name_idx').on(t.name),
  ],
);
