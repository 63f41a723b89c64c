/**
 * Single writes on PostgreSQL: service.ts's create, replace, merge-patch and delete, with the same
 * arguments, the same answers (as Promises, each with the LSN of its commit beside it, for
 * read-your-writes) and the same problems for the same input. Each runs in one transaction on the
 * primary (PostgresServers.write), foreign keys deferred to its commit as the writer expects,
 * after locking the records it depends on (locks.pg.ts says which, and why not row locks).
 * Records are written by the bundle's PostgreSQL writer and read back by its reader; what is
 * refused and why is checks.ts's, shared with SQLite.
 */
import { drizzle } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import { readRecordsPostgres } from '../bundle/postgres/records.js';
import { deferKeys, type PgDb, writeRecords } from '../bundle/postgres/writer.js';
import type { PostgresServers } from '../db/postgres-replicas.js';
import { type FieldError, problems } from '../http/errors.js';
import { type KindName, kindOf, type RecordOf } from '../kinds/index.js';
import { referencesOf } from '../records/references.js';
import { bodyErrors, MAX_LISTED_DEPENDENTS, referencedBy } from './checks.js';
import { checkRecordPostgres, existsPostgres } from './checks.pg.js';
import { type Conditions, checkConditions } from './conditions.js';
import { itemEtagsPostgres } from './conditions.pg.js';
import { fateOf, type Holder, pointersTo, withoutReferences } from './dependents.js';
import { deleteOwnPostgres, holdersOfPostgres } from './dependents.pg.js';
import { keepImportsOut, lockRecords, type RecordKey } from './locks.pg.js';
import { mergePatch } from './merge-patch.js';
import type { Written } from './service.js';

/** A write's answer and the primary's WAL position after its commit. */
export type WrittenPostgres<K extends KindName = KindName> = Written<K> & { lsn: string };

/** A write's connection, inside its transaction, and drizzle over it. */
interface Tx {
  client: pg.PoolClient;
  db: PgDb;
}

const singular = (kind: KindName) => kindOf(kind).singular;
const codeOf = (error: unknown) => (error as { code?: unknown } | null)?.code;

/** SQLSTATEs: a deadlock PostgreSQL broke by failing this transaction, and a duplicate key. */
const DEADLOCK = '40P01';
const UNIQUE_VIOLATION = '23505';
/** Runs of a write that deadlocked (locks.pg.ts) before the error is the caller's. */
const ATTEMPTS = 3;

const referenced = (kind: KindName, record: RecordOf): RecordKey[] =>
  referencesOf(kindOf(kind), record).map(({ kind, id }) => ({ kind, id }));

