/**
 * Writes of single records: create, replace, merge-patch and delete. Each runs in one immediate
 * better-sqlite3 transaction (synchronous, so that a throw rolls everything back): the record,
 * its child rows, its citations and, through the triggers, the search index change together or
 * not at all. References are checked before anything is written, so a record never points nowhere.
 */

import type { Statement } from 'better-sqlite3';
import { and, eq, getTableName } from 'drizzle-orm';
import { readRecord } from '../bundle/records.js';
import { writeRecord } from '../bundle/writer.js';
import type { Db } from '../db/database.js';
import { type FieldError, problems } from '../http/errors.js';
import { KIND_NAMES, type KindName, kindOf, type RecordOf } from '../kinds/index.js';
import { citations } from '../kinds/sources/citations-table.js';
import { deleteBasis } from '../records/basis.js';
import {
  bodyErrors,
  checkExcerpts,
  checkReferences,
  MAX_LISTED_DEPENDENTS,
  newSourceText,
  referencedBy,
} from './checks.js';
import { type Conditions, checkConditions, itemEtags } from './conditions.js';
import {
  createHolderQueries,
  fateOf,
  type Holder,
  OWNED_ROWS,
  pointersTo,
  withoutReferences,
} from './dependents.js';
import { mergePatch } from './merge-patch.js';

export interface Written<K extends KindName = KindName> {
  created: boolean;
  record: RecordOf<K>;
  /** The ETag GET of the item now sends, read in the write's transaction. */
  etag: string;
}

const singular = (kind: KindName) => kindOf(kind).singular;

