import { z } from 'zod';
import { CITED_KINDS } from '../kinds/tables.js';
import { named } from '../query/examples.js';
import { DateValue, idParams, ListQuery, pageOf, Ref } from '../query/shapes.js';

/** The keys every view takes: a page size and a cursor, nothing else. */
export const ViewQuery = ListQuery.pick({ limit: true, cursor: true }).strict();
export type ViewQuery = z.infer<typeof ViewQuery>;

/** An event in short, as views list it; `GET /v1/events/{id}` has the rest. */
export const EventBrief = z
  .object({
    id: z.string(),
    type: z.string(),
    title: z.string(),
    start: DateValue,
    end: DateValue.nullable(),
    place: Ref.nullable(),
  })
  .meta(named('EventBrief'));
export type EventBrief = z.infer<typeof EventBrief>;

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

export const Claim = z
  .object({
    kind: z.enum(CITED_KINDS).meta({ description: 'The kind of fact the source supports.' }),
    id: z.string().meta({ description: 'The id of the fact.' }),
    title: z.string().meta({
      description:
        'The fact in a few words: an event\'s title, a person\'s name, "Speaker: text…", "Nearly 180,000 CPV soldiers killed", "Kim Jong-un laid the wreath <event>", "Mao Ning: spokeswoman, Chinese Foreign Ministry".',
    }),
    excerpt: z.string().meta({ description: 'The exact words of the source.' }),
  })
  .meta(named('Claim', 'A fact that cites a source, with the excerpt it rests on.'));
export type Claim = z.infer<typeof Claim>;

export const PersonEventPage = pageOf(PersonEvent, 'PersonEventPage');
export const PersonStatementPage = pageOf(PersonStatement, 'PersonStatementPage');
export const DelegationRolePage = pageOf(DelegationRoleItem, 'DelegationRolePage');
export const EventBriefPage = pageOf(EventBrief, 'EventBriefPage');
export const ClaimPage = pageOf(Claim, 'ClaimPage');

export const PersonEventParams = idParams('kim-jong-un');
export const PersonStatementParams = idParams('mao-ning');
export const PersonDelegationParams = idParams('sergei-shoigu');
export const PlaceViewParams = idParams('hoechang-county');
export const EventViewParams = idParams('korean-war-70th-anniversary-commemorations');
export const SourceViewParams = idParams('article-2023-07-27');
