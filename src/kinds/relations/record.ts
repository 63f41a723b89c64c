import { z } from 'zod';
import { Id } from '../../query/shapes.js';
import { based, cited, text } from '../../records/fields.js';

export const RelationRecord = z
  .object({
    id: Id,
    person: Id,
    relation: text(100).meta({ example: 'eldest son of' }),
    related_person: Id,
    ...cited,
    ...based,
  })
  .strict();
export type RelationRecord = z.infer<typeof RelationRecord>;
