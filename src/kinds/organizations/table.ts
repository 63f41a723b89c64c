import { type AnySQLiteColumn, index, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Parties, ministries, state media, armed forces and states themselves. */
export const organizations = sqliteTable(
  'organizations',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    /** state, party, ministry, state_media, armed_force, legislature, party_body, state_body, ... */
    type: text('type').notNull(),
    aliases: text('aliases', { mode: 'json' }).$type<string[]>().notNull().default([]),
    /** The state the organization belongs to, itself an organization of type `state`. */
    countryId: text('country_id').references((): AnySQLiteColumn => organizations.id),
    /** The body this one is part of: the Political Bureau is part of the Central Committee. */
    parentId: text('parent_id').references((): AnySQLiteColumn => organizations.id),
    description: text('description'),
  },
  (t) => [
    // A filter value, then the list's order (name, id): a page is one index range, read in order.
    index('organizations_country_name_idx').on(t.countryId, t.name, t.id),
    index('organizations_parent_name_idx').on(t.parentId, t.name, t.id),
    index('organizations_type_name_idx').on(t.type, t.name, t.id),
    index('organizations_name_idx').on(t.name),
  ],
);
