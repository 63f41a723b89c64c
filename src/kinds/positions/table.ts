import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { organizations } from '../organizations/table.js';
import { people } from '../people/table.js';

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
    /** The partial date the source states it for, when start and end are unknown. */
    asOf: text('as_of'),
  },
  (t) => [
    // In a person's order of positions (start, id), so theirs are read in order.
    index('positions_person_idx').on(t.personId, t.start, t.id),
    index('positions_organization_idx').on(t.organizationId, t.personId),
  ],
);
