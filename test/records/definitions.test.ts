/**
 * Every kind's definition accounts for its table and its record: each column of the kind's row is
 * a field's column, a derived column or one the triggers keep, and each field of the record is a
 * column, a field read back from columns, a list, the citations or the basis. A column or field added to one
 * side only fails here, before an import could drop it silently.
 */
import { getTableColumns } from 'drizzle-orm';
import t from 'tap';
import { readSeedBundle } from '../../src/bundle/seed.js';
import { KINDS } from '../../src/kinds/index.js';
import { type KindDefinition, keyOf } from '../../src/records/definition.js';
import { recordOf, rowOf } from '../../src/records/rows.js';

const seed = readSeedBundle() as unknown as Record<string, Record<string, unknown>[]>;

for (const kind of KINDS as readonly KindDefinition[]) {
  t.test(`${kind.name}: the definition covers the table and the record`, async (t) => {
    const example = seed[kind.name]?.find((r) => r.id === kind.example.id);
    if (!example) throw new Error(`the seed has no ${kind.singular} '${kind.example.id}'`);
    const record = kind.record.parse(example) as unknown as Record<string, unknown>;
    const row = rowOf(kind, record);
    const kept = (kind.triggerKept ?? []).map((column) => keyOf(kind.table, column));
    t.same(
      [...Object.keys(row), ...kept].sort(),
      Object.keys(getTableColumns(kind.table)).sort(),
      'every column is written (or kept by a trigger), and nothing else',
    );
    const lists = Object.fromEntries((kind.lists ?? []).map((l) => [l.field, record[l.field]]));
    const { citations: _, basis: __, ...fields } = record;
    t.same(recordOf(kind, row, lists), fields, 'the row and lists read back as the record');
    t.same(
      Object.keys(recordOf(kind, row, lists)),
      Object.keys(kind.shape.shape).filter((field) => field !== 'citations' && field !== 'basis'),
      "fields come back in the shape's order",
    );
  });
}
