import { z } from 'zod';
import { named } from '../../query/examples.js';
import {
  Agent,
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
import { EVENT_STATUSES, STATEMENT_MODES } from '../tables.js';

const DELEGATION_FIELDS = {
  id: z.string(),
  name: z.string(),
  leader: Ref.nullable(),
  sender: Ref.nullable().meta({ description: 'The state or body that sent it.' }),
  destination: Ref.nullable(),
  event: Ref.nullable().meta({ description: 'The event it came to attend.' }),
  arrival: DateValue.nullable(),
  status: z.enum(EVENT_STATUSES).meta({
    description:
      'Where the visit stands as of its source: `announced` ("will lead a delegation"), `scheduled`, `held` (it came) or `cancelled`.',
  }),
  arrival_place: Ref.nullable(),
  purpose: z.string().nullable().meta({ description: 'The purpose, as the source states it.' }),
  citations: z
    .array(Citation)
    .optional()
    .meta({ description: 'With `include=citations`: the sources behind it.' }),
};

export const DelegationSummary = z.object(DELEGATION_FIELDS).meta(named('DelegationSummary'));
export type DelegationSummary = z.infer<typeof DelegationSummary>;

export const DelegationMember = z
  .object({ person: Ref, role: z.string().nullable() })
  .meta({ id: 'DelegationMember' });

export const DelegationReceiver = z
  .object({ receiver: Agent, role: z.string(), place: Ref.nullable() })
  .meta(named('DelegationReceiver'));

export const DelegationStatement = z
  .object({
    id: z.string(),
    speaker: Agent,
    date: DateValue.nullable(),
    mode: z.enum(STATEMENT_MODES),
    text: z.string(),
  })
  .meta(named('DelegationStatement', 'A statement in short; the full one is at /statements/{id}.'));

export const DelegationDetail = DelegationSummary.extend({
  members: cappedArray(DelegationMember, 'members', 'Who came with the leader, by name.'),
  receivers: cappedArray(
    DelegationReceiver,
    'receivers',
    'Who received it, where, in the order given.',
  ),
  statements: cappedArray(
    DelegationStatement,
    'statements',
    'Statements about the delegation, by date, undated last; `/v1/statements?delegation={id}` lists them all.',
  ),
  citations: cappedArray(Citation, 'citations', 'The sources behind it.', CITATIONS_MAX),
  basis: Basis,
  lists: embeddedLists({ members: null, receivers: null, statements: null, citations: null }),
}).meta(named('DelegationDetail'));
export type DelegationDetail = z.infer<typeof DelegationDetail>;

export const DelegationListQuery = ListQuery.extend({
  leader: valuesParam(Id)
    .optional()
    .meta({
      description: several('Delegations led by this person.', 'leader=sergei-shoigu,li-hongzhong'),
    }),
  destination: valuesParam(Id)
    .optional()
    .meta({
      description: several(
        'Delegations to this place or to any place inside it.',
        'destination=dprk,china',
      ),
    }),
  sender: valuesParam(Id)
    .optional()
    .meta({
      description: several('Delegations sent by this organization.', 'sender=china,russia'),
    }),
  event: valuesParam(Id)
    .optional()
    .meta({
      description: several(
        'Delegations attending this event.',
        'event=korean-war-70th-anniversary-commemorations',
      ),
    }),
  status: valuesParam(z.enum(EVENT_STATUSES))
    .optional()
    .meta({
      description: several(
        'Delegations with this status as of their source.',
        'status=announced,held',
      ),
    }),
  sort: sortParam(['name', 'arrival', 'id'], 'name'),
  include: includeParam(['citations']),
  fields: fieldsParam(fieldNames(DELEGATION_FIELDS)),
}).strict();
export type DelegationListQuery = z.infer<typeof DelegationListQuery>;

export const DelegationPage = pageOf(DelegationSummary, 'DelegationPage');
export const DelegationParams = idParams('sergei-shoigu-delegation-pyongyang-2023');
