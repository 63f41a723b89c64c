/**
 * The route schemas of writes: each kind's record (the same zod schema imports validate with),
 * named as an OpenAPI component, with an example taken from the seed.
 */
import { z } from 'zod';
import { CITED_KIND_OF } from '../bundle/kinds.js';
import type { BundleRecord } from '../bundle/records.js';
import {
  BUNDLE_KINDS,
  type BundleKind,
  RECORD_OBJECTS,
  RECORD_SCHEMAS,
  refinementOf,
} from '../bundle/schema.js';
import { readSeedBundle } from '../bundle/seed.js';
import { idParams } from '../query/shapes.js';

/** Kinds without a resource of their own are documented together as facts. */
export const TAG_OF: Record<BundleKind, string> = {
  sources: 'sources',
  places: 'places',
  organizations: 'organizations',
  people: 'people',
  positions: 'facts',
  relations: 'facts',
  events: 'events',
  participations: 'facts',
  delegations: 'delegations',
  statements: 'statements',
  figures: 'figures',
};

/** The seed record that illustrates each kind. */
const EXAMPLE_IDS: Record<BundleKind, string> = {
  sources: 'kcna-report-2023-07-26',
  places: 'hoechang-county',
  organizations: 'chinese-foreign-ministry',
  people: 'mao-ning',
  positions: 'mao-ning-spokeswoman-chinese-foreign-ministry',
  relations: 'mao-anying-eldest-son-of-mao-zedong',
  events: 'kim-jong-un-wreath-laying-cpv-cemetery',
  participations: 'wreath-laying-kim-jong-un',
  delegations: 'sergei-shoigu-delegation-pyongyang-2023',
  statements: 'mao-ning-2023-07-25-li-hongzhong-visit',
  figures: 'cpv-soldiers-killed-korean-war',
};

/** A merge patch of each kind, as a client would send one. */
const PATCH_EXAMPLES: Record<BundleKind, Record<string, unknown>> = {
  sources: { url: 'https://www.kcna.kp/', text: null },
  places: { aliases: ['Hoechang'] },
  organizations: { description: null },
  people: { aliases: ['Mao'], description: 'Chinese Foreign Ministry spokesperson' },
  positions: { start: '2022' },
  relations: { relation: 'son of' },
  events: { summary: null },
  participations: { role: 'led the ceremony' },
  delegations: { purpose: null, arrival_place: 'pyongyang-international-airport' },
  statements: { mode: 'paraphrase' },
  figures: { note: 'as the article gives it' },
};

const seed = readSeedBundle();

function exampleOf(kind: BundleKind): BundleRecord | undefined {
  const records = seed[kind] as BundleRecord[];
  return records.find((r) => r.id === EXAMPLE_IDS[kind]) ?? records[0];
}

/** `people` → `Person`: the name of a kind's components. */
export const nameOf = (kind: BundleKind) => {
  const singular = CITED_KIND_OF[kind];
  return `${singular[0]?.toUpperCase()}${singular.slice(1)}`;
};

const each = <T>(make: (kind: BundleKind) => T) =>
  Object.fromEntries(BUNDLE_KINDS.map((kind) => [kind, make(kind)])) as Record<BundleKind, T>;

/** POST's body, and what every write answers with: the record as stored. */
export const RecordBody = each((kind) =>
  RECORD_SCHEMAS[kind].meta({
    id: `${nameOf(kind)}Record`,
    description: `A ${CITED_KIND_OF[kind]} as a record: the shape of the bundle's \`${kind}\` array. References are ids; \`citations\` name the sources that support it, with the words they use.`,
    example: exampleOf(kind),
  }),
);

/** PUT's body: the whole record; `id` may be left out, the path names it. */
export const ReplacementBody = each((kind) =>
  (RECORD_OBJECTS[kind] as z.ZodObject)
    .partial({ id: true })
    .superRefine(refinementOf(kind))
    .meta({
      id: `${nameOf(kind)}Replacement`,
      description: `A whole ${CITED_KIND_OF[kind]} record; \`id\` may be left out (the path names it) and must equal it when given.`,
      example: exampleOf(kind),
    }),
);

/** PATCH's body: any JSON object, merged into the stored record before it is validated. */
export const PatchBody = each((kind) =>
  z.record(z.string(), z.unknown()).meta({
    description: `A JSON Merge Patch (RFC 7396) of a ${CITED_KIND_OF[kind]} record: the fields to change; \`null\` removes an optional field; objects merge, arrays are replaced whole.`,
    example: PATCH_EXAMPLES[kind],
  }),
);

export const ItemParams = each((kind) => idParams(EXAMPLE_IDS[kind]));

export const DeleteQuery = z
  .object({
    cascade: z
      .enum(['true', 'false'])
      .transform((value) => value === 'true')
      .optional()
      .meta({
        description:
          'With `true`, what refers to the record changes with it: records that need it (a position of a deleted person) are deleted, optional references become null, list entries naming it are removed.',
      }),
  })
  .strict();

export const Deleted = z.null().meta({ description: 'Deleted; there is no body.' });
