/** Relations between two people, read "person relation related person": "eldest son of". */
import { defineKind } from '../../records/definition.js';
import { RelationRecord } from './record.js';
import { relations } from './table.js';

export const relationsKind = defineKind({
  name: 'relations',
  singular: 'relation',
  tag: 'facts',
  resource: false,
  about: 'A relation between two people.',
  table: relations,
  record: RelationRecord,
  shape: RelationRecord,
  toRow: (r) => ({
    id: r.id,
    personId: r.person,
    relation: r.relation,
    relatedPersonId: r.related_person,
  }),
  fromRow: (r) => ({
    id: r.id,
    person: r.personId,
    relation: r.relation,
    related_person: r.relatedPersonId,
  }),
  references: [
    { field: 'person', target: 'people', column: relations.personId },
    { field: 'related_person', target: 'people', column: relations.relatedPersonId },
  ],
  csv: true,
  example: { id: 'mao-anying-eldest-son-of-mao-zedong', patch: { relation: 'son of' } },
});
