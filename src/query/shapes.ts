/**
 * Shapes shared by every resource: ids, partial dates, references, pages and problems. Each is a
 * zod schema, the one source of validation, handler types and the OpenAPI document.
 */
import { z } from 'zod';
import {
  PARTIAL_DATE_FORMS,
  PARTIAL_DATE_MAX,
  partialDateError,
  precisionOf,
  qualifierOf,
} from '../domain/partial-date.js';
import { queryBoolean } from './boolean.js';
import { named } from './examples.js';
import { formatParam } from './formats.js';

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const Id = z
  .string()
  .min(1)
  .max(120)
  .regex(SLUG_PATTERN, 'expected a slug: lower-case letters, digits and single hyphens')
  .meta({ description: 'A stable, human-readable id (slug).', example: 'kim-jong-un' });

export const PartialDate = z
  .string()
  // Bounded like every string a client sends; longer is no date at all.
  .max(PARTIAL_DATE_MAX, { message: `expected a date as ${PARTIAL_DATE_FORMS}`, abort: true })
  .superRefine((value, ctx) => {
    const error = partialDateError(value);
    if (error) ctx.addIssue({ code: 'custom', message: error });
  })
  .meta({
    description:
      'A partial ISO date that keeps its precision: YYYY, YYYY-MM, YYYY-MM-DD or an ISO week YYYY-Www (Monday to Sunday; `2023-W30` is 24 to 30 July 2023). An EDTF qualifier may follow: `~` approximate, `?` uncertain, `%` both; a qualified date can mean one more unit of its precision on each side (`1950~`: 1949 to 1951).',
    example: '2023-07-25',
  });

export const Precision = z.enum(['year', 'month', 'week', 'day']).meta({
  description: 'How precise the date is: a year stays a year, a week a week.',
});

export const Qualifier = z.enum(['approximate', 'uncertain', 'uncertain_approximate']).meta({
  description:
    "The date's EDTF qualifier: `approximate` (`~`), `uncertain` (`?`), `uncertain_approximate` (`%`).",
});

/** A partial date as the API shows it: the value, its precision and its qualifier if any. */
export const DateValue = z
  .object({
    value: z.string(),
    precision: Precision,
    qualifier: Qualifier.optional().meta({
      description: 'Present only when the date is approximate or uncertain (`1950~`).',
    }),
  })
  .meta(named('DateValue'));
export type DateValue = z.infer<typeof DateValue>;

