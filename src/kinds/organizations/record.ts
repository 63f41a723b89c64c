import { z } from 'zod';
import { Id } from '../../query/shapes.js';
import { aliases, based, cited, optional, text } from '../../records/fields.js';

export const OrganizationRecord = z
  .object({
    id: Id,
    name: text(300),
    type: text(60),
    aliases,
    country: optional(Id),
    parent: optional(Id),
    description: optional(text()),
    ...cited,
    ...based,
  })
  .strict();
export type OrganizationRecord = z.infer<typeof OrganizationRecord>;
