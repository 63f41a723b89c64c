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

/** What GET /v1/schemas/bundle.json answers: a JSON Schema document whose `$ref` is the bundle. */
export const BundleJsonSchema = z
  .looseObject({
    $schema: z.string().meta({ description: 'The JSON Schema dialect: draft 2020-12.' }),
    $ref: z.string().meta({ description: 'The bundle, one of `$defs`.' }),
    $defs: z.record(z.string(), z.unknown()).meta({
      description: 'The bundle and the record of each kind, by name.',
    }),
  })
  .meta({
    id: 'BundleJsonSchema',
    description:
      'The bundle format as a JSON Schema (draft 2020-12) document, for validating a bundle before importing it.',
  });

/** The bundle format as JSON Schema, generated from the same zod schemas imports validate with. */
export const bundleJsonSchema = BundleJsonSchema.parse(
  z.toJSONSchema(Bundle, { io: 'input', unrepresentable: 'any' }),
);

/** The formats a bundle is read and written in. */
export const BUNDLE_FORMATS = ['json', 'ndjson', 'csv'] as const;
export type BundleFormat = (typeof BUNDLE_FORMATS)[number];
