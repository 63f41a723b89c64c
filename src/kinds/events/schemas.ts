import { z } from 'zod';
import { named } from '../../query/examples.js';
import {
  Agent,
  CITATIONS_MAX,
  Citation,
  cappedArray,
  DateValue,
  embeddedLists,
  fieldsParam,
  Id,
  idParams,
  includeParam,
  LIMIT_DEFAULT,
  LIMIT_MAX,
  ListQuery,
  nameList,
  PartialDate,
  pageOf,
  queryNumber,
  Ref,
  several,
  sortParam,
  valuesParam,
} from '../../query/shapes.js';
import { Basis } from '../../records/fields.js';
import { PlaceSummary } from '../places/schemas.js';
import { EVENT_STATUSES } from './table.js';

export const EventName = z
  .object({ name: z.string(), used_by: z.string() })
  .meta(named('EventName'));

export const Participant = z
  .object({ id: z.string(), participant: Agent, role: z.string(), citations: z.array(Citation) })
  .meta(named('Participant'));

/** The parent event, expanded with `include=parent`. */
export const ParentEvent = Ref.extend({
  type: z.string(),
  start: DateValue,
  end: DateValue.nullable(),
}).meta(named('ParentEvent'));

/**
 * How surely an event overlaps a list's date range. Its start and end each mean a span of days
 * (a week, a year, one more unit on each side for `~`, `?` and `%`): the event surely overlaps
 * when it starts by the range's last day and ends on or after its first day whatever days its
 * dates turn out to mean, and possibly when only some of those days would make it overlap.
 */
export const DateMatch = z.enum(['certain', 'possible']);
export type DateMatch = z.infer<typeof DateMatch>;

const EVENT_FIELDS = {
  id: z.string(),
  type: z.string(),
  title: z.string().meta({
    description: 'A neutral title; with `names_by`, the name that party uses, when it has one.',
  }),
  named_by: z.string().optional().meta({
    description: 'Present when `names_by` replaced the title: whose name for the event it is.',
  }),
  summary: z.string().nullable(),
  start: DateValue,
  end: DateValue.nullable(),
  status: z.enum(EVENT_STATUSES).meta({
    description:
      "Where it stands as of its source (after schema.org's eventStatus): `announced`, `scheduled`, `held` or `cancelled`.",
  }),
  match: DateMatch.meta({
    description:
      'How surely the event overlaps the list\'s `from`/`to` range: `certain`, or `possible` when it overlaps only if its imprecise or qualified dates fall that way (a week-long "this week" on one of its days, the Korean War\'s `1950` in March 1950). `certain` when the list has no range.',
  }),
  place: z
    .union([PlaceSummary, Ref])
    .nullable()
    .meta({ description: 'Where it happened: a reference, or the place with `include=place`.' }),
  parent: z
    .union([ParentEvent, Ref])
    .nullable()
    .meta({ description: 'The event it is part of: a reference, or more with `include=parent`.' }),
  names: z
    .array(EventName)
    .optional()
    .meta({ description: 'With `include=names`: what others call it.' }),
  participants: z
    .array(Participant)
    .optional()
    .meta({ description: 'With `include=participants`: who took part, in which role.' }),
  citations: z
    .array(Citation)
    .optional()
    .meta({ description: 'With `include=citations`: the sources behind it.' }),
};

export const EventSummary = z.object(EVENT_FIELDS).meta(named('EventSummary'));
export type EventSummary = z.infer<typeof EventSummary>;

export const EventDetail = EventSummary.omit({ match: true })
  .extend({
    commemorates: Ref.nullable(),
    names: cappedArray(EventName, 'names', 'What others call it, in the order given.'),
    participants: cappedArray(Participant, 'participants', 'Who took part, in which role.'),
    children: cappedArray(Ref, 'children', 'The events that are part of it, by date.'),
    citations: cappedArray(Citation, 'citations', 'The sources behind it.', CITATIONS_MAX),
    basis: Basis,
    lists: embeddedLists({
      names: null,
      participants: null,
      children: '`/v1/events/{id}/children`',
      citations: null,
    }),
  })
  .meta(named('EventDetail'));
export type EventDetail = z.infer<typeof EventDetail>;

export const EVENT_INCLUDES = ['place', 'participants', 'names', 'citations', 'parent'] as const;
export type EventInclude = (typeof EVENT_INCLUDES)[number];

const namesBy = z.string().min(1).max(100).optional().meta({
  description:
    'Title each event as this party names it (`DPRK`, `China`, `the West`, ...), where it has a name for it; case-insensitive.',
  example: 'DPRK',
});

