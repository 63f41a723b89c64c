/** The shapes of a person's views: their events, their statements, their delegations. */
import { z } from 'zod';
import { named } from '../../query/examples.js';
import { DateValue, idParams, pageOf, Ref } from '../../query/shapes.js';
import { EventBrief } from '../events/schemas.js';

export const PersonEvent = EventBrief.extend({
  role: z.string().meta({ description: 'How the person took part: "laid the wreath".' }),
}).meta(named('PersonEvent', 'An event a person took part in, with their role.'));
export type PersonEvent = z.infer<typeof PersonEvent>;

export const PersonStatement = z
  .object({
    id: z.string(),
    date: DateValue.nullable(),
    kind: z.string(),
    mode: z.enum(['quote', 'paraphrase']),
    text: z.string(),
    event: Ref.nullable().meta({ description: 'The event the statement is about.' }),
  })
  .meta(named('PersonStatement'));
export type PersonStatement = z.infer<typeof PersonStatement>;

export const DELEGATION_ROLES = ['leader', 'member', 'receiver'] as const;
export type DelegationRole = (typeof DELEGATION_ROLES)[number];

export const DelegationRoleItem = z
  .object({
    id: z.string().meta({ description: 'The id of the delegation.' }),
    name: z.string(),
    role: z.enum(DELEGATION_ROLES),
    arrival: DateValue.nullable(),
    destination: Ref.nullable(),
  })
  .meta(named('DelegationRole', 'A delegation a person led, joined or received.'));
export type DelegationRoleItem = z.infer<typeof DelegationRoleItem>;

export const PersonEventPage = pageOf(PersonEvent, 'PersonEventPage');
export const PersonStatementPage = pageOf(PersonStatement, 'PersonStatementPage');
export const DelegationRolePage = pageOf(DelegationRoleItem, 'DelegationRolePage');

export const PersonEventParams = idParams('kim-jong-un');
export const PersonStatementParams = idParams('mao-ning');
export const PersonDelegationParams = idParams('sergei-shoigu');
