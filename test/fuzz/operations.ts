/**
 * The operations of an OpenAPI document, and fast-check arbitraries of valid-looking values drawn
 * from their JSON Schemas (the start that the fuzz test then mutates).
 */
import fc from 'fast-check';

export type Schema = Record<string, any>;
export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface Param {
  name: string;
  required: boolean;
  schema: Schema;
}

export interface Operation {
  method: Method;
  /** The path template, `/v1/events/{id}`. */
  path: string;
  pathParams: Param[];
  query: Param[];
  body?: { contentTypes: string[]; schema: Schema };
  /** Whether it needs an API key. */
  secured: boolean;
  description: string;
}

const METHODS: Method[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** Every path × method of the document. */
export function operationsOf(doc: Schema): Operation[] {
  return Object.entries(doc.paths as Record<string, Schema>).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m.toLowerCase()]).map((method) => {
      const op = item[method.toLowerCase()] as Schema;
      const params = ((op.parameters ?? []) as Schema[]).map((p) => ({
        in: p.in as string,
        name: p.name as string,
        required: p.required === true,
        // The parameter's description says what its schema cannot, such as "(partial date)".
        schema: { description: p.description, ...(p.schema as Schema) },
      }));
      const content = op.requestBody?.content as Record<string, { schema: Schema }> | undefined;
      return {
        method,
        path,
        pathParams: params.filter((p) => p.in === 'path'),
        query: params.filter((p) => p.in === 'query'),
        ...(content
          ? {
              body: {
                contentTypes: Object.keys(content),
                schema: Object.values(content)[0]?.schema ?? {},
              },
            }
          : {}),
        secured: Array.isArray(op.security) && op.security.length > 0,
        description: String(op.description ?? ''),
      };
    }),
  );
}

/** The schema a `$ref` points at (the document's own components only). */
export function deref(doc: Schema, schema: Schema): Schema {
  let s = schema;
  while (typeof s.$ref === 'string') {
    const name = s.$ref.replace('#/components/schemas/', '');
    s = doc.components.schemas[name] as Schema;
  }
  return s;
}

const SLUG = '^[a-z0-9]+(?:-[a-z0-9]+)*$';

/** An id as the API writes them, most likely one that nothing has yet. */
export const slug = fc
  .array(fc.stringMatching(/^[a-z0-9]{1,8}$/), { minLength: 1, maxLength: 4 })
  .map((parts) => parts.join('-'));

/** A partial date as the API writes them: YYYY, YYYY-MM or YYYY-MM-DD, all possible. */
export const partialDate = fc
  .tuple(fc.integer({ min: 1, max: 2100 }), fc.integer({ min: 0, max: 12 }), fc.nat(28))
  .map(([y, m, d]) => {
    const year = String(y).padStart(4, '0');
    const month = String(m).padStart(2, '0');
    if (m === 0) return year;
    return d === 0 ? `${year}-${month}` : `${year}-${month}-${String(d).padStart(2, '0')}`;
  });

const isPartialDate = (s: Schema) => /partial (ISO )?date/i.test(String(s.description ?? ''));

function stringOf(s: Schema): fc.Arbitrary<string> {
  if (s.pattern === SLUG) return slug;
  if (s.format === 'uuid') return fc.uuid();
  if (s.format === 'uri') return fc.webUrl();
  if (isPartialDate(s)) return partialDate;
  const minLength = (s.minLength as number | undefined) ?? 0;
  const maxLength = Math.max(minLength, Math.min((s.maxLength as number | undefined) ?? 30, 30));
  return fc.string({ minLength, maxLength });
}

/**
 * Values that the schema accepts (mostly: patterns other than slugs, and rules that a schema
 * cannot say, are not followed). Examples given in the document are used as they are.
 */
export function schemaValue(
  doc: Schema,
  schema: Schema,
  options: { depth?: number; partial?: boolean } = {},
): fc.Arbitrary<unknown> {
  const depth = options.depth ?? 0;
  const s = deref(doc, schema);
  if ('const' in s) return fc.constant(s.const);
  if (Array.isArray(s.enum)) return fc.constantFrom(...(s.enum as unknown[]));
  const alternatives = (s.anyOf ?? s.oneOf) as Schema[] | undefined;
  const generated = (): fc.Arbitrary<unknown> => {
    if (alternatives) return fc.oneof(...alternatives.map((a) => schemaValue(doc, a, { depth })));
    if (Array.isArray(s.type)) {
      return fc.oneof(
        ...(s.type as string[]).map((type) => schemaValue(doc, { ...s, type }, options)),
      );
    }
    switch (s.type) {
      case 'string':
        return stringOf(s);
      case 'integer':
        return fc.integer({
          min: Math.max((s.minimum as number | undefined) ?? -1000, -(2 ** 31)),
          max: Math.min((s.maximum as number | undefined) ?? 1000, 2 ** 31),
        });
      case 'number':
        return fc.double({
          noNaN: true,
          noDefaultInfinity: true,
          min: (s.minimum as number | undefined) ?? -1e6,
          max: (s.maximum as number | undefined) ?? 1e6,
        });
      case 'boolean':
        return fc.boolean();
      case 'null':
        return fc.constant(null);
      case 'array':
        if (depth > 4) return fc.constant([]);
        return fc.array(
          schemaValue(doc, (s.items as Schema | undefined) ?? {}, { depth: depth + 1 }),
          {
            minLength: (s.minItems as number | undefined) ?? 0,
            maxLength: Math.min((s.maxItems as number | undefined) ?? 3, 3),
          },
        );
      case 'object': {
        const properties = (s.properties ?? {}) as Record<string, Schema>;
        const model = Object.fromEntries(
          Object.entries(properties).map(([k, v]) => [
            k,
            schemaValue(doc, v, { depth: depth + 1 }),
          ]),
        );
        const required = options.partial ? [] : ((s.required ?? []) as string[]);
        return fc.record(model, { requiredKeys: required.filter((k) => k in model) });
      }
      default:
        return fc.jsonValue({ maxDepth: 2 });
    }
  };
  // A documented example is a known-good record (for a path id, one that the seed holds).
  if (s.example !== undefined && !options.partial) {
    return fc.oneof({ weight: 2, arbitrary: fc.constant(s.example) }, generated());
  }
  return generated();
}
