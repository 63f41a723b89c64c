import { z } from 'zod';
import { Id } from '../../query/shapes.js';
import { aliases, cited, optional, text } from '../../records/fields.js';

export const PlaceRecord = z
  .object({
    id: Id,
    name: text(300),
    type: text(60),
    aliases,
    parent: optional(Id),
    ...cited,
  })
  .strict();
export type PlaceRecord = z.infer<typeof PlaceRecord>;
