import { z } from 'zod';
import { Id, PartialDate } from '../../query/shapes.js';
import { based, cited, endsAfterStart, optional, text } from '../../records/fields.js';
import { EVENT_STATUSES } from './table.js';

/** An event's or a delegation's status as of its source; `held` when the record leaves it out. */
export const eventStatus = z.enum(EVENT_STATUSES).default('held').meta({
  description:
    'Where it stands as of its source (after schema.org\'s eventStatus): `announced` (said to be coming, no date fixed: "will lead a delegation"), `scheduled` (set for a date), `held` (it took place), `cancelled`. `held` when left out.',
});

export const EventNameInput = z
  .object({ name: text(300), used_by: text(100).meta({ example: 'DPRK' }) })
  .strict();

/** The event's plain object, before its cross-field check. */
export const EventShape = z
  .object({
    id: Id,
    type: text(60),
    title: text(500),
    summary: optional(text(5000)),
    start: PartialDate,
    end: optional(PartialDate),
    status: eventStatus,
    place: optional(Id),
    parent: optional(Id),
    commemorates: optional(Id),
    names: z.array(EventNameInput).max(100).default([]),
    ...cited,
    ...based,
  })
  .strict();
export const EventRecord = EventShape.superRefine(endsAfterStart);
export type EventRecord = z.infer<typeof EventRecord>;