export function createWritesService(db: Db) {
  const sqlite = db.$client;
  const existsIn = Object.fromEntries(
    KIND_NAMES.map((kind) => [
      kind,
      sqlite.prepare(`select 1 from "${getTableName(kindOf(kind).table)}" where id = ?`),
    ]),
  ) as Record<KindName, Statement<[string]>>;
  const holdersOf = createHolderQueries(db);
  const etagOf = itemEtags(db);

  /** 412 unless the request's conditions hold for the record as it is before the write. */
  const check = (kind: KindName, id: string, conditions: Conditions) =>
    checkConditions(conditions, () => etagOf(kind, id), singular(kind));

  /** What a write answers: the record as stored, and the ETag its GET now has. */
  const written = <K extends KindName>(kind: K, record: RecordOf<K>, created: boolean) => ({
    created,
    record,
    etag: etagOf(kind, record.id) as string,
  });

  const exists = (kind: KindName, id: string) => existsIn[kind].get(id) !== undefined;
  const inTransaction = <T>(work: () => T): T => sqlite.transaction(work).immediate();

  const sourceText = sqlite.prepare<[string], { text: string | null }>(
    'select text from sources where id = ?',
  );
  const lostExcerpts = sqlite.prepare<
    [string, string, string, string, number],
    { kind: string; id: string; ordinal: number }
  >(
    `select subject_kind as kind, subject_id as id, ordinal from citations
     where source_id = ? and instr(?, excerpt) = 0 and not (subject_kind = ? and subject_id = ?)
     order by subject_kind, subject_id, ordinal limit ?`,
  );

  function write<K extends KindName>(kind: K, record: RecordOf<K>): RecordOf<K> {
    checkReferences(kind, record, exists);
    const text = newSourceText(kind, record);
    const lost = text
      ? lostExcerpts.all(record.id, text, singular(kind), record.id, MAX_LISTED_DEPENDENTS)
      : [];
    checkExcerpts(kind, record, (id) => sourceText.get(id)?.text ?? null, lost);
    writeRecord(db, kind, record);
    return readRecord(db, kind, record.id) as RecordOf<K>;
  }

  /** The record's own rows: its citations and basis, its child rows, then the row itself. */
  function deleteOwn(kind: KindName, id: string): void {
    db.delete(citations)
      .where(and(eq(citations.subjectKind, singular(kind)), eq(citations.subjectId, id)))
      .run();
    deleteBasis(db, singular(kind), id);
    for (const column of OWNED_ROWS[kind]) {
      db.delete(column.table).where(eq(column, id)).run();
    }
    const { table } = kindOf(kind);
    db.delete(table).where(eq(table.id, id)).run();
  }

  /**
   * Deletes a record and deals with everything that refers to it: records whose reference is
   * required are deleted (with their own dependents), the others lose the reference. Children
   * go first, so that the foreign keys hold at every step.
   */
  function deleteCascading(kind: KindName, id: string, deleting: Set<string>): void {
    deleting.add(`${kind}\u0000${id}`);
    for (const holder of holdersOf(kind, id)) {
      if (deleting.has(`${holder.kind}\u0000${holder.id}`)) continue;
      // Read afresh: an earlier step of this cascade may have changed it.
      const record = readRecord(db, holder.kind, holder.id);
      if (!record) continue;
      const pointers = pointersTo(holder.kind, record, kind, id);
      if (pointers.length === 0) continue;
      if (pointers.some((p) => fateOf(holder.kind, p) === 'delete-holder')) {
        deleteCascading(holder.kind, holder.id, deleting);
      } else {
        writeRecord(db, holder.kind, withoutReferences(holder.kind, record, pointers));
      }
    }
    deleteOwn(kind, id);
  }

  /** Up to MAX_LISTED_DEPENDENTS references to the record, as the 409's field errors. */
  function describeHolders(kind: KindName, id: string, holders: Holder[]): FieldError[] {
    const errors: FieldError[] = [];
    for (const holder of holders) {
      const record = readRecord(db, holder.kind, holder.id);
      if (!record) continue;
      for (const pointer of pointersTo(holder.kind, record, kind, id)) {
        if (errors.length === MAX_LISTED_DEPENDENTS) return errors;
        errors.push(referencedBy(holder, pointer));
      }
    }
    return errors;
  }

  return {
    read<K extends KindName>(kind: K, id: string): RecordOf<K> | null {
      return readRecord(db, kind, id);
    },

    /** POST: a new record; 409 when the id is taken or a reference dangles. */
    create<K extends KindName>(
      kind: K,
      record: RecordOf<K>,
      conditions: Conditions = {},
    ): Written<K> {
      return inTransaction(() => {
        check(kind, record.id, conditions);
        if (exists(kind, record.id)) throw problems.alreadyExists(singular(kind), record.id);
        return written(kind, write(kind, record), true);
      });
    },

    /** PUT: the record replaced whole, or created when absent. */
    replace<K extends KindName>(
      kind: K,
      record: RecordOf<K>,
      conditions: Conditions = {},
    ): Written<K> {
      return inTransaction(() => {
        check(kind, record.id, conditions);
        const created = !exists(kind, record.id);
        return written(kind, write(kind, record), created);
      });
    },

    /** PATCH: a JSON Merge Patch applied to the stored record, the result validated whole. */
    patch<K extends KindName>(
      kind: K,
      id: string,
      patch: Record<string, unknown>,
      conditions: Conditions = {},
    ): Written<K> {
      return inTransaction(() => {
        // Conditions first (RFC 9110 §13.2.2): If-Match on a record that is not there is a 412.
        check(kind, id, conditions);
        const stored = readRecord(db, kind, id);
        if (!stored) throw problems.notFound(singular(kind), id);
        if ('id' in patch && patch.id !== id) {
          throw problems.invalidField('body', '/id', `the id cannot be changed (it is '${id}')`);
        }
        const parsed = kindOf(kind).record.safeParse(mergePatch(stored, patch));
        if (!parsed.success) throw problems.invalidRequest(bodyErrors(parsed.error.issues));
        return written(kind, write(kind, parsed.data as RecordOf<K>), false);
      });
    },

    /** DELETE: 409 while others refer to it, unless `cascade`. */
    remove(kind: KindName, id: string, cascade: boolean, conditions: Conditions = {}): void {
      inTransaction(() => {
        check(kind, id, conditions);
        if (!exists(kind, id)) throw problems.notFound(singular(kind), id);
        if (!cascade) {
          const holders = holdersOf(kind, id);
          if (holders.length > 0) {
            throw problems.stillReferenced(
              singular(kind),
              id,
              holders.length,
              describeHolders(kind, id, holders),
            );
          }
        }
        deleteCascading(kind, id, new Set());
      });
    },
  };
}

export type WritesService = ReturnType<typeof createWritesService>;
