/**
 * JSON text from a zod schema: the schema turned into JSON Schema and compiled by
 * fast-json-stringify, as Fastify does for its own schemas. Used by the response serializer on
 * the main thread (serializer.ts) and by the read workers (src/reads/worker.ts), so that an
 * answer built in a worker has the same bytes as one built inline. Imports only zod and
 * fast-json-stringify, so that a worker loads quickly.
 */
import fastJson from 'fast-json-stringify';
import { z } from 'zod';

export type Stringify = (data: unknown) => string;

function compile(schema: z.ZodType): Stringify {
  const jsonSchema = z.toJSONSchema(schema, {
    io: 'output',
    target: 'draft-7',
    unrepresentable: 'throw',
  });
  return fastJson(jsonSchema as Parameters<typeof fastJson>[0]);
}

/**
 * Serializers are compiled on a schema's first use, not at start-up: compiling all of them took
 * half of the start-up time, for answers most routes never give. A schema many routes share (the
 * problem answers) is compiled once for all of them.
 */
const compiled = new WeakMap<z.ZodType, Stringify | null>();

/** The compiled serializer of a schema, or null when JSON Schema cannot express it. */
export function compiledFor(schema: z.ZodType): Stringify | null {
  let stringify = compiled.get(schema);
  if (stringify === undefined) {
    try {
      stringify = compile(schema);
    } catch {
      // A schema JSON Schema cannot express (a transform, a custom check) keeps zod's own path.
      stringify = null;
    }
    compiled.set(schema, stringify);
  }
  return stringify;
}
