import { getTableName, is } from 'drizzle-orm';
import { getTableConfig, type SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import t from 'tap';
import { readRecord } from '../../src/bundle/records.js';
import { loadSeed } from '../../src/bundle/seed.js';
import * as schema from '../../src/kinds/tables.js';
import { fateOf, LINKS, OWNED_ROWS, withoutReferences } from '../../src/writes/dependents.js';
import { openTestDb, sqliteOnly } from '../helper.js';

const SQLITE_ONLY = sqliteOnly("the links as SQLite's schema and query plans have them");

const nameOf = (column: SQLiteColumn) => `${getTableName(column.table)}.${column.name}`;

const tables = (Object.values(schema) as unknown[]).filter((value): value is SQLiteTable =>
  is(value, SQLiteTable),
);

t.test(
  'every foreign key is a link, a child row of its record, or a citation',
  SQLITE_ONLY,
  async (t) => {
    const known = new Set([
      ...LINKS.map((l) => nameOf(l.column)),
      ...Object.values(OWNED_ROWS).flatMap((columns) => columns.map(nameOf)),
      'citations.source_id',
      // A step of a citation's account belongs to its citation and goes with it (ON DELETE
      // CASCADE); what the step names is found by createHolderQueries' own query.
      'citation_steps.subject_kind',
      'citation_steps.subject_id',
      'citation_steps.ordinal',
    ]);
    const foreignKeys = tables.flatMap((table) =>
      getTableConfig(table).foreignKeys.flatMap((fk) => fk.reference().columns.map(nameOf)),
    );
    t.ok(foreignKeys.length > 20, 'the foreign keys are found');
    for (const column of foreignKeys) t.ok(known.has(column), `${column} is known`);
  },
);

t.test('every link is found by an index, not a scan', SQLITE_ONLY, async (t) => {
  const db = openTestDb(t);
  for (const link of [...LINKS.map((l) => l.column), schema.citations.sourceId]) {
    const plan = db.$client
      .prepare(
        `explain query plan select 1 from "${getTableName(link.table)}" where "${link.name}" = ?`,
      )
      .all('x') as { detail: string }[];
    const detail = plan.map((step) => step.detail).join('; ');
    t.match(detail, /USING (COVERING )?INDEX/, `${nameOf(link)}: ${detail}`);
  }
});

t.test('what a reference becomes follows from the schema', SQLITE_ONLY, async (t) => {
  const cases: [Parameters<typeof fateOf>[0], string, string][] = [
    ['positions', '/person', 'delete-holder'],
    ['positions', '/organization', 'set-null'],
    ['relations', '/related_person', 'delete-holder'],
    ['participations', '/event', 'delete-holder'],
    ['participations', '/participant/id', 'delete-holder'],
    ['statements', '/speaker/id', 'delete-holder'],
    ['statements', '/event', 'set-null'],
    ['figures', '/subject', 'delete-holder'],
    ['figures', '/event', 'set-null'],
    ['events', '/place', 'set-null'],
    ['events', '/citations/2/source', 'drop-entry'],
    ['delegations', '/leader', 'set-null'],
    ['delegations', '/members/0/person', 'drop-entry'],
    ['delegations', '/receivers/1/receiver/id', 'drop-entry'],
    ['delegations', '/receivers/1/place', 'set-null'],
    ['sources', '/cites/3', 'drop-entry'],
  ];
  for (const [kind, pointer, fate] of cases)
    t.equal(fateOf(kind, pointer), fate, `${kind} ${pointer}`);
});

t.test(
  'withoutReferences nulls and drops, and leaves the record it was given',
  SQLITE_ONLY,
  async (t) => {
    const db = openTestDb(t);
    loadSeed(db);
    const record = readRecord(db, 'delegations', 'sergei-shoigu-delegation-pyongyang-2023');
    if (!record) throw new Error('the seed has the delegation');
    const changed = withoutReferences('delegations', record, [
      '/arrival_place',
      '/receivers/0/place',
      '/receivers/1/place',
      '/receivers/0/receiver/id',
      '/citations/0/source',
    ]);
    t.equal(changed.arrival_place, null);
    t.same(changed.receivers, [
      { receiver: { kind: 'group', label: 'senior DPRK officials' }, role: 'greeted', place: null },
    ]);
    t.equal(changed.citations.length, record.citations.length - 1);
    t.equal(record.receivers.length, 2, 'the original is untouched');
    t.throws(() => withoutReferences('positions', record as never, ['/person']), 'a required one');
  },
);
