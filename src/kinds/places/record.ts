import { z } from 'zod';
import { Id } from '../../query/shapes.js';
import { aliases, based, cited, optional, text } from '../../records/fields.js';

export const PlaceRecord = z
  .object({
    id: Id,
    name: text(300),
    type: text(60),
    aliases,
    parent: optional(Id),
    ...cited,
    ...based,
  })
  .strict();
export type PlaceRecord = z.infer<typeof PlaceRecord>;
