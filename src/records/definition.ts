/**
 * What a kind of record is, in one object: its table, its record schema (the shape of the
 * bundle's array, of imports and of writes), how a record becomes rows and rows a record, which
 * other records it refers to and through which columns. Import, export, writes, deletes and the
 * OpenAPI document loop over the kinds' definitions (src/kinds/index.ts) instead of keeping
 * tables of their own keyed by kind.
 *
 * Kinds name each other by their plural (`'places'`), never by importing each other's
 * definition, so that no two kinds' folders import each other.
 */
import { getTableColumns, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { z } from 'zod';
import type { Db } from '../db/database.js';
import { basisCheck } from './basis.js';
import type { CitedKind } from './cited-kinds.js';
import type { Basis } from './fields.js';

/** The fields every record has. */
export interface BaseRecord {
  id: string;
  citations: { source: string; excerpt: string }[];
  /** The fields not simply stated by the citations (src/records/basis.ts); `{}` when none. */
  basis?: Basis;
}

/** A table whose rows are records of a kind: `id` is their primary key. */
export type KindTable = SQLiteTable & { id: SQLiteColumn };

/** A KindTable's PostgreSQL twin (its `table.pg.ts`): the same name, columns and keys. */
export type KindPgTable = PgTable & { id: PgColumn };

/** A reference a record makes: where in the record (a JSON pointer), to which kind and id. */
export interface Reference {
  pointer: string;
  kind: string;
  id: string;
}

/** A person, an organization or an unnamed group, as records give an agent. */
export type AgentValue =
  | { kind: 'person'; id: string }
  | { kind: 'organization'; id: string }
  | { kind: 'group'; label: string };

/** The columns that hold an agent: one for a person, one for an organization. */
export interface AgentColumns {
  person: SQLiteColumn;
  organization: SQLiteColumn;
}

/**
 * Where a reference sits in a record and which column stores it. `field` is a top-level field
 * or, inside a `list`, a field of each entry (no `field`: the entry is the id itself). `target`
 * is the kind it names; an `agent` names a person or an organization through two columns.
 */
export type ReferenceSpec =
  | { field: string; target: string; column: SQLiteColumn }
  | { field: string; agent: AgentColumns }
  | {
      list: string;
      /** The child table's column naming the record the entry belongs to. */
      owner: SQLiteColumn;
      entries: (
        | { field?: string; target: string; column: SQLiteColumn }
        | { field: string; agent: AgentColumns }
      )[];
    };

/**
 * A list of a record stored as child rows (an event's names, a delegation's members): replaced
 * whole on every write and read back in the order written.
 */
export interface ChildList<R> {
  /** The record's field. */
  field: string;
  table: SQLiteTable;
  /** The PostgreSQL twin of `table`. */
  pgTable: PgTable;
  /** The column naming the record the row belongs to. */
  owner: SQLiteColumn;
  /**
   * The column holding each row's place in the list (its ordinal): the order the rows were
   * written in, which neither engine's own row order keeps once rows are rewritten.
   */
  order: SQLiteColumn;
  /** The rows of the list, without the owner column (the writer adds it). */
  toRows(record: R): Record<string, unknown>[];
  /** A stored row as an entry of the list. */
  fromRow(row: Record<string, unknown>): unknown;
}

export interface KindDefinition<
  Name extends string = string,
  Schema extends z.ZodType<BaseRecord> = z.ZodType<BaseRecord>,
> {
  /** The plural: the bundle's array, the URL segment (`events`). */
  name: Name;
  /** The singular: how citations and messages name a record of the kind (`event`). */
  singular: CitedKind;
  /** The OpenAPI tag its operations are listed under. */
  tag: string;
  /**
   * True when the kind has a resource of its own (routes.ts in its folder: lists, items, views);
   * false when its records are read as stored, at `/v1/<kind>/{id}`, beside its writes.
   */
  resource: boolean;
  /** What the kind holds, in a line: the description of its tag in the OpenAPI document. */
  about: string;
  table: KindTable;
  /**
   * The PostgreSQL twin of `table` (issue 15; test/postgres/schema-parity.test.ts checks that it
   * is), for the PostgreSQL backend's reads and writes to come.
   */
  pgTable: KindPgTable;
  /** The record, validated whole (cross-field checks included). */
  record: Schema;
  /** The record's plain object schema, for what needs its shape (CSV columns, PUT bodies). */
  shape: z.ZodObject;
  /** The cross-field checks `record` adds to `shape`, to add back to a reshaped object. */
  refine?: (value: never, ctx: z.RefinementCtx) => void;
  /**
   * The record's fields stored as they are, each in a column of the kind's row: record field →
   * the column's key in the table (`parent` → `parentId`). A new plain field is one line here.
   */
  columns: Record<string, string>;
  /** Columns computed from the record: first and last days, figure bounds, an agent's columns. */
  derive?(record: z.infer<Schema>): Record<string, unknown>;
  /** Fields read back from more than one column (an agent), added to those of `columns`. */
  read?(row: Record<string, unknown>): Record<string, unknown>;
  /** Lists stored as child rows. */
  lists?: ChildList<z.infer<Schema>>[];
  /** Every reference the record makes, in the order reports list them (citations aside). */
  references: ReferenceSpec[];
  /**
   * Columns the database's triggers keep (migration 0009): the writer leaves them out, so that
   * an upsert does not set them back to NULL behind the trigger that filled them.
   */
  triggerKept?: SQLiteColumn[];
  /**
   * A CSV file can hold records of this kind (a row per record; lists and objects as JSON
   * cells): every kind can, and the CSV import and export check it.
   */
  csv: boolean;
  /** The records of a period (partial dates; spans that overlap it), for dated kinds' exports. */
  inPeriod?(from: string | undefined, to: string | undefined): SQL | undefined;
  /**
   * Readable labels of records, for the lists that show facts of every kind (a source's claims):
   * an event's title, "Nearly 180,000 CPV soldiers killed", "Mao Ning: spokeswoman, ...".
   */
  label(db: Db, ids: string[]): { id: string; label: string }[];
  /** The seed record that illustrates the kind, and a merge patch a client might send it. */
  example: { id: string; patch: Record<string, unknown> };
}

/** `event` → `Event`: the prefix of a kind's OpenAPI components. */
export const titleOf = (singular: string) => `${singular[0]?.toUpperCase()}${singular.slice(1)}`;

/**
 * A kind's definition, checked against the interface with its own types kept. Its record schema
 * becomes the named component `<Kind>Record`, which the bundle, the writes and the single reads
 * of the kinds without a resource of their own all refer to.
 */
export function defineKind<const Name extends string, Schema extends z.ZodType<BaseRecord>>(
  definition: KindDefinition<Name, Schema>,
): KindDefinition<Name, Schema> {
  const { name, singular, record, shape, refine } = definition;
  // Every record's `basis` names fields of that record: checked on imports, POST, PATCH and
  // (through `refine`, which PUT's reshaped body adds back) PUT alike.
  const checkBasis = basisCheck(Object.keys(shape.shape));
  return {
    ...definition,
    refine: (value: never, ctx: z.RefinementCtx) => {
      refine?.(value, ctx);
      checkBasis(value, ctx);
    },
    record: record.superRefine(checkBasis).meta({
      id: `${titleOf(singular)}Record`,
      description: `A ${singular} as a record: the shape of the bundle's \`${name}\` array. References are ids; \`citations\` name the sources that support it, with the words they use; \`basis\` marks the fields they do not state (inferred, or background knowledge).`,
    }),
  };
}

/** The key (camelCase) under which drizzle names a column of a table in rows. */
export function keyOf(table: SQLiteTable, column: SQLiteColumn): string {
  const found = Object.entries(getTableColumns(table)).find(([, c]) => c === column);
  if (!found) throw new Error(`${column.name} is not a column of this table`);
  return found[0];
}
