/** People, each with the country (an organization) they belong to. */
import { inArray } from 'drizzle-orm';
import { defineKind } from '../../records/definition.js';
import { PersonRecord } from './record.js';
import { people } from './table.js';
import { people as pgPeople } from './table.pg.js';

export const peopleKind = defineKind({
  name: 'people',
  singular: 'person',
  tag: 'people',
  resource: true,
  about: 'People, their positions and relations.',
  table: people,
  pgTable: pgPeople,
  record: PersonRecord,
  shape: PersonRecord,
  columns: {
    id: 'id',
    name: 'name',
    aliases: 'aliases',
    country: 'countryId',
    description: 'description',
  },
  references: [{ field: 'country', target: 'organizations', column: people.countryId }],
  csv: true,
  label: (db, ids) =>
    db
      .select({ id: people.id, label: people.name })
      .from(people)
      .where(inArray(people.id, ids))
      .all(),
  example: {
    id: 'mao-ning',
    patch: { aliases: ['Mao'], description: 'Chinese Foreign Ministry spokesperson' },
  },
});
