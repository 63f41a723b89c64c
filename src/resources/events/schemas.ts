import { z } from 'zod';
import { named } from '../examples.js';
import {
  Agent,
  Citation,
  DateValue,
  Id,
  idParams,
  ListQuery,
  PartialDate,
  pageOf,
  Ref,
} from '../shared.js';

export const EventName = z
  .object({ name: z.string(), used_by: z.string() })
  .meta(named('EventName'));

export const EventSummary = z
  .object({
    id: z.string(),
    type: z.string(),
    title: z.string(),
    summary: z.string().nullable(),
    start: DateValue,
    end: DateValue.nullable(),
    place: Ref.nullable(),
    parent: Ref.nullable(),
  })
  .meta(named('EventSummary'));
export type EventSummary = z.infer<typeof EventSummary>;

export const Participant = z
  .object({ id: z.string(), participant: Agent, role: z.string(), citations: z.array(Citation) })
  .meta(named('Participant'));

export const EventDetail = EventSummary.extend({
  commemorates: Ref.nullable(),
  names: z.array(EventName),
  participants: z.array(Participant),
  children: z.array(Ref),
  citations: z.array(Citation),
}).meta(named('EventDetail'));
export type EventDetail = z.infer<typeof EventDetail>;

export const EventListQuery = ListQuery.extend({
  from: PartialDate.optional().meta({
    description: 'Events whose span reaches this date or later (partial date).',
    example: '1951',
  }),
  to: PartialDate.optional().meta({
    description: 'Events whose span starts on or before this date (partial date).',
    example: '1951',
  }),
  type: z.string().max(60).optional().meta({
    description: 'Events of this type (war, commemoration, wreath_laying, ...).',
    example: 'war',
  }),
  place: Id.optional().meta({
    description: 'Events at this place or at any place inside it.',
    example: 'dprk',
  }),
  participant: Id.optional().meta({
    description: 'Events in which this person or organization took part.',
    example: 'kim-jong-un',
  }),
}).strict();
export type EventListQuery = z.infer<typeof EventListQuery>;

export const EventPage = pageOf(EventSummary, 'EventPage');
export const EventParams = idParams('korean-war');
