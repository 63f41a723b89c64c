/** Sources: the documents facts come from, and which other sources each one cites. */
import { inArray } from 'drizzle-orm';
import { defineKind } from '../../records/definition.js';
import { SourceRecord } from './record.js';
import { sourceCites, sources } from './table.js';
import { sourceCites as pgSourceCites, sources as pgSources } from './table.pg.js';

export const sourcesKind = defineKind({
  name: 'sources',
  singular: 'source',
  tag: 'sources',
  resource: true,
  about: 'The documents the facts come from.',
  table: sources,
  pgTable: pgSources,
  record: SourceRecord,
  shape: SourceRecord,
  columns: {
    id: 'id',
    title: 'title',
    publisher: 'publisher',
    issued_by: 'issuedById',
    published: 'published',
    url: 'url',
    text: 'text',
  },
  lists: [
    {
      field: 'cites',
      table: sourceCites,
      pgTable: pgSourceCites,
      owner: sourceCites.sourceId,
      order: sourceCites.ordinal,
      toRows: (r) => r.cites.map((citedSourceId, ordinal) => ({ ordinal, citedSourceId })),
      fromRow: (row) => row.citedSourceId,
    },
  ],
  references: [
    { field: 'issued_by', target: 'organizations', column: sources.issuedById },
    {
      list: 'cites',
      owner: sourceCites.sourceId,
      entries: [{ target: 'sources', column: sourceCites.citedSourceId }],
    },
  ],
  csv: true,
  label: (db, ids) =>
    db
      .select({ id: sources.id, label: sources.title })
      .from(sources)
      .where(inArray(sources.id, ids))
      .all(),
  example: {
    id: 'kcna-report-2023-07-26-wreath',
    patch: { url: 'https://www.kcna.kp/', text: null },
  },
});
