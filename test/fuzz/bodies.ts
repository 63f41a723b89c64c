/**
 * Request bodies for an operation: a valid one drawn from its schema (the documented example,
 * or one generated), and hostile ones made from it: a member replaced, dropped or added, the
 * text invalid or cut short, sent as another format or another content type.
 */
import fc from 'fast-check';
import {
  CONTENT_TYPES,
  hostileJson,
  INVALID_JSON_TEXTS,
  PROTOTYPE_TEXTS,
  toJsonText,
  UNKNOWN_KEYS,
} from './hostile.js';
import { deref, type Operation, type Schema, schemaValue, slug } from './operations.js';

/** A part of a request: as the document allows, and as an attacker sends it. */
export interface Part<T> {
  valid: fc.Arbitrary<T>;
  hostile: fc.Arbitrary<T>;
}

type Json = unknown;
type Path = (string | number)[];

/** Where a value can be replaced: the root and each member, the first 200 found. */
function pathsOf(value: Json, at: Path = [], out: Path[] = []): Path[] {
  if (out.length >= 200) return out;
  out.push(at);
  if (value !== null && typeof value === 'object' && at.length < 8) {
    for (const [k, v] of Object.entries(value)) {
      pathsOf(v, [...at, Array.isArray(value) ? Number(k) : k], out);
    }
  }
  return out;
}

function setAt(value: Json, path: Path, replacement: Json): Json {
  if (path.length === 0) return replacement;
  const copy = structuredClone(value) as Record<string | number, Json>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, Json>;
  node[path[path.length - 1] as string | number] = replacement;
  return copy;
}

function deleteAt(value: Json, path: Path): Json {
  if (path.length === 0) return undefined;
  const copy = structuredClone(value) as Record<string | number, Json>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, Json>;
  const last = path[path.length - 1] as string | number;
  if (Array.isArray(node)) node.splice(last as number, 1);
  else delete node[last];
  return copy;
}

/** A body from the schema, mutated: a member replaced, dropped or added, or the whole. */
function mutatedBody(base: fc.Arbitrary<Json>): fc.Arbitrary<Json> {
  const pick = (value: Json, n: number) => {
    const paths = pathsOf(value);
    return paths[n % paths.length] as Path;
  };
  return fc.oneof(
    {
      weight: 4,
      arbitrary: fc
        .tuple(base, fc.nat(), hostileJson)
        .map(([v, n, bad]) => setAt(v, pick(v, n), bad)),
    },
    { weight: 1, arbitrary: fc.tuple(base, fc.nat()).map(([v, n]) => deleteAt(v, pick(v, n))) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(base, fc.constantFrom(...UNKNOWN_KEYS, 'id', 'kind'), hostileJson)
        .map(([v, key, bad]) =>
          v !== null && typeof v === 'object' && !Array.isArray(v) ? { ...v, [key]: bad } : v,
        ),
    },
  );
}

/** A hostile body as text: its JSON, invalid JSON, or its JSON cut short. */
const hostileText = (value: fc.Arbitrary<Json>): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 7, arbitrary: value.map(toJsonText) },
    { weight: 1, arbitrary: fc.constantFrom(...INVALID_JSON_TEXTS) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(value.map(toJsonText), fc.nat())
        .map(([text, n]) => text.slice(0, n % Math.max(text.length, 1))),
    },
  );

/**
 * The valid body an attack starts from. A merge patch accepts any object, so it starts from the
 * fields of the record it patches (the collection's POST body), none of them required. The
 * documented example is a record the seed holds: a POST of it gets a new id half the time (or
 * it could only answer 409), a PUT leaves `id` out half the time (so that any path id matches).
 */
function baseBody(doc: Schema, op: Operation): fc.Arbitrary<Json> {
  if (op.method === 'PATCH') {
    const collection = op.path.replace(/\/\{id\}$/, '');
    const post = doc.paths[collection]?.post?.requestBody?.content?.['application/json']?.schema;
    if (post) return schemaValue(doc, deref(doc, post), { partial: true });
  }
  const base = schemaValue(doc, (op.body as NonNullable<Operation['body']>).schema);
  if (op.method !== 'POST' && op.method !== 'PUT') return base;
  return fc.tuple(base, fc.boolean(), slug).map(([value, change, id]) => {
    if (!change || value === null || typeof value !== 'object' || !('id' in value)) return value;
    if (op.method === 'POST') return { ...value, id };
    const { id: _, ...rest } = value as Record<string, Json>;
    return rest;
  });
}

export interface Body {
  payload?: string;
  contentType?: string;
}