export function dateValue(value: string): DateValue;
export function dateValue(value: string | null): DateValue | null;
export function dateValue(value: string | null): DateValue | null {
  if (value === null) return null;
  const qualifier = qualifierOf(value);
  return { value, precision: precisionOf(value), ...(qualifier ? { qualifier } : {}) };
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

/** One step of whose account a citation gives: a source it reports, a person or body quoted. */
export const AccountStep = z
  .object({
    kind: z.enum(['source', 'person', 'organization']),
    id: z.string(),
    name: z.string(),
  })
  .meta(named('AccountStep'));
export type AccountStep = z.infer<typeof AccountStep>;

export const Citation = z
  .object({
    source: Ref,
    excerpt: z.string().meta({ description: 'The exact words of the source.' }),
    according_to: z.array(AccountStep).meta({
      description:
        "Whose account the source gives, outermost first: the article, according to KCNA's report, according to Kim. Empty when the source states it itself.",
    }),
  })
  .meta(named('Citation'));
export type Citation = z.infer<typeof Citation>;

/**
 * How many items of a list that grows with the data an item embeds: the first ones, in the list's
 * order. `lists` beside them says how many there are in all and where to read the rest, so that
 * an item stays small however much hangs off it.
 */
export const EMBEDDED_MAX = 20;
/** How many citations an item embeds, its own and each embedded fact's: a fact has a few. */
export const CITATIONS_MAX = 100;

/** The extent of one embedded list. */
export const EmbeddedList = z
  .object({
    total: z.number().int().meta({ description: 'How many items the list has in all.' }),
    more: z.string().nullable().meta({
      description:
        'When the item shows only the first ones: the paginated view that has them all (page it with `limit` and `cursor`). Null when every item is shown, or when the list has no paginated view (its description says so).',
      example: '/v1/people/kim-jong-un/events',
    }),
  })
  .meta(
    named(
      'EmbeddedList',
      `An embedded list in numbers: an item embeds at most the first ${EMBEDDED_MAX} items of each list that grows with the data (${CITATIONS_MAX} citations), and says here how many there are and where the rest are.`,
    ),
  );
export type EmbeddedList = z.infer<typeof EmbeddedList>;

/** What an item's route says of its embedded lists. */
export const EMBEDDED_NOTE = `Each list that grows with the data shows its first ${EMBEDDED_MAX} items (${CITATIONS_MAX} citations); \`lists\` gives each one's total and, when some are left out, the paginated view that has them all, where there is one.`;

/**
 * The `lists` member of an item: one `EmbeddedList` per capped list, keyed by the list's name,
 * with the view its `more` leads to (as the docs show it), or null when there is none.
 */
export function embeddedLists<const Names extends string>(more: Record<Names, string | null>) {
  const shape = Object.fromEntries(
    Object.entries<string | null>(more).map(([name, view]) => [
      name,
      EmbeddedList.meta({
        description:
          view === null
            ? `\`${name}\` in numbers. It has no paginated view: \`more\` is always null, and \`total\` above the length of \`${name}\` says some are not shown.`
            : `\`${name}\` in numbers; \`more\` is ${view} when not all are shown.`,
      }),
    ]),
  ) as Record<Names, typeof EmbeddedList>;
  return z.object(shape).meta({
    description: `How many items each embedded list has and where the rest are: a list shows at most its first ${EMBEDDED_MAX} items (${CITATIONS_MAX} citations), in its usual order.`,
  });
}

/** An embedded list capped at `max` items, saying so in its description. */
export function cappedArray<T extends z.ZodType>(
  item: T,
  name: string,
  description: string,
  max = EMBEDDED_MAX,
) {
  return z.array(item).meta({
    description: `${description} The first ${max} at most; \`lists.${name}\` has the total.`,
  });
}

export const LIMIT_DEFAULT = 20;
export const LIMIT_MAX = 100;

const DECIMAL = /^-?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * A number given in a query string. Only a plain decimal becomes a number: `0x10`, `` and ` `
 * stay strings and fail the schema, where `z.coerce` would read them as 16 and 0.
 */
export function queryNumber<T extends z.ZodType>(schema: T) {
  return z.preprocess(
    (value) => (typeof value === 'string' && DECIMAL.test(value) ? Number(value) : value),
    schema,
  );
}

/** `limit=`: items per page. */
export const limitParam = (noun = 'Items') =>
  queryNumber(z.number().int().min(1).max(LIMIT_MAX))
    .default(LIMIT_DEFAULT)
    .meta({
      description: `${noun} per page, 1 to ${LIMIT_MAX} (default ${LIMIT_DEFAULT}).`,
      example: LIMIT_DEFAULT,
    });

/** How many values one filter takes at once (`type=war,fair`): each value is an index range. */
export const VALUES_MAX = 20;

/**
 * A filter that takes several values: comma-separated (`type=war,fair`) or the parameter repeated
 * (`type=war&type=fair`), read as the list of distinct values, each checked by `value`; at most
 * `max` of them. Documented as the string a client sends.
 */
export function valuesParam<T extends z.ZodType<string>>(value: T, max = VALUES_MAX) {
  return z
    .preprocess((raw) => (Array.isArray(raw) ? raw.join(',') : raw), z.string().max(max * 130))
    .transform((raw, ctx) => {
      const values = [...new Set(raw.split(',').map((part) => part.trim()))];
      if (values.length > max) {
        ctx.addIssue({ code: 'custom', message: `at most ${max} values, got ${values.length}` });
        return z.NEVER;
      }
      for (const part of values) {
        const checked = value.safeParse(part);
        if (!checked.success) {
          const why = checked.error.issues[0]?.message ?? 'not a valid value';
          ctx.addIssue({ code: 'custom', message: `'${part}': ${why}` });
          return z.NEVER;
        }
      }
      return values as z.output<T>[];
    });
}

/** What a values parameter's description adds: how to give several. */
export const SEVERAL =
  'Several values, comma-separated or the parameter repeated, match any of them';

/** A values parameter's description: what one value means, how to give several, an example. */
export const several = (description: string, example: string) =>
  `${description} ${SEVERAL}: \`${example}\`.`;

/** Query keys every list takes. Lists are strict: an unknown key is a 400. */
export const ListQuery = z.object({
  limit: limitParam(),
  cursor: z
    .string()
    .max(500)
    .optional()
    .meta({ description: 'The `next_cursor` of the previous page; opaque.' }),
  q: z.string().max(200).optional().meta({
    description:
      'Words to find, ranked by relevance (the full-text index of /v1/search, narrowed to this kind): names and aliases first, then text. Each word also matches as a prefix (unless it is itself in 5,000 items or more); "double quotes" make a phrase.',
  }),
  count: queryBoolean().optional().meta({
    description: 'With `true`, the answer includes `total`, the number of matching items.',
  }),
  id: valuesParam(Id, LIMIT_MAX)
    .optional()
    .meta({
      description: `Only the items with these ids, comma-separated or the parameter repeated (\`id=korean-war,victory-day-2023\`), at most ${LIMIT_MAX}: one request for the items a client holds the ids of, in the list's order.`,
    }),
  format: formatParam,
  according_to: z.string().trim().min(1).max(200).optional().meta({
    description:
      "Only the items a citation gives as the account of this source, person or organization (a step of its `according_to` names it), or of a source the organization issued: `according_to=kcna-report-2023-07-26-wreath` is what the article took from that KCNA report, `according_to=korean-central-news-agency` what it took from any of KCNA's reports, `according_to=kim-jong-un` what it gives as Kim's words.",
  }),
});

/** `sort=`: a field to order by, `-` before it for descending; `rank` (relevance) needs `q`. */
export function sortParam<const Names extends readonly [string, ...string[]]>(
  names: Names,
  defaultName: Names[number],
) {
  const values = [...names, ...names.map((n) => `-${n}`), 'rank', '-rank'] as [string, ...string[]];
  return z
    .enum(values)
    .optional()
    .meta({
      description: `Order of the list: ${names.map((n) => `\`${n}\``).join(', ')}, or \`rank\` (relevance, the default when \`q\` is given); \`-\` before a field reverses it. Default: \`${defaultName}\`.`,
      example: `-${defaultName}`,
    });
}

