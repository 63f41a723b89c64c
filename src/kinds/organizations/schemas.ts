import { z } from 'zod';
import { named } from '../../query/examples.js';
import {
  CITATIONS_MAX,
  Citation,
  cappedArray,
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
import { EventRole, SpokenStatement } from '../people/schemas.js';

const ORGANIZATION_FIELDS = {
  id: z.string(),
  name: z.string(),
  type: z.string(),
  aliases: z.array(z.string()),
  country: Ref.nullable().meta({ description: 'The state it belongs to.' }),
  parent: Ref.nullable().meta({ description: 'The body it is part of.' }),
  description: z.string().nullable(),
  citations: z
    .array(Citation)
    .optional()
    .meta({ description: 'With `include=citations`: the sources behind it.' }),
};

export const OrganizationSummary = z.object(ORGANIZATION_FIELDS).meta(named('OrganizationSummary'));
export type OrganizationSummary = z.infer<typeof OrganizationSummary>;

export const OrganizationMember = z
  .object({
    id: z.string().meta({ description: 'The id of the position.' }),
    title: z.string(),
    person: Ref,
  })
  .meta(named('OrganizationMember'));

export const OrganizationDetail = OrganizationSummary.extend({
  children: cappedArray(Ref, 'children', 'The bodies that are part of it, by name.'),
  members: cappedArray(OrganizationMember, 'members', 'People holding a position in it, by name.'),
  statements: cappedArray(
    SpokenStatement,
    'statements',
    'What it said, by date, undated last; `/v1/statements?speaker={id}` lists them all.',
  ),
  events: cappedArray(
    EventRole,
    'events',
    'Events it took part in, by date; `/v1/events?participant={id}` lists them all.',
  ),
  citations: cappedArray(Citation, 'citations', 'The sources behind it.', CITATIONS_MAX),
  basis: Basis,
  lists: embeddedLists({
    children: null,
    members: null,
    statements: null,
    events: null,
    citations: null,
  }),
}).meta(named('OrganizationDetail'));
export type OrganizationDetail = z.infer<typeof OrganizationDetail>;

export const OrganizationListQuery = ListQuery.extend({
  type: valuesParam(z.string().min(1).max(60))
    .optional()
    .meta({
      description: several(
        'Organizations of this type (state, party, ministry, state_media, ...).',
        'type=ministry,state_media',
      ),
    }),
  country: valuesParam(Id)
    .optional()
    .meta({
      description: several('Organizations belonging to this state.', 'country=china,dprk'),
    }),
  sort: sortParam(['name', 'id'], 'name'),
  include: includeParam(['citations']),
  fields: fieldsParam(fieldNames(ORGANIZATION_FIELDS)),
}).strict();
export type OrganizationListQuery = z.infer<typeof OrganizationListQuery>;

export const OrganizationPage = pageOf(OrganizationSummary, 'OrganizationPage');
export const OrganizationParams = idParams('workers-party-of-korea');
