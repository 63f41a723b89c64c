import { z } from 'zod';
import { named } from '../../query/examples.js';
import { ListQuery, Problem, pageOf } from '../../query/shapes.js';
import { CSV_KINDS } from '../readers.js';
import { BUNDLE_KINDS } from '../schema.js';

const flag = (description: string) =>
  z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true')
    .meta({ description });

export const ImportQuery = z
  .object({
    mode: z.enum(['all', 'partial']).default('all').meta({
      description:
        '`all` (default): one bad record and nothing is written. `partial`: the good records are written, the bad ones rejected.',
    }),
    dry_run: flag('With `true`, validate and report what would change, writing nothing.'),
    kind: z.enum(CSV_KINDS).optional().meta({
      description: 'For a CSV body (text/csv): the kind of record in the file.',
      example: 'places',
    }),
  })
  .strict();
export type ImportQuery = z.infer<typeof ImportQuery>;

const Counts = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.number().int(),
});

export const Rejection = z
  .object({
    kind: z.enum(BUNDLE_KINDS).nullable(),
    id: z.string().nullable(),
    line: z.number().int().optional().meta({ description: 'The line (NDJSON, CSV).' }),
    index: z.number().int().optional().meta({ description: 'The index in its array (JSON).' }),
    pointer: z.string().meta({ description: 'The JSON pointer of the offending field.' }),
    reason: z.string(),
  })
  .meta({
    id: 'Rejection',
    example: {
      kind: 'events',
      id: 'battle-of-x',
      index: 0,
      pointer: '/events/0/place',
      reason:
        "refers to place 'nowhere', which exists neither in the database nor (valid) in this input",
    },
  });

export const ImportReport = z
  .object({
    status: z.enum(['imported', 'rejected', 'validated']),
    mode: z.enum(['all', 'partial']),
    dry_run: z.boolean(),
    counts: z.object(
      Object.fromEntries(BUNDLE_KINDS.map((k) => [k, Counts])) as Record<
        (typeof BUNDLE_KINDS)[number],
        typeof Counts
      >,
    ),
    totals: Counts,
    rejections: z.array(Rejection),
    rejections_truncated: z.boolean(),
  })
  .meta({ id: 'ImportReport' });

export const ImportRecord = z
  .object({
    id: z.string(),
    started_at: z.string(),
    finished_at: z.string(),
    key_name: z.string().meta({ description: 'The name of the API key that ran it.' }),
    format: z.enum(['json', 'ndjson', 'csv']),
    mode: z.enum(['all', 'partial']),
    dry_run: z.boolean(),
    status: z.enum(['imported', 'rejected', 'validated']),
    report: ImportReport,
  })
  .meta(named('ImportRecord'));

export const RejectedImport = Problem.extend({ import: ImportRecord }).meta({
  id: 'RejectedImport',
  description: 'A problem whose `import` member is the recorded import and its report.',
});

export const ImportListQuery = ListQuery.pick({ limit: true, cursor: true }).strict();
export const ImportPage = pageOf(ImportRecord, 'ImportPage');
export const ImportParams = z.object({
  id: z.uuid().meta({ description: 'The id of the import.' }),
});