export function createWritesServicePostgres(servers: PostgresServers) {
  const etagOf = itemEtagsPostgres();

  /** `work` in one transaction on the primary, run again when PostgreSQL broke a deadlock. */
  async function inTransaction<T>(work: (tx: Tx) => Promise<T>) {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await servers.write(async (client) => {
          const tx = { client, db: drizzle({ client }) };
          await deferKeys(tx.db);
          await keepImportsOut(client);
          return work(tx);
        });
      } catch (error) {
        if (codeOf(error) !== DEADLOCK || attempt === ATTEMPTS) throw error;
      }
    }
  }

  /** 412 unless the request's conditions hold for the record as it is before the write. */
  async function check(tx: Tx, kind: KindName, id: string, conditions: Conditions) {
    if (conditions.ifMatch === undefined && conditions.ifNoneMatch === undefined) return;
    const etag = await etagOf(tx.client, kind, id);
    checkConditions(conditions, () => etag, singular(kind));
  }

  const exists = (tx: Tx, kind: KindName, id: string) => existsPostgres(tx.client, kind, id);

  async function readRecord<K extends KindName>(tx: Tx, kind: K, id: string) {
    return (await readRecordsPostgres(tx.db, kind, [id])).get(id) ?? null;
  }

  async function write<K extends KindName>(tx: Tx, kind: K, record: RecordOf<K>) {
    await checkRecordPostgres(tx.client, kind, record);
    await writeRecords(tx.db, kind, [record]);
    return (await readRecord(tx, kind, record.id)) as RecordOf<K>;
  }

  /** What a write answers: the record as stored, and the ETag its GET now has. */
  const written = async <K extends KindName>(
    tx: Tx,
    kind: K,
    record: RecordOf<K>,
    created: boolean,
  ): Promise<Written<K>> => ({
    created,
    record,
    etag: (await etagOf(tx.client, kind, record.id)) as string,
  });

  /** service.ts's deleteCascading, each holder locked before it is read and changed. */
  async function deleteCascading(tx: Tx, kind: KindName, id: string, deleting: Set<string>) {
    deleting.add(`${kind}\u0000${id}`);
    for (const holder of await holdersOfPostgres(tx.client, kind, id)) {
      if (deleting.has(`${holder.kind}\u0000${holder.id}`)) continue;
      await lockRecords(tx.client, [holder]);
      // Read afresh: an earlier step of this cascade may have changed it.
      const record = await readRecord(tx, holder.kind, holder.id);
      if (!record) continue;
      const pointers = pointersTo(holder.kind, record, kind, id);
      if (pointers.length === 0) continue;
      if (pointers.some((p) => fateOf(holder.kind, p) === 'delete-holder')) {
        await deleteCascading(tx, holder.kind, holder.id, deleting);
      } else {
        await writeRecords(tx.db, holder.kind, [withoutReferences(holder.kind, record, pointers)]);
      }
    }
    await deleteOwnPostgres(tx.db, kind, id);
  }

  /** Up to MAX_LISTED_DEPENDENTS references to the record, as the 409's field errors. */
  async function describeHolders(tx: Tx, kind: KindName, id: string, holders: Holder[]) {
    const errors: FieldError[] = [];
    for (const holder of holders) {
      const record = await readRecord(tx, holder.kind, holder.id);
      if (!record) continue;
      for (const pointer of pointersTo(holder.kind, record, kind, id)) {
        if (errors.length === MAX_LISTED_DEPENDENTS) return errors;
        errors.push(referencedBy(holder, pointer));
      }
    }
    return errors;
  }

  /** The answer with the LSN of its commit beside it. */
  const withLsn = <K extends KindName>({ result, lsn }: { result: Written<K>; lsn: string }) => ({
    ...result,
    lsn,
  });

  return {
    async read<K extends KindName>(kind: K, id: string): Promise<RecordOf<K> | null> {
      return servers.read(async (client) =>
        readRecord({ client, db: drizzle({ client }) }, kind, id),
      );
    },

    /** POST: a new record; 409 when the id is taken or a reference dangles. */
    async create<K extends KindName>(
      kind: K,
      record: RecordOf<K>,
      conditions: Conditions = {},
    ): Promise<WrittenPostgres<K>> {
      try {
        return withLsn(
          await inTransaction(async (tx) => {
            await lockRecords(tx.client, [{ kind, id: record.id }], referenced(kind, record));
            await check(tx, kind, record.id, conditions);
            if (await exists(tx, kind, record.id)) {
              throw problems.alreadyExists(singular(kind), record.id);
            }
            return written(tx, kind, await write(tx, kind, record), true);
          }),
        );
      } catch (error) {
        // The lock keeps two creates apart; a writer that takes none (an import) may still win.
        if (codeOf(error) === UNIQUE_VIOLATION)
          throw problems.alreadyExists(singular(kind), record.id);
        throw error;
      }
    },

    /** PUT: the record replaced whole, or created when absent. */
    async replace<K extends KindName>(
      kind: K,
      record: RecordOf<K>,
      conditions: Conditions = {},
    ): Promise<WrittenPostgres<K>> {
      return withLsn(
        await inTransaction(async (tx) => {
          await lockRecords(tx.client, [{ kind, id: record.id }], referenced(kind, record));
          await check(tx, kind, record.id, conditions);
          const created = !(await exists(tx, kind, record.id));
          return written(tx, kind, await write(tx, kind, record), created);
        }),
      );
    },

    /** PATCH: a JSON Merge Patch applied to the stored record, the result validated whole. */
    async patch<K extends KindName>(
      kind: K,
      id: string,
      patch: Record<string, unknown>,
      conditions: Conditions = {},
    ): Promise<WrittenPostgres<K>> {
      return withLsn(
        await inTransaction(async (tx) => {
          await lockRecords(tx.client, [{ kind, id }]);
          // Conditions first (RFC 9110 §13.2.2): If-Match on a record that is not there is a 412.
          await check(tx, kind, id, conditions);
          const stored = await readRecord(tx, kind, id);
          if (!stored) throw problems.notFound(singular(kind), id);
          if ('id' in patch && patch.id !== id) {
            throw problems.invalidField('body', '/id', `the id cannot be changed (it is '${id}')`);
          }
          const parsed = kindOf(kind).record.safeParse(mergePatch(stored, patch));
          if (!parsed.success) throw problems.invalidRequest(bodyErrors(parsed.error.issues));
          const record = parsed.data as RecordOf<K>;
          // Known only now: may deadlock with another write, which inTransaction runs again.
          await lockRecords(tx.client, [{ kind, id }], referenced(kind, record));
          return written(tx, kind, await write(tx, kind, record), false);
        }),
      );
    },

    /** DELETE: 409 while others refer to it, unless `cascade`. */
    async remove(
      kind: KindName,
      id: string,
      cascade: boolean,
      conditions: Conditions = {},
    ): Promise<{ lsn: string }> {
      const { lsn } = await inTransaction(async (tx) => {
        await lockRecords(tx.client, [{ kind, id }]);
        await check(tx, kind, id, conditions);
        if (!(await exists(tx, kind, id))) throw problems.notFound(singular(kind), id);
        if (!cascade) {
          const holders = await holdersOfPostgres(tx.client, kind, id);
          if (holders.length > 0) {
            throw problems.stillReferenced(
              singular(kind),
              id,
              holders.length,
              await describeHolders(tx, kind, id, holders),
            );
          }
        }
        await deleteCascading(tx, kind, id, new Set());
      });
      return { lsn };
    },
  };
}

export type WritesServicePostgres = ReturnType<typeof createWritesServicePostgres>;
