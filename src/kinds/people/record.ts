import { z } from 'zod';
import { Id } from '../../query/shapes.js';
import { aliases, based, cited, optional, text } from '../../records/fields.js';

export const PersonRecord = z
  .object({
    id: Id,
    name: text(300),
    aliases,
    country: optional(Id),
    description: optional(text()),
    ...cited,
    ...based,
  })
  .strict();
export type PersonRecord = z.infer<typeof PersonRecord>;
