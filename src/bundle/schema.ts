/**
 * The bundle: the format the seed is written in, imports read and exports write. One JSON object
 * with an array per kind (each kind's record schema, src/kinds/<kind>/record.ts); references are
 * ids, and may point to records defined later in the same bundle. Citations sit inside the
 * record they support.
 */
import { z } from 'zod';
import { KINDS, type Kind } from '../kinds/index.js';

type KindArrays = { [K in Kind as K['name']]: z.ZodDefault<z.ZodArray<K['record']>> };

const kindArrays = Object.fromEntries(
  KINDS.map((kind) => [kind.name, z.array(kind.record).default([])]),
) as unknown as KindArrays;

export const Bundle = z
  .object({ format: z.literal('annals-bundle'), version: z.literal(1), ...kindArrays })
  .strict()
  .meta({
    id: 'Bundle',
    description: 'A set of records of every kind, as the seed and imports use.',
  });
export type Bundle = z.infer<typeof Bundle>;
export type BundleInput = z.input<typeof Bundle>;

/** The formats a bundle is read and written in. */
export const BUNDLE_FORMATS = ['json', 'ndjson', 'csv'] as const;
export type BundleFormat = (typeof BUNDLE_FORMATS)[number];
