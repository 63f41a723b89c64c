/**
 * Response serialization. The zod response schemas stay the contract; for speed they are turned
 * into JSON Schema and compiled by fast-json-stringify, as Fastify does for its own schemas
 * (zod's encode-then-JSON.stringify measured 15-35% fewer requests per second). With
 * `checkResponses` (the tests), every answer is also checked against its zod schema first, so a
 * handler that strays from the contract fails loudly rather than being silently reshaped.
 */

import fastJson from 'fast-json-stringify';
import type { FastifySerializerCompiler } from 'fastify';
import {
  ResponseSerializationError,
  serializerCompiler as zodSerializer,
} from 'fastify-type-provider-zod';
import { z } from 'zod';

type RouteSchema = Parameters<FastifySerializerCompiler<unknown>>[0];
type Stringify = (data: unknown) => string;

function compile(schema: z.ZodType): Stringify {
  const jsonSchema = z.toJSONSchema(schema, {
    io: 'output',
    target: 'draft-7',
    unrepresentable: 'throw',
  });
  return fastJson(jsonSchema as Parameters<typeof fastJson>[0]);
}

/**
 * Serializers are compiled on a route's first answer with a status, not at start-up: compiling
 * all of them took half of the start-up time, for answers most routes never give. A schema many
 * routes share (the problem answers) is compiled once for all of them.
 */
const compiled = new WeakMap<z.ZodType, Stringify | null>();

function compiledFor(schema: z.ZodType): Stringify | null {
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

export function createSerializerCompiler(options: { checkResponses: boolean }) {
  return (route: RouteSchema): Stringify => {
    const schema = route.schema as unknown;
    if (!(schema instanceof z.ZodType)) return zodSerializer(route as never);
    let stringify: Stringify | undefined;
    const serialize = (data: unknown) => {
      stringify ??= compiledFor(schema) ?? zodSerializer(route as never);
      return stringify(data);
    };
    if (!options.checkResponses) return serialize;
    return (data: unknown) => {
      const checked = schema.safeEncode(data);
      if (!checked.success) {
        throw new ResponseSerializationError(route.method, route.url, { cause: checked.error });
      }
      return serialize(data);
    };
  };
}
