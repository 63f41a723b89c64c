import t from 'tap';
import type { App } from '../../src/app.js';
import { Bundle } from '../../src/bundle/schema.js';
import { readSeedBundle } from '../../src/bundle/seed.js';
import { KIND_NAMES, kindOf } from '../../src/kinds/index.js';
import { assertProblem } from '../expect.js';
import { buildImportApp, counts, NDJSON_TYPE, postImport } from './imports-helper.js';

const seed = readSeedBundle();
/** Every record of the seed, all kinds together. */
const SEED_RECORDS = KIND_NAMES.reduce((sum, kind) => sum + seed[kind].length, 0);
const sortedIds = (records: { id: string }[]) =>
  records.map((r) => r.id).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

async function exportText(app: App, query = '') {
  const res = await app.inject({ method: 'GET', url: `/v1/export${query ? `?${query}` : ''}` });
  return { res, text: res.body };
}

const parseNdjson = (text: string) =>
  text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as { kind: string; record: { id: string } });

/**
 * Checks a value against a JSON Schema, loosely: the keywords zod emits for the bundle (local
 * $ref, type, const, enum, anyOf/oneOf/allOf, properties, required, additionalProperties: false,
 * items, string lengths and patterns). Others are ignored. Returns the paths that do not match.
 */
function schemaErrors(root: any, schema: any, value: unknown, path = ''): string[] {
  if (schema === true || schema === undefined) return [];
  if (schema.$ref) {
    const target = schema.$ref.replace(/^#\//, '').split('/');
    return schemaErrors(
      root,
      target.reduce((s: any, k: string) => s[k], root),
      value,
      path,
    );
  }
  const errors: string[] = [];
  const fail = (why: string) => errors.push(`${path || '/'}: ${why}`);
  const typeOf = (v: unknown) =>
    v === null ? 'null' : Array.isArray(v) ? 'array' : Number.isInteger(v) ? 'integer' : typeof v;
  if (schema.type) {
    const types = [schema.type].flat();
    const actual = typeOf(value);
    if (!types.includes(actual) && !(actual === 'integer' && types.includes('number'))) {
      return [`${path || '/'}: ${actual} is not ${types.join('|')}`];
    }
  }
  if ('const' in schema && schema.const !== value) fail(`not ${JSON.stringify(schema.const)}`);
  if (schema.enum && !schema.enum.includes(value)) fail('not in the enum');
  for (const key of ['anyOf', 'oneOf'] as const) {
    if (schema[key] && !schema[key].some((s: any) => schemaErrors(root, s, value).length === 0)) {
      fail(`matches none of ${key}`);
    }
  }
  for (const s of schema.allOf ?? []) errors.push(...schemaErrors(root, s, value, path));
  if (typeof value === 'string') {
    if (schema.minLength !== undefined && value.length < schema.minLength) fail('too short');
    if (schema.maxLength !== undefined && value.length > schema.maxLength) fail('too long');
    if (schema.pattern && !new RegExp(schema.pattern, 'u').test(value)) fail('pattern');
  }
  if (Array.isArray(value) && schema.items) {
    value.forEach((item, i) => {
      errors.push(...schemaErrors(root, schema.items, item, `${path}/${i}`));
    });
  }
  if (typeOf(value) === 'object' && schema.properties) {
    const object = value as Record<string, unknown>;
    for (const key of schema.required ?? []) if (!(key in object)) fail(`missing ${key}`);
    for (const [key, item] of Object.entries(object)) {
      const property = schema.properties[key];
      if (property) errors.push(...schemaErrors(root, property, item, `${path}/${key}`));
      else if (schema.additionalProperties === false) fail(`unknown key ${key}`);
    }
  }
  return errors;
}

t.test('GET /v1/export', async (t) => {
  const app = await buildImportApp(t);

  await t.test('as JSON: the whole seed as a bundle', async (t) => {
    const { res, text } = await exportText(app);
    t.equal(res.statusCode, 200, 'GET /v1/export is 200');
    t.match(res.headers['content-type'], /^application\/json/, 'as application/json');
    t.match(res.headers['content-disposition'], /annals-export\.json/, 'as a download');
    const parsed = Bundle.safeParse(JSON.parse(text));
    t.ok(parsed.success, 'the export parses with the Bundle schema');
    const exported = JSON.parse(text);
    t.same(Object.keys(exported), ['format', 'version', ...KIND_NAMES], 'every kind, in order');
    for (const kind of KIND_NAMES) {
      t.same(
        exported[kind].map((r: any) => r.id),
        sortedIds(seed[kind]),
        `${kind}: by id`,
      );
    }
    t.same(
      exported.events.find((e: any) => e.id === 'korean-war'),
      seed.events.find((e) => e.id === 'korean-war'),
      'a record comes out as the seed wrote it',
    );
  });

  await t.test('as NDJSON: one tagged record a line', async (t) => {
    const { res, text } = await exportText(app, 'format=ndjson');
    t.equal(res.statusCode, 200, 'GET /v1/export?format=ndjson is 200');
    t.match(res.headers['content-type'], /^application\/x-ndjson/, 'as application/x-ndjson');
    t.ok(text.endsWith('\n'), 'every line ends with a newline');
    const entries = parseNdjson(text);
    t.equal(entries.length, SEED_RECORDS, `the ${SEED_RECORDS} records of the seed`);
    for (const kind of KIND_NAMES) {
      const records = entries.filter((e) => e.kind === kind).map((e) => e.record);
      t.same(
        records.map((r) => r.id),
        sortedIds(seed[kind]),
        `${kind}: by id`,
      );
      t.ok(
        records.every((r) => kindOf(kind).record.safeParse(r).success),
        `${kind}: every record parses with its schema`,
      );
    }
    const kindsInOrder = [...new Set(entries.map((e) => e.kind))];
    t.same(kindsInOrder, KIND_NAMES, 'kinds in the bundle order');
  });

  await t.test('kind=events,people exports only those', async (t) => {
    const json = JSON.parse((await exportText(app, 'kind=events,people')).text);
    t.same(Object.keys(json), ['format', 'version', 'people', 'events'], 'only people and events');
    t.equal(json.events.length, 5, 'the five events');
    t.equal(json.people.length, 7, 'the seven people');
    const lines = parseNdjson((await exportText(app, 'format=ndjson&kind=event,person')).text);
    t.same([...new Set(lines.map((l) => l.kind))], ['people', 'events'], 'singular names too');
    t.equal(lines.length, 12, 'as NDJSON, twelve lines');
    const bad = await app.inject('/v1/export?kind=events,planets');
    const problem = assertProblem(t, bad, 400, 'GET /v1/export?kind=events,planets');
    t.ok(
      problem.errors.some((e: any) => e.field === '/kind'),
      'the 400 names /kind',
    );
  });

  await t.test('from and to narrow the dated kinds', async (t) => {
    const json = JSON.parse((await exportText(app, 'from=2023-07-25&to=2023-07-25')).text);
    t.same(
      json.events.map((e: any) => e.id),
      [
        'kim-jong-un-tribute-mao-anying-grave',
        'kim-jong-un-wreath-laying-cpv-cemetery',
        'korean-war-70th-anniversary-commemorations',
      ],
      'the events of that day, and the week of commemorations around it',
    );
    t.same(
      json.statements.map((s: any) => s.id),
      [
        'kim-jong-un-gratitude-cpv-members',
        'kim-jong-un-remarks-cpv-noble-soul',
        'kim-jong-un-wreath-ribbon-inscription',
        'mao-ning-2023-07-25-li-hongzhong-visit',
      ],
      'the statements dated that day (not the undated one)',
    );
    t.equal(json.places.length, seed.places.length, 'undated kinds are kept whole');
    t.ok(Bundle.safeParse(json).success, 'the narrowed export is still a bundle');
  });

  await t.test('the export matches /v1/schemas/bundle.json', async (t) => {
    const res = await app.inject('/v1/schemas/bundle.json');
    t.equal(res.statusCode, 200, 'GET /v1/schemas/bundle.json is 200');
    t.match(
      res.headers['content-type'],
      /^application\/schema\+json/,
      'as application/schema+json',
    );
    const schema = res.json();
    t.match(schema.$schema, /^https:\/\/json-schema\.org\//, 'a JSON Schema');
    const bundleSchema = schema.$ref
      ? schema.$ref
          .replace(/^#\//, '')
          .split('/')
          .reduce((s: any, k: string) => s[k], schema)
      : schema;
    t.equal(bundleSchema.type, 'object', 'of an object');
    t.same(
      Object.keys(bundleSchema.properties).sort(),
      ['format', 'version', ...KIND_NAMES].sort(),
      'with the kinds as properties',
    );
    for (const kind of KIND_NAMES) {
      t.equal(bundleSchema.properties[kind].type, 'array', `${kind} is an array`);
    }
    const exported = JSON.parse((await exportText(app)).text);
    t.same(schemaErrors(schema, schema, exported), [], 'the export validates against it');
    const broken = {
      ...exported,
      version: 2,
      planets: [],
      events: [{ ...exported.events[0], start: 1950, colour: 'red' }],
    };
    t.same(
      schemaErrors(schema, schema, broken).sort(),
      [
        '/: unknown key planets',
        '/events/0/start: integer is not string',
        '/events/0: unknown key colour',
        '/version: not 1',
      ],
      'and the check is not vacuous: it finds what is wrong, where',
    );
  });
});

for (const format of ['json', 'ndjson'] as const) {
  t.test(`export → import → export gives the same bytes (${format})`, async (t) => {
    const seeded = await buildImportApp(t);
    const first = await exportText(seeded, `format=${format}`);
    const empty = await buildImportApp(t, { seed: false });
    const before = await exportText(empty, `format=${format}`);
    t.notOk(before.text.includes('kim-jong-un'), 'the fresh database is empty');

    const type = format === 'json' ? 'application/json' : NDJSON_TYPE;
    const { status, report } = await postImport(empty, first.text, { type });
    t.equal(status, 201, 'the export imports into an empty database');
    t.same(report.totals, counts(SEED_RECORDS, 0, 0, 0), `all ${SEED_RECORDS} created`);

    const second = await exportText(empty, `format=${format}`);
    t.equal(second.text.length, first.text.length, 'the same length');
    t.equal(second.text, first.text, 'the same bytes');
  });
}
