/** Relations between two people, read "person relation related person": "eldest son of". */
import { eq, inArray } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { defineKind } from '../../records/definition.js';
import { people } from '../people/table.js';
import { RelationRecord } from './record.js';
import { relations } from './table.js';
import { relations as pgRelations } from './table.pg.js';

/** The other person of a relation, joined under another name. */
const related = alias(people, 'related');

export const relationsKind = defineKind({
  name: 'relations',
  singular: 'relation',
  tag: 'facts',
  resource: false,
  about: 'A relation between two people.',
  table: relations,
  pgTable: pgRelations,
  record: RelationRecord,
  shape: RelationRecord,
  columns: {
    id: 'id',
    person: 'personId',
    relation: 'relation',
    related_person: 'relatedPersonId',
  },
  references: [
    { field: 'person', target: 'people', column: relations.personId },
    { field: 'related_person', target: 'people', column: relations.relatedPersonId },
  ],
  csv: true,
  label: (db, ids) =>
    db
      .select({
        id: relations.id,
        person: people.name,
        relation: relations.relation,
        related: related.name,
      })
      .from(relations)
      .innerJoin(people, eq(people.id, relations.personId))
      .innerJoin(related, eq(related.id, relations.relatedPersonId))
      .where(inArray(relations.id, ids))
      .all()
      .map((row) => ({ id: row.id, label: `${row.person} ${row.relation} ${row.related}` })),
  example: { id: 'mao-anying-eldest-son-of-mao-zedong', patch: { relation: 'son of' } },
});
