/** Positions: a post a person held in an organization, from and to when the source says. */
import { eq, inArray } from 'drizzle-orm';
import { defineKind } from '../../records/definition.js';
import { organizations } from '../organizations/table.js';
import { people } from '../people/table.js';
import { PositionRecord, PositionShape, positionChecks } from './record.js';
import { positions } from './table.js';
import { positions as pgPositions } from './table.pg.js';

export const positionsKind = defineKind({
  name: 'positions',
  singular: 'position',
  tag: 'facts',
  resource: false,
  about: 'A post a person held in an organization.',
  table: positions,
  pgTable: pgPositions,
  record: PositionRecord,
  shape: PositionShape,
  refine: positionChecks,
  columns: {
    id: 'id',
    person: 'personId',
    organization: 'organizationId',
    title: 'title',
    start: 'start',
    end: 'end',
    as_of: 'asOf',
  },
  references: [
    { field: 'person', target: 'people', column: positions.personId },
    { field: 'organization', target: 'organizations', column: positions.organizationId },
  ],
  csv: true,
  label: (db, ids) =>
    db
      .select({
        id: positions.id,
        person: people.name,
        title: positions.title,
        organization: organizations.name,
      })
      .from(positions)
      .innerJoin(people, eq(people.id, positions.personId))
      .leftJoin(organizations, eq(organizations.id, positions.organizationId))
      .where(inArray(positions.id, ids))
      .all()
      .map((row) => ({
        id: row.id,
        label: `${row.person}: ${row.title}${row.organization ? `, ${row.organization}` : ''}`,
      })),
  example: { id: 'mao-ning-spokeswoman-chinese-foreign-ministry', patch: { start: '2022' } },
});
