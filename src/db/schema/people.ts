import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { organizations } from './organizations.js';

export const people = sqliteTable(
  'people',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    aliases: text('aliases', { mode: 'json' }).$type<string[]>().notNull().default([]),
    countryId: text('country_id').references(() => organizations.id),
    description: text('description'),
  },
  (t) => [index('people_country_idx').on(t.countryId), index('people_name_idx').on(t.name)],
);

/** A post a person held: Kim Jong-un, general secretary of the Workers' Party of Korea. */
export const positions = sqliteTable(
  'positions',
  {
    id: text('id').primaryKey(),
    personId: text('person_id')
      .notNull()
      .references(() => people.id),
    organizationId: text('organization_id').references(() => organizations.id),
    title: text('title').notNull(),
    /** Partial ISO dates; null when the source does not say. */
    start: text('start'),
    end: text('end'),
  },
  (t) => [
    // In a person's order of positions (start, id), so theirs are read in order.
    index('positions_person_idx').on(t.personId, t.start, t.id),
    index('positions_organization_idx').on(t.organizationId, t.personId),
  ],
);

/** A relation between two people, read "person relation relatedPerson": "eldest son of". */
export const relations = sqliteTable(
  'relations',
  {
    id: text('id').primaryKey(),
    personId: text('person_id')
      .notNull()
      .references(() => people.id),
    relation: text('relation').notNull(),
    relatedPersonId: text('related_person_id')
      .notNull()
      .references(() => people.id),
  },
  (t) => [
    index('relations_person_idx').on(t.personId),
    index('relations_related_idx').on(t.relatedPersonId),
  ],
);
