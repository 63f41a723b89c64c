/** Organizations: states, parties, ministries, armies, news agencies, each inside its parent. */
import { inArray } from 'drizzle-orm';
import { defineKind } from '../../records/definition.js';
import { OrganizationRecord } from './record.js';
import { organizations } from './table.js';

export const organizationsKind = defineKind({
  name: 'organizations',
  singular: 'organization',
  tag: 'organizations',
  resource: true,
  about: 'Parties, ministries, state media, armed forces and states.',
  table: organizations,
  record: OrganizationRecord,
  shape: OrganizationRecord,
  toRow: (r) => ({
    id: r.id,
    name: r.name,
    type: r.type,
    aliases: r.aliases,
    countryId: r.country ?? null,
    parentId: r.parent ?? null,
    description: r.description ?? null,
  }),
  fromRow: (r) => ({
    id: r.id,
    name: r.name,
    type: r.type,
    aliases: r.aliases,
    country: r.countryId,
    parent: r.parentId,
    description: r.description,
  }),
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
