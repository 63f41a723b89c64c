import { z } from 'zod';
import { Id, PartialDate } from '../../query/shapes.js';
import {
  based,
  cited,
  distinct,
  NUL_MESSAGE,
  optional,
  text,
  withoutNul,
} from '../../records/fields.js';

export const SourceRecord = z
  .object({
    id: Id,
    title: text(500),
    publisher: optional(text(300)),
    issued_by: optional(Id).meta({
      description:
        "The organization whose document this is, when the knowledge base has it: KCNA's reports are issued by `kcna`. Citations `according_to` such a source are that organization's account.",
    }),
    published: optional(PartialDate),
    url: optional(z.url().max(2000)),
    text: optional(z.string().max(1_000_000).refine(withoutNul, NUL_MESSAGE)),
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
