/**
 * Shapes shared by every resource: ids, partial dates, references, pages and problems. Each is a
 * zod schema, the one source of validation, handler types and the OpenAPI document.
 */
import { z } from 'zod';
import { partialDateError, precisionOf } from '../domain/partial-date.js';
import { named } from './examples.js';

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const Id = z
  .string()
  .min(1)
  .max(120)
  .regex(SLUG_PATTERN, 'expected a slug: lower-case letters, digits and single hyphens')
  .meta({ description: 'A stable, human-readable id (slug).', example: 'kim-jong-un' });

export const PartialDate = z
  .string()
  .superRefine((value, ctx) => {
    const error = partialDateError(value);
    if (error) ctx.addIssue({ code: 'custom', message: error });
  })
  .meta({
    description: 'A partial ISO date that keeps its precision: YYYY, YYYY-MM or YYYY-MM-DD.',
    example: '2023-07-25',
  });

export const Precision = z.enum(['year', 'month', 'day']).meta({
  description: 'How precise the date is: a year stays a year.',
});

/** A partial date as the API shows it: the value and its precision. */
export const DateValue = z
  .object({ value: z.string(), precision: Precision })
  .meta(named('DateValue'));
export type DateValue = z.infer<typeof DateValue>;

export function dateValue(value: string): DateValue;
export function dateValue(value: string | null): DateValue | null;
export function dateValue(value: string | null): DateValue | null {
  return value === null ? null : { value, precision: precisionOf(value) };
}

/** Another entity, named so that a reader needs no second request to show it. */
export const Ref = z.object({ id: z.string(), name: z.string() }).meta(named('Ref'));
export type Ref = z.infer<typeof Ref>;

/** Who acted: a named person or organization, or a group the source leaves unnamed. */
export const Agent = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('person'), id: z.string(), name: z.string() }),
    z.object({ kind: z.literal('organization'), id: z.string(), name: z.string() }),
    z.object({ kind: z.literal('group'), label: z.string() }),
  ])
  .meta(named('Agent'));
export type Agent = z.infer<typeof Agent>;

export const Citation = z
  .object({
    source: Ref,
    excerpt: z.string().meta({ description: 'The exact words of the source.' }),
  })
  .meta(named('Citation'));
export type Citation = z.infer<typeof Citation>;

export const LIMIT_DEFAULT = 20;
export const LIMIT_MAX = 100;

/** Query keys every list takes. Lists are strict: an unknown key is a 400. */
export const ListQuery = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(LIMIT_MAX)
    .default(LIMIT_DEFAULT)
    .meta({ description: `Items per page, 1 to ${LIMIT_MAX}.`, example: LIMIT_DEFAULT }),
  cursor: z
    .string()
    .max(500)
    .optional()
    .meta({ description: 'The `next_cursor` of the previous page; opaque.' }),
  q: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .meta({ description: 'Words to match in names and titles (case-insensitive).' }),
});

export function pageOf<T extends z.ZodType>(item: T, id: string) {
  return z
    .object({
      data: z.array(item),
      next_cursor: z
        .string()
        .nullable()
        .meta({ description: 'Pass as `cursor` to get the next page; null on the last page.' }),
    })
    .meta(named(id));
}

export interface Page<T> {
  data: T[];
  next_cursor: string | null;
}

/** The `{id}` path parameter, with an example id of the resource it names. */
export const idParams = (example: string) =>
  z.object({ id: Id.meta({ description: 'The id (slug) of the item.', example }) });

export const Problem = z
  .object({
    type: z.string().meta({ description: 'A URI naming the kind of problem.' }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    errors: z
      .array(
        z.object({
          in: z.enum(['query', 'path', 'body', 'header']).optional(),
          field: z.string().meta({ description: 'The offending field, as a JSON pointer.' }),
          message: z.string(),
        }),
      )
      .optional(),
  })
  .meta({
    id: 'Problem',
    description: 'An RFC 9457 problem detail.',
    example: {
      type: '/problems/invalid-request',
      title: 'Invalid request',
      status: 400,
      detail: 'querystring/from: expected a date as YYYY, YYYY-MM or YYYY-MM-DD',
      errors: [
        { in: 'query', field: '/from', message: 'expected a date as YYYY, YYYY-MM or YYYY-MM-DD' },
      ],
    },
  });

export const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: Problem } },
});

/** The error answers every read route can give. */
export const readErrors = {
  400: problemResponse('Malformed or unknown parameters.'),
  404: problemResponse('No such item.'),
} as const;
