/**
 * What an import answers: its report (counts per kind, every rejection with where and why) and
 * the import log's record of it. The zod schemas are the one source of the types and of the
 * OpenAPI components.
 */
import { z } from 'zod';
import { IMPORT_FORMATS, IMPORT_MODES, IMPORT_STATUSES } from '../domain/bundle-formats.js';
import { KIND_NAMES, type KindName } from '../kinds/index.js';
import { named } from '../query/examples.js';

export const KindCounts = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.number().int(),
});
export type KindCounts = z.infer<typeof KindCounts>;

export const Rejection = z
  .object({
    kind: z.enum(KIND_NAMES as [KindName, ...KindName[]]).nullable(),
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
export type Rejection = z.infer<typeof Rejection>;

export const ImportReport = z
  .object({
    status: z.enum(IMPORT_STATUSES),
    mode: z.enum(IMPORT_MODES),
    dry_run: z.boolean(),
    counts: z.object(
      Object.fromEntries(KIND_NAMES.map((k) => [k, KindCounts])) as Record<
        KindName,
        typeof KindCounts
      >,
    ),
    totals: KindCounts,
    rejections: z.array(Rejection),
    /** True when there were more rejections than the report lists. */
    rejections_truncated: z.boolean(),
  })
  .meta({ id: 'ImportReport' });
export type ImportReport = z.infer<typeof ImportReport>;

export const ImportRecord = z
  .object({
    id: z.string(),
    started_at: z.string(),
    finished_at: z.string(),
    key_name: z.string().meta({ description: 'The name of the API key that ran it.' }),
    format: z.enum(IMPORT_FORMATS),
    mode: z.enum(IMPORT_MODES),
    dry_run: z.boolean(),
    status: z.enum(IMPORT_STATUSES),
    report: ImportReport,
  })
  .meta(named('ImportRecord'));
export type ImportRecord = z.infer<typeof ImportRecord>;
