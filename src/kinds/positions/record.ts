import { z } from 'zod';
import { Id, PartialDate } from '../../query/shapes.js';
import { based, cited, endsAfterStart, optional, text } from '../../records/fields.js';

/** The position's plain object, before its cross-field check. */
export const PositionShape = z
  .object({
    id: Id,
    person: Id,
    organization: optional(Id),
    title: text(300),
    start: optional(PartialDate),
    end: optional(PartialDate),
    ...cited,
    ...based,
  })
  .strict();
export const PositionRecord = PositionShape.superRefine(endsAfterStart);
export type PositionRecord = z.infer<typeof PositionRecord>;
