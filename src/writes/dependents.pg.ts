/**
 * Who refers to a record, on PostgreSQL: dependents.ts's holder queries over the twin tables
 * (same table and column names), each in id order, byte by byte ("C", as SQLite's BINARY), so
 * that the holders come in the same order on both backends; and the rows that go with a record
 * (dependents.ts's OWNED_ROWS: its lists, from the same definitions). What becomes of the
 * holders (fateOf, withoutReferences) is dependents.ts's.
 */
import { and, eq, getTableColumns, getTableName } from 'drizzle-orm';
import type pg from 'pg';
import type { PgDb } from '../bundle/postgres/writer.js';
import { type KindName, kindOf } from '../kinds/index.js';
import { citations } from '../kinds/sources/citations-table.pg.js';
import { fieldBasis } from '../records/basis-table.pg.js';
import { type KindDefinition, keyOf } from '../records/definition.js';
import { distinctHolders, type Holder, LINKS } from './dependents.js';

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Per target kind, each link's query: the ids of the records holding it. */
const BY_TARGET = new Map<string, { holder: KindName; text: string }[]>();
for (const l of LINKS) {
  const holderId = quoted(l.holderId.name);
  const text = `select distinct ${holderId} as id from ${quoted(getTableName(l.column.table))}
    where ${quoted(l.column.name)} = $1 order by ${holderId}`;
  const list = BY_TARGET.get(l.target) ?? [];
  list.push({ holder: l.holder as KindName, text });
  BY_TARGET.set(l.target, list);
}

const CITING = `select distinct subject_kind as kind, subject_id as id from citations
  where source_id = $1 order by subject_kind, subject_id`;
const NAMED_IN_ACCOUNTS = `select distinct subject_kind as kind, subject_id as id from citation_steps
  where step_kind = $1 and step_id = $2 order by subject_kind, subject_id`;

/** Every record that refers to (kind, id), itself left out, each once: holdersOf's twin. */
export async function holdersOfPostgres(
  client: pg.ClientBase,
  kind: KindName,
  id: string,
): Promise<Holder[]> {
  const linked: Holder[] = [];
  for (const { holder, text } of BY_TARGET.get(kind) ?? []) {
    const { rows } = await client.query<{ id: string }>(text, [id]);
    for (const row of rows) linked.push({ kind: holder, id: row.id });
  }
  type Named = { kind: string; id: string };
  const fromCitations = kind === 'sources' ? (await client.query<Named>(CITING, [id])).rows : [];
  const fromAccounts = (await client.query<Named>(NAMED_IN_ACCOUNTS, [kindOf(kind).singular, id]))
    .rows;
  return distinctHolders(kind, id, linked, [...fromCitations, ...fromAccounts]);
}

/** The record's own rows: its citations (their steps cascade) and basis, its lists, its row. */
export async function deleteOwnPostgres(db: PgDb, kind: KindName, id: string): Promise<void> {
  const definition = kindOf(kind) as KindDefinition;
  const subject = (table: typeof citations | typeof fieldBasis) =>
    and(eq(table.subjectKind, definition.singular), eq(table.subjectId, id));
  await db.delete(citations).where(subject(citations));
  await db.delete(fieldBasis).where(subject(fieldBasis));
  for (const list of definition.lists ?? []) {
    const owner = getTableColumns(list.pgTable)[keyOf(list.table, list.owner)];
    if (!owner) throw new Error(`${list.owner.name} has no PostgreSQL twin`);
    await db.delete(list.pgTable).where(eq(owner, id));
  }
  await db.delete(definition.pgTable).where(eq(definition.pgTable.id, id));
}
