/** Organizations: states, parties, ministries, armies, news agencies, each inside its parent. */
import { inArray } from 'drizzle-orm';
import { defineKind } from '../../records/definition.js';
import { OrganizationRecord } from './record.js';
import { organizations } from './table.js';
import { organizations as pgOrganizations } from './table.pg.js';

export const organizationsKind = defineKind({
  name: 'organizations',
  singular: 'organization',
  tag: 'organizations',
  resource: true,
  about: 'Parties, ministries, state media, armed forces and states.',
  table: organizations,
  pgTable: pgOrganizations,
  record: OrganizationRecord,
  shape: OrganizationRecord,
  columns: {
    id: 'id',
    name: 'name',
    type: 'type',
    aliases: 'aliases',
    country: 'countryId',
    parent: 'parentId',
    description: 'description',
  },
  references: [
    { field: 'country', target: 'organizations', column: organizations.countryId },
    { field: 'parent', target: 'organizations', column: organizations.parentId },
  ],
  csv: true,
  label: (db, ids) =>
    db
      .select({ id: organizations.id, label: organizations.name })
      .from(organizations)
      .where(inArray(organizations.id, ids))
      .all(),
  example: { id: 'chinese-foreign-ministry', patch: { description: null } },
});