export const EventListQuery = ListQuery.extend({
  from: PartialDate.optional().meta({
    description:
      'Events whose span may reach this date or later (partial date); `match` says whether surely.',
    example: '1951',
  }),
  to: PartialDate.optional().meta({
    description:
      'Events whose span may start on or before this date (partial date); `match` says whether surely.',
    example: '1951',
  }),
  type: valuesParam(z.string().min(1).max(60))
    .optional()
    .meta({
      description: several(
        'Events of this type (war, commemoration, wreath_laying, ...).',
        'type=war,anniversary',
      ),
    }),
  place: valuesParam(Id)
    .optional()
    .meta({
      description: several('Events at this place or at any place inside it.', 'place=dprk,china'),
    }),
  participant: valuesParam(Id)
    .optional()
    .meta({
      description: several(
        'Events in which this person or organization took part.',
        'participant=kim-jong-un,sergei-shoigu',
      ),
    }),
  sort: sortParam(['start', 'title'], 'start'),
  include: includeParam(EVENT_INCLUDES),
  fields: fieldsParam(
    Object.keys(EVENT_FIELDS) as [keyof typeof EVENT_FIELDS, ...(keyof typeof EVENT_FIELDS)[]],
  ),
  status: valuesParam(z.enum(EVENT_STATUSES))
    .optional()
    .meta({
      description: several(
        'Events with this status as of their source (announced, scheduled, held, cancelled).',
        'status=announced,scheduled',
      ),
    }),
  match: DateMatch.optional().meta({
    description:
      'With `from` or `to`: `certain` keeps only the events that surely overlap the range, `possible` only those that may (see `match` in the answer). Both by default.',
    example: 'certain',
  }),
  names_by: namesBy,
}).strict();
export type EventListQuery = z.infer<typeof EventListQuery>;

export const EventItemQuery = z
  .object({ include: includeParam(['place', 'parent'] as const), names_by: namesBy })
  .strict();
export type EventItemQuery = z.infer<typeof EventItemQuery>;

export const EventPage = pageOf(EventSummary, 'EventPage');
export const EventParams = idParams('korean-war');

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

export const EventBriefPage = pageOf(EventBrief, 'EventBriefPage');
export const EventViewParams = idParams('korean-war-70th-anniversary-commemorations');

/** What the events can be counted by: `year` is the year the event starts in. */
export const EVENT_FACETS = ['type', 'year', 'place', 'status'] as const;
export type EventFacet = (typeof EVENT_FACETS)[number];

export const EventFacetsQuery = EventListQuery.omit({
  limit: true,
  cursor: true,
  sort: true,
  include: true,
  fields: true,
  names_by: true,
  count: true,
  format: true,
})
  .extend({
    by: nameList(EVENT_FACETS)
      .optional()
      .meta({
        description: `What to count the events by, comma-separated: ${EVENT_FACETS.join(', ')} (\`year\`: the year each starts in). Default: \`type,year,place\`. \`status\` has no index: it reads every matching event.`,
      }),
    limit: queryNumber(z.number().int().min(1).max(LIMIT_MAX))
      .default(LIMIT_DEFAULT)
      .meta({
        description: `Values per facet, the most frequent first, 1 to ${LIMIT_MAX} (default ${LIMIT_DEFAULT}); \`year\` always lists every year, in order.`,
      }),
  })
  .strict();
export type EventFacetsQuery = z.infer<typeof EventFacetsQuery>;

export const FacetCount = z
  .object({
    value: z.string().nullable().meta({
      description:
        'The value counted (a type, a year, a place id, a status); null: events without one (no place).',
    }),
    name: z.string().nullable().optional().meta({
      description: 'For a place: its name (null with the value).',
    }),
    count: z.number().int().meta({ description: 'How many of the events have it.' }),
  })
  .meta(named('FacetCount'));
export type FacetCount = z.infer<typeof FacetCount>;

const facetList = (description: string) => z.array(FacetCount).optional().meta({ description });

export const EventFacets = z
  .object({
    total: z.number().int().meta({ description: 'How many events match the filters.' }),
    facets: z
      .object({
        type: facetList('Events per type, the most frequent first.'),
        year: facetList(
          'Events per year they start in, every year that has any, in order (years without events are left out): a histogram.',
        ),
        place: facetList(
          'Events per place (their own place, not the places around it), the most frequent first.',
        ),
        status: facetList('Events per status, the most frequent first.'),
      })
      .meta({ description: 'One list of counts for each facet of `by`.' }),
  })
  .meta(
    named(
      'EventFacets',
      'How many events match the filters, counted by each facet asked for: the numbers behind a histogram or a filter menu.',
    ),
  );
export type EventFacets = z.infer<typeof EventFacets>;
