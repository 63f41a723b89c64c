/** Places: countries, cities, counties, cemeteries, airports, each inside its parent. */
import { inArray } from 'drizzle-orm';
import { defineKind } from '../../records/definition.js';
import { PlaceRecord } from './record.js';
import { places } from './table.js';
import { places as pgPlaces } from './table.pg.js';

export const placesKind = defineKind({
  name: 'places',
  singular: 'place',
  tag: 'places',
  resource: true,
  about: 'Places, each inside the place that contains it.',
  table: places,
  pgTable: pgPlaces,
  record: PlaceRecord,
  shape: PlaceRecord,
  columns: { id: 'id', name: 'name', type: 'type', aliases: 'aliases', parent: 'parentId' },
  references: [{ field: 'parent', target: 'places', column: places.parentId }],
  csv: true,
  label: (db, ids) =>
    db
      .select({ id: places.id, label: places.name })
      .from(places)
      .where(inArray(places.id, ids))
      .all(),
  example: { id: 'hoechang-county', patch: { aliases: ['Hoechang'] } },
});