const isObject = (value: Json): value is Record<string, Json> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** A bundle as NDJSON lines, `{"kind", "record"}` a record (the imports' streamed format). */
function ndjsonLines(value: Json): { kind: Json; record: Json }[] {
  if (!isObject(value)) return [{ kind: 'events', record: value }];
  return Object.entries(value)
    .filter(([kind]) => kind !== 'format' && kind !== 'version')
    .flatMap(([kind, records]) =>
      (Array.isArray(records) ? records : [records]).map((record) => ({ kind, record })),
    );
}

const toNdjson = (value: Json) => `${ndjsonLines(value).map(toJsonText).join('\n')}\n`;

/** What may stand where a kind is named: near misses, inherited names, anything hostile. */
const hostileKind = fc.oneof(
  fc.constantFrom(...PROTOTYPE_TEXTS),
  fc.constantFrom('Events', 'event', ' events', 'events\u0000', 'search_fts', 'imports', ''),
  hostileJson,
);

/** NDJSON with one line's kind made hostile, or a line of a hostile kind added. */
const hostileNdjson = (base: fc.Arbitrary<Json>): fc.Arbitrary<string> =>
  fc.tuple(base, fc.nat(), hostileKind, fc.boolean()).map(([value, n, kind, replace]) => {
    const lines = ndjsonLines(value);
    const at = n % (lines.length + 1);
    const line = lines[at];
    if (replace && line) lines[at] = { ...line, kind };
    else lines.splice(at, 0, { kind, record: line?.record ?? {} });
    return `${lines.map(toJsonText).join('\n')}\n`;
  });

/** The first list of records of a bundle as CSV: a header row of field names, a row each. */
function toCsv(value: Json): string {
  const records = isObject(value)
    ? (Object.values(value).find((v) => Array.isArray(v) && v.length > 0) as Json[] | undefined)
    : undefined;
  if (!records) return `id\n${toJsonText(value)}\n`;
  const fields = [...new Set(records.flatMap((r) => (isObject(r) ? Object.keys(r) : [])))];
  const cell = (v: Json) =>
    v === undefined ? '' : `"${(typeof v === 'string' ? v : toJsonText(v)).replaceAll('"', '""')}"`;
  const rows = records.map((r) => fields.map((f) => cell(isObject(r) ? r[f] : r)).join(','));
  return `${[fields.map(cell).join(','), ...rows].join('\n')}\n`;
}

/** The body and its content type, each valid or hostile; none when the operation takes none. */
export function bodyOf(doc: Schema, op: Operation): { body: Part<Body>; type: Part<Body> } {
  const anyType = fc.constantFrom(...CONTENT_TYPES);
  if (!op.body) {
    // A body where none is expected.
    const unexpected = fc
      .tuple(hostileText(hostileJson), anyType)
      .map(([payload, contentType]): Body => ({ payload, contentType }));
    return {
      body: { valid: fc.constant({}), hostile: unexpected },
      type: { valid: fc.constant({}), hostile: unexpected },
    };
  }
  const base = baseBody(doc, op);
  const validType = fc.constantFrom(...op.body.contentTypes);
  // Formats that the description names beyond the schema's JSON (the imports' NDJSON and CSV).
  const formats: [string, (value: Json) => string][] = [
    ...op.body.contentTypes.map((type): [string, (value: Json) => string] => [type, toJsonText]),
    ...(op.description.includes('application/x-ndjson')
      ? [['application/x-ndjson', toNdjson] as [string, (value: Json) => string]]
      : []),
    ...(op.description.includes('text/csv')
      ? [['text/csv', toCsv] as [string, (value: Json) => string]]
      : []),
  ];
  const written = (value: fc.Arbitrary<Json>) =>
    fc
      .tuple(value, fc.constantFrom(...formats))
      .map(([v, [contentType, write]]): Body => ({ payload: write(v), contentType }));
  return {
    body: {
      valid: written(base),
      hostile: fc.oneof(
        {
          weight: 3,
          arbitrary: fc
            .tuple(hostileText(mutatedBody(base)), validType)
            .map(([payload, contentType]) => ({ payload, contentType })),
        },
        { weight: 1, arbitrary: written(mutatedBody(base)) },
        ...(formats.some(([type]) => type === 'application/x-ndjson')
          ? [
              {
                weight: 1,
                arbitrary: hostileNdjson(base).map(
                  (payload): Body => ({ payload, contentType: 'application/x-ndjson' }),
                ),
              },
            ]
          : []),
      ),
    },
    type: {
      valid: fc.constant({}),
      // The valid body, sent as the wrong type (or none).
      hostile: fc
        .tuple(base.map(toJsonText), anyType)
        .map(([payload, contentType]) => ({ payload, contentType })),
    },
  };
}
