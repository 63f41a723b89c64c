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
  sortParam,
} from '../../query/shapes.js';
import { Basis } from '../../records/fields.js';

const PERSON_FIELDS = {
  id: z.string(),
  name: z.string(),
  aliases: z.array(z.string()),
  country: Ref.nullable(),
  description: z.string().nullable(),
  citations: z
    .array(Citation)
    .optional()
    .meta({ description: 'With `include=citations`: the sources behind it.' }),
};

export const PersonSummary = z.object(PERSON_FIELDS).meta(named('PersonSummary'));
export type PersonSummary = z.infer<typeof PersonSummary>;

export const PersonPosition = z
  .object({
    id: z.string(),
    title: z.string(),
    organization: Ref.nullable(),
    start: DateValue.nullable(),
    end: DateValue.nullable(),
    as_of: DateValue.nullable().meta({
      description:
        'The date the source states the position for, when it gives no start or end: held then, not timelessly.',
    }),
    citations: z.array(Citation),
  })
  .meta(named('PersonPosition'));

export const PersonRelation = z
  .object({
    id: z.string(),
    relation: z.string().meta({ description: 'Read "person relation related_person".' }),
    person: Ref,
    related_person: Ref,
    citations: z.array(Citation),
  })
  .meta(named('PersonRelation'));

/** An event someone took part in, and how; shared with organizations. */
export const EventRole = z
  .object({ event: Ref, role: z.string(), start: DateValue })
  .meta(named('EventRole'));
export type EventRole = z.infer<typeof EventRole>;

/** A statement in short, as listed under its speaker; shared with organizations. */
export const SpokenStatement = z
  .object({
    id: z.string(),
    date: DateValue.nullable(),
    mode: z.enum(['quote', 'paraphrase']),
    kind: z.string(),
    text: z.string(),
  })
  .meta(named('SpokenStatement'));
export type SpokenStatement = z.infer<typeof SpokenStatement>;

export const DELEGATION_ROLES = ['leader', 'member', 'receiver'] as const;

export const PersonDelegation = z
  .object({ delegation: Ref, role: z.enum(DELEGATION_ROLES) })
  .meta(named('PersonDelegation'));
export type PersonDelegation = z.infer<typeof PersonDelegation>;

export const PersonDetail = PersonSummary.extend({
  positions: cappedArray(PersonPosition, 'positions', 'The posts the person held, by start.'),
  relations: cappedArray(
    PersonRelation,
    'relations',
    'Relations in both directions: this person or the related one.',
  ),
  events: cappedArray(EventRole, 'events', 'Events the person took part in, by date.'),
  statements: cappedArray(
    SpokenStatement,
    'statements',
    'What the person said, by date, undated last.',
  ),
  delegations: cappedArray(
    PersonDelegation,
    'delegations',
    'Delegations the person led, joined or received, by name.',
  ),
  citations: cappedArray(Citation, 'citations', 'The sources behind it.', CITATIONS_MAX),
  basis: Basis,
  lists: embeddedLists({
    positions: null,
    relations: null,
    events: '`/v1/people/{id}/events`',
    statements: '`/v1/people/{id}/statements`',
    delegations: '`/v1/people/{id}/delegations` (which orders them by arrival)',
    citations: null,
  }),
}).meta(named('PersonDetail'));
export type PersonDetail = z.infer<typeof PersonDetail>;

export const PersonListQuery = ListQuery.extend({
  organization: Id.optional().meta({
    description: 'People holding a position in this organization or in any organization inside it.',
    example: 'communist-party-of-china',
  }),
  sort: sortParam(['name', 'id'], 'name'),
  include: includeParam(['citations']),
  fields: fieldsParam(fieldNames(PERSON_FIELDS)),
}).strict();
export type PersonListQuery = z.infer<typeof PersonListQuery>;

export const PersonPage = pageOf(PersonSummary, 'PersonPage');
export const PersonParams = idParams('kim-jong-un');
