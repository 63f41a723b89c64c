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
  (t) => [index('places_parent_idx').on(t.parentId), index('places_name_idx').on(t.name)],
);
