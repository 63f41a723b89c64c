/**
 * The route schemas of writes, made from each kind's definition: POST's body and every write's
 * answer is the kind's record (the same zod schema imports validate with, the `<Kind>Record`
 * component); PUT's is the record with `id` optional; PATCH's any JSON object.
 */
import { z } from 'zod';
import { readSeedBundle } from '../bundle/seed.js';
import { KINDS, type Kind, type KindName } from '../kinds/index.js';
import { queryBoolean } from '../query/boolean.js';
import { idParams } from '../query/shapes.js';
import { titleOf } from '../records/definition.js';

const each = <T>(make: (kind: Kind) => T) =>
  Object.fromEntries(KINDS.map((kind) => [kind.name, make(kind)])) as Record<KindName, T>;

/** POST's body, and what every write answers with: the record as stored. */
export const RecordBody = each((kind) => kind.record as z.ZodType);

/** PUT's body: the whole record; `id` may be left out, the path names it. */
export const ReplacementBody = each((kind) =>
  kind.shape
    .partial({ id: true })
    .superRefine(
      (kind.refine ?? (() => undefined)) as (value: unknown, ctx: z.RefinementCtx) => void,
    )
    .meta({
      id: `${titleOf(kind.singular)}Replacement`,
      description: `A whole ${kind.singular} record; \`id\` may be left out (the path names it) and must equal it when given.`,
    }),
);

/** PATCH's body: any JSON object, merged into the stored record before it is validated. */
export const PatchBody = each((kind) =>
  z.record(z.string(), z.unknown()).meta({
    description: `A JSON Merge Patch (RFC 7396) of a ${kind.singular} record: the fields to change; \`null\` removes an optional field; objects merge, arrays are replaced whole.`,
    example: kind.example.patch,
  }),
);

export const ItemParams = each((kind) => idParams(kind.example.id));

/**
 * The examples of the record components (`EventRecord`, `EventReplacement`, ...): the seed's
 * record each kind names, read when the OpenAPI document is made, not when this module loads.
 */
export function recordExamples(): Record<string, unknown> {
  const seed = readSeedBundle() as unknown as Record<KindName, { id: string }[]>;
  return Object.fromEntries(
    KINDS.flatMap((kind) => {
      const records = seed[kind.name];
      const example = records.find((r) => r.id === kind.example.id) ?? records[0];
      const title = titleOf(kind.singular);
      return [
        [`${title}Record`, example],
        [`${title}Replacement`, example],
      ];
    }),
  );
}

export const DeleteQuery = z
  .object({
    cascade: queryBoolean().optional().meta({
      description:
        'With `true`, what refers to the record changes with it: records that need it (a position of a deleted person) are deleted, optional references become null, list entries naming it are removed.',
    }),
  })
  .strict();

export const Deleted = z.null().meta({ description: 'Deleted; there is no body.' });

const ifMatch = z.string().max(2000).optional().meta({
  description:
    'The `ETag` of the record as you read it (`GET /v1/<kind>/{id}`; a list of them, or `*` for any): the write happens only if the record still has it, else 412 and nothing changes.',
  example: '"2jmj7l5rSw0yVb/vlWAYkK/YBwk="',
});

const ifNoneMatch = z.string().max(2000).optional().meta({
  description:
    '`*`: create only; if the record exists the answer is 412 and nothing changes. (A list of ETags: write only if the record has none of them.)',
  example: '*',
});

/**
 * The conditional headers of PUT, PATCH and DELETE. Loose: every other header (Authorization,
 * Content-Type) must go through validation untouched.
 */
export const WriteHeaders = z.object({ 'if-match': ifMatch, 'if-none-match': ifNoneMatch }).loose();

/** POST's: `If-None-Match: *` (a record that exists is a 412, not a 409). */
export const CreateHeaders = z.object({ 'if-none-match': ifNoneMatch }).loose();
