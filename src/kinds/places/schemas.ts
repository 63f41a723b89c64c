import { z } from 'zod';
import { named } from '../../query/examples.js';
import {
  CITATIONS_MAX,
  Citation,
  cappedArray,
  DateValue,
  embeddedLists,
  fieldNames,
  fieldsParam,
  Id,
  idParams,
  includeParam,
  ListQuery,
  pageOf,
  Ref,
  several,
  sortParam,
  valuesParam,
} from '../../query/shapes.js';
import { Basis } from '../../records/fields.js';

const PLACE_FIELDS = {
  id: z.string(),
  name: z.string(),
  type: z.string(),
  aliases: z.array(z.string()),
  parent: Ref.nullable().meta({ description: 'The place that contains this one.' }),
  citations: z
    .array(Citation)
    .optional()
    .meta({ description: 'With `include=citations`: the sources behind it.' }),
};

export const PlaceSummary = z.object(PLACE_FIELDS).meta(named('PlaceSummary'));
export type PlaceSummary = z.infer<typeof PlaceSummary>;

/** An event at a place, in short; `GET /v1/events/{id}` has the rest. */
export const PlaceEvent = z
  .object({ id: z.string(), title: z.string(), start: DateValue })
  .meta(named('PlaceEvent'));
export type PlaceEvent = z.infer<typeof PlaceEvent>;

export const PlaceDetail = PlaceSummary.extend({
  ancestors: z
    .array(Ref)
    .meta({ description: 'The places containing it, from its parent up to the top.' }),
  children: cappedArray(Ref, 'children', 'The places directly inside it, by name.'),
  events: cappedArray(
    PlaceEvent,
    'events',
    'Events at this place or at any place inside it, by date.',
  ),
  citations: cappedArray(Citation, 'citations', 'The sources behind it.', CITATIONS_MAX),
  basis: Basis,
  lists: embeddedLists({ children: null, events: '`/v1/places/{id}/events`', citations: null }),
}).meta(named('PlaceDetail'));
export type PlaceDetail = z.infer<typeof PlaceDetail>;

export const PlaceListQuery = ListQuery.extend({
  type: valuesParam(z.string().min(1).max(60))
    .optional()
    .meta({
      description: several(
        'Places of this type (country, province, county, city, ...).',
        'type=city,county',
      ),
    }),
  within: Id.optional().meta({
    description: 'Places inside this one, at any depth (the place itself excluded).',
    example: 'dprk',
  }),
  sort: sortParam(['name', 'id'], 'name'),
  include: includeParam(['citations']),
  fields: fieldsParam(fieldNames(PLACE_FIELDS)),
}).strict();
export type PlaceListQuery = z.infer<typeof PlaceListQuery>;

export const PlacePage = pageOf(PlaceSummary, 'PlacePage');
export const PlaceParams = idParams('hoechang-county');
export const PlaceViewParams = idParams('hoechang-county');