/** A comma-separated list of names from a fixed set, parsed to an array (`include=`, `by=`). */
export function nameList<const Names extends readonly [string, ...string[]]>(names: Names) {
  return z
    .string()
    .max(500)
    .transform((raw, ctx) => {
      const picked = raw.split(',').map((n) => n.trim());
      for (const name of picked) {
        if (!(names as readonly string[]).includes(name)) {
          ctx.addIssue({ code: 'custom', message: `'${name}' is not one of ${names.join(', ')}` });
          return z.NEVER;
        }
      }
      return picked as Names[number][];
    });
}

/** `include=`: relations to expand in each item, fetched in one query per relation. */
export function includeParam<const Names extends readonly [string, ...string[]]>(names: Names) {
  return nameList(names)
    .optional()
    .meta({
      description: `Relations to expand in each item, comma-separated: ${names.join(', ')}.`,
      example: names.join(','),
    });
}

/** The field names of an item's shape, as the non-empty tuple `fieldsParam` takes. */
export function fieldNames<Shape extends Record<string, unknown>>(shape: Shape) {
  return Object.keys(shape) as [Extract<keyof Shape, string>, ...Extract<keyof Shape, string>[]];
}

/** `fields=`: the top-level fields to keep in each item (`id` is always kept). */
export function fieldsParam<const Names extends readonly [string, ...string[]]>(names: Names) {
  return nameList(names)
    .optional()
    .meta({
      description: `Only these fields of each item, comma-separated (\`id\` is always kept): ${names.join(', ')}. The item schema lists every field; the ones not asked for are left out.`,
      example: names.slice(0, 3).join(','),
    });
}

export function pageOf<T extends z.ZodType>(item: T, id: string) {
  return z
    .object({
      data: z.array(item),
      next_cursor: z
        .string()
        .nullable()
        .meta({ description: 'Pass as `cursor` to get the next page; null on the last page.' }),
      total: z
        .number()
        .int()
        .optional()
        .meta({ description: 'How many items match, with `count=true`.' }),
    })
    .meta(named(id));
}

export interface Page<T> {
  data: T[];
  next_cursor: string | null;
  total?: number;
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
      detail: 'querystring/from: 2023-02-30 is not a day of the calendar',
      errors: [{ in: 'query', field: '/from', message: '2023-02-30 is not a day of the calendar' }],
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

/** The keys every view of an item takes (a person's events, a source's claims): a page size and a cursor. */
export const ViewQuery = ListQuery.pick({ limit: true, cursor: true }).strict();
export type ViewQuery = z.infer<typeof ViewQuery>;
