import { z } from 'zod';
import { named } from '../query/examples.js';
import {
  DateValue,
  Id,
  ListQuery,
  PartialDate,
  pageOf,
  Ref,
  several,
  valuesParam,
} from '../query/shapes.js';

/** Sorted as the timeline breaks ties on a day: arrivals, then events, then statements. */
export const TIMELINE_KINDS = ['delegation_arrival', 'event', 'statement'] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export const TimelineItem = z
  .object({
    kind: z.enum(TIMELINE_KINDS).meta({
      description:
        'What happened: an event, a dated statement, or the arrival of a delegation. `id` is the id of the event, statement or delegation.',
    }),
    id: z.string(),
    title: z.string().meta({
      description:
        'The event title; "Speaker: text…" for a statement (cut near 100 characters); "<delegation> arrives" for an arrival.',
    }),
    date: DateValue,
    end: DateValue.nullable().meta({ description: 'Where an event ends; null for the others.' }),
    match: z.enum(['certain', 'possible']).meta({
      description:
        'How surely the item falls in the `from`/`to` range: `certain`, or `possible` when only some of the days its dates can mean do (a week on one of its days; `match` of GET /v1/events). `certain` when there is no range.',
    }),
    place: Ref.nullable().meta({
      description:
        "The event's place; the arrival place (or else the destination) of a delegation; the statement's own place (where it was made, never its event's), or null when the source does not say.",
    }),
  })
  .meta(named('TimelineItem', 'One item of the timeline: an event, a statement or an arrival.'));
export type TimelineItem = z.infer<typeof TimelineItem>;

export const TimelineQuery = ListQuery.pick({ limit: true, cursor: true })
  .extend({
    from: PartialDate.optional().meta({
      description: 'Items whose span reaches this date or later (partial date).',
      example: '2023-07-25',
    }),
    to: PartialDate.optional().meta({
      description: 'Items whose span starts on or before this date (partial date).',
      example: '2023-07-27',
    }),
    place: valuesParam(Id)
      .optional()
      .meta({
        description: several(
          "Items at this place or at any place inside it: events by their place, arrivals by their arrival place (or else their destination), statements by where they were made (their own place, never their event's; a statement whose place is unknown matches no place).",
          'place=hoechang-county,beijing',
        ),
      }),
    participant: valuesParam(Id)
      .optional()
      .meta({
        description: several(
          'A person or organization: events they took part in, statements they made, delegations they led, joined or received.',
          'participant=kim-jong-un,mao-ning',
        ),
      }),
    event: valuesParam(Id)
      .optional()
      .meta({
        description: several(
          'An event and every event under it (at any depth): those events, the statements about them and the delegations attending them.',
          'event=korean-war-70th-anniversary-commemorations',
        ),
      }),
    kind: z
      .enum(TIMELINE_KINDS)
      .optional()
      .meta({ description: 'Only items of this kind.', example: 'statement' }),
  })
  .strict();
export type TimelineQuery = z.infer<typeof TimelineQuery>;

export const TimelinePage = pageOf(TimelineItem, 'TimelinePage');
