import { z } from 'zod';
import { QUALIFIERS } from '../../domain/figures.js';
import { named } from '../../query/examples.js';
import {
  Citation,
  fieldNames,
  fieldsParam,
  Id,
  idParams,
  includeParam,
  ListQuery,
  pageOf,
  queryNumber,
  Ref,
  sortParam,
} from '../../query/shapes.js';
import { Basis } from '../../records/fields.js';

export const Qualifier = z.enum(QUALIFIERS).meta({
  description: 'The hedge the source puts on the value: "nearly 180,000" is `nearly`.',
});

export const Bounds = z
  .object({
    lower: z.number().nullable().meta({ description: 'The smallest value the claim allows.' }),
    lower_inclusive: z.boolean(),
    upper: z.number().nullable().meta({ description: 'The largest value the claim allows.' }),
    upper_inclusive: z.boolean(),
  })
  .meta(named('Bounds', 'The range the qualifier implies; null where the claim sets no bound.'));

const FIGURE_FIELDS = {
  id: z.string(),
  subject: Ref,
  event: Ref.nullable(),
  measure: z.string(),
  value: z.number(),
  qualifier: Qualifier,
  as_stated: z.string().meta({ description: 'The words of the source.' }),
  unit: z.string(),
  bounds: Bounds,
  note: z.string().nullable(),
  citations: z
    .array(Citation)
    .optional()
    .meta({ description: 'With `include=citations`: the sources behind it.' }),
};

export const FigureSummary = z.object(FIGURE_FIELDS).meta(named('FigureSummary'));
export type FigureSummary = z.infer<typeof FigureSummary>;

export const FigureDetail = FigureSummary.extend({
  citations: z.array(Citation),
  basis: Basis,
}).meta(named('FigureDetail'));
export type FigureDetail = z.infer<typeof FigureDetail>;

export const FigureListQuery = ListQuery.extend({
  q: ListQuery.shape.q.meta({
    description: 'Words to match in what is counted (case-insensitive).',
  }),
  subject: Id.optional().meta({
    description: 'Figures about this organization.',
    example: 'chinese-peoples-volunteers',
  }),
  event: Id.optional().meta({ example: 'korean-war' }),
  qualifier: Qualifier.optional(),
  min: queryNumber(z.number().finite()).optional().meta({
    description: 'Figures whose implied range reaches this value or more.',
    example: 1000000,
  }),
  max: queryNumber(z.number().finite()).optional().meta({
    description: 'Figures whose implied range reaches down to this value or less.',
    example: 200000,
  }),
  sort: sortParam(['id', 'value'], 'id'),
  include: includeParam(['citations']),
  fields: fieldsParam(fieldNames(FIGURE_FIELDS)),
}).strict();
export type FigureListQuery = z.infer<typeof FigureListQuery>;

export const FigurePage = pageOf(FigureSummary, 'FigurePage');
export const FigureParams = idParams('cpv-soldiers-killed-korean-war');
