import { z } from 'zod';
import { firstDay, lastDay, partialDateError } from '../../domain/partial-date.js';
import { Id, PartialDate } from '../../query/shapes.js';
import { based, cited, endsAfterStart, optional, text } from '../../records/fields.js';

/** The position's plain object, before its cross-field checks. */
export const PositionShape = z
  .object({
    id: Id,
    person: Id,
    organization: optional(Id),
    title: text(300),
    start: optional(PartialDate),
    end: optional(PartialDate),
    as_of: optional(PartialDate).meta({
      description:
        'The date the source states the position for, when it gives no start or end: "Defense Minister Sergei Shoigu" in an article of 2023-07-27 is `2023-07-27`. The person held the post then; before and after, the record does not say.',
      example: '2023-07-27',
    }),
    ...cited,
    ...based,
  })
  .strict();

type Span = { start?: string | null; end?: string | null; as_of?: string | null };

/** A span that ends after it starts, and an `as_of` that can fall within it. */
export function positionChecks(position: Span, ctx: z.RefinementCtx) {
  endsAfterStart(position, ctx);
  const { start, end, as_of: asOf } = position;
  if (!asOf || partialDateError(asOf)) return;
  if (start && !partialDateError(start) && lastDay(asOf) < firstDay(start)) {
    ctx.addIssue({ code: 'custom', path: ['as_of'], message: `is before the start (${start})` });
  }
  if (end && !partialDateError(end) && firstDay(asOf) > lastDay(end)) {
    ctx.addIssue({ code: 'custom', path: ['as_of'], message: `is after the end (${end})` });
  }
}

export const PositionRecord = PositionShape.superRefine(positionChecks);
export type PositionRecord = z.infer<typeof PositionRecord>;
