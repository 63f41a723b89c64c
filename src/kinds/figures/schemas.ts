import { z } from 'zod';
import { hedgeTable, QUALIFIERS } from '../../domain/figures.js';
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
  several,
  sortParam,
  valuesParam,
} from '../../query/shapes.js';
import { Basis } from '../../records/fields.js';

/** The table of hedges, as every description that needs it gives it. */
const HEDGE_TABLE = `Each hedge implies a range around the value X (the table of src/domain/figures.ts):\n\n${hedgeTable()}`;

export const Qualifier = z.enum(QUALIFIERS).meta({
  description: `The hedge the source puts on the value: "nearly 180,000" is \`nearly\`. ${HEDGE_TABLE}`,
});

export const Bounds = z
  .object({
    lower: z.number().nullable().meta({ description: 'The smallest value the claim allows.' }),
    lower_inclusive: z.boolean(),
    upper: z.number().nullable().meta({ description: 'The largest value the claim allows.' }),
    upper_inclusive: z.boolean(),
    rule: z.string().meta({
      description: "The hedge's row of the table the bounds come from.",
      example: 'nearly X: [0.9·X, X)',
    }),
  })
  .meta(
    named(
      'Bounds',
      'The range the qualifier implies, by the table of hedges; null where the claim sets no bound on that side ("more than X" says nothing of how far above).',
    ),
  );

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
  subject: valuesParam(Id)
    .optional()
    .meta({
      description: several(
        'Figures about this organization.',
        'subject=chinese-peoples-volunteers',
      ),
    }),
  event: valuesParam(Id)
    .optional()
    .meta({ description: several('Figures of this event.', 'event=korean-war') }),
  qualifier: valuesParam(Qualifier)
    .optional()
    .meta({
      description: several(
        `Figures with this hedge: "nearly 180,000" is \`nearly\`. ${HEDGE_TABLE}\n\n`,
        'qualifier=nearly,about',
      ),
    }),
  min: queryNumber(z.number().finite())
    .optional()
    .meta({
      description: `Figures whose implied range reaches this value or more (a bound equal to it counts when inclusive): \`min=180000\` leaves out "nearly 180,000", whose range stops short of 180,000. ${HEDGE_TABLE}`,
      example: 1000000,
    }),
  max: queryNumber(z.number().finite())
    .optional()
    .meta({
      description: `Figures whose implied range reaches down to this value or less (a bound equal to it counts when inclusive): \`max=10\` leaves out "nearly 180,000", whose range starts at 162,000; \`max=170000\` includes it. ${HEDGE_TABLE}`,
      example: 200000,
    }),
  sort: sortParam(['id', 'value'], 'id'),
  include: includeParam(['citations']),
  fields: fieldsParam(fieldNames(FIGURE_FIELDS)),
}).strict();
export type FigureListQuery = z.infer<typeof FigureListQuery>;

export const FigurePage = pageOf(FigureSummary, 'FigurePage');
export const FigureParams = idParams('cpv-soldiers-killed-korean-war');
