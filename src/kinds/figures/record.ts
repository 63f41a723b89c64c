import { z } from 'zod';
import { QUALIFIERS } from '../../domain/figures.js';
import { Id } from '../../query/shapes.js';
import { based, cited, optional, text } from '../../records/fields.js';

export const FigureRecord = z
  .object({
    id: Id,
    subject: Id.meta({ description: 'The organization the figure is about.' }),
    event: optional(Id),
    measure: text(300),
    value: z.number().finite(),
    qualifier: z.enum(QUALIFIERS),
    unit: text(60),
    as_stated: text(300).meta({ example: 'Nearly 180,000' }),
    note: optional(text()),
    ...cited,
    ...based,
  })
  .strict();
export type FigureRecord = z.infer<typeof FigureRecord>;
