import { z } from 'zod';
import { Id, PartialDate } from '../../query/shapes.js';
import { based, cited, distinct, optional, text } from '../../records/fields.js';

export const SourceRecord = z
  .object({
    id: Id,
    title: text(500),
    publisher: optional(text(300)),
    published: optional(PartialDate),
    url: optional(z.url().max(2000)),
    text: optional(z.string().max(1_000_000)),
    cites: z
      .array(Id)
      .max(100)
      .superRefine(distinct((id) => id, 'source'))
      .default([]),
    ...cited,
    ...based,
  })
  .strict();
export type SourceRecord = z.infer<typeof SourceRecord>;
