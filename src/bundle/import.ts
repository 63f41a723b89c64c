/**
 * The import pipeline that the seed, the HTTP API and the command line share.
 *
 * Records arrive one at a time (from a JSON bundle, NDJSON lines or CSV rows) and are validated
 * by the bundle's zod schemas, then staged in temporary tables: memory stays bounded whatever the
 * input's size, and records may reference ids defined later in the same input. `finish()` then
 * checks every reference against the database and the staged records, and writes all in one
 * transaction: nothing at all when anything was rejected (unless `mode: 'partial'`), and nothing
 * at all on a dry run. Records equal to what is stored are counted unchanged and not rewritten.
 *
 * Why stage even into an empty database, rather than write each record as it is read: that was
 * built and measured (100k-event bundle, same machine, alternate runs): 51.2 CPU s against 54.3
 * staged, 5% less. Writes in the input's order fill the text primary keys' indexes at random,
 * where staged writes go in id order and append, which ate most of what skipping the stage
 * saved; and the import held SQLite's write lock from its first record, so a slow upload would
 * have kept every other writer waiting for as long as the client took to send it.
 */
import type Sqlite from 'better-sqlite3';
import { getTableName } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { restoreDerived, suspendDerived } from '../db/derived.js';
import type { ImportMode } from '../domain/bundle-formats.js';
import { KIND_NAMES, type KindName, kindOf, type RecordOf } from '../kinds/index.js';
import {
  type CheckedBatch,
  checkRecord,
  emptyBatch,
  type Location,
  VALID_FIELDS,
} from './check.js';
import { readRecords } from './records.js';
import type { ImportReport, KindCounts, Rejection } from './report.js';
import { writeRecord } from './writer.js';

/** What a long import is doing, for progress displays: reading is reported by the reader. */
export type ImportPhase = 'checking' | 'writing' | 'indexing';

export interface ImportOptions {
  mode: ImportMode;
  dryRun: boolean;
  /**
   * The caller holds the database file's only connection (the command line's import): a bulk
   * load may then write through a rollback journal rather than the write-ahead log (see
   * `rollbackJournal`). A server's import worker never does: its read workers share the file.
   */
  soleConnection?: boolean;
}

/** A report lists this many rejections at most; the counts still cover them all. */
export const MAX_LISTED_REJECTIONS = 1000;
const STAGE_BATCH = 1000;

/** Deep equality where a missing field and null are the same (stored records spell out nulls). */
function sameRecord(a: unknown, b: unknown): boolean {
  if (a === b || ((a === null || a === undefined) && (b === null || b === undefined))) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => sameRecord(item, b[i]));
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
  for (const key of keys) if (!sameRecord(left[key], right[key])) return false;
  return true;
}

function emptyCounts(): KindCounts {
  return { created: 0, updated: 0, unchanged: 0, rejected: 0 };
}

interface StagedRow {
  seq: number;
  kind: KindName;
  id: string;
  record: string;
}

interface StagedLocation {
  seq: number;
  kind: KindName;
  id: string;
  line: number | null;
  idx: number | null;
  pointer: string;
}

/**
 * Switches a bulk load's file from the write-ahead log to a rollback journal, when no other
 * connection has it open; answers whether it did (then `journal_mode = WAL` must follow the
 * load). In WAL mode every page a load writes goes to the log, then again into the file at the
 * checkpoint; a rollback journal keeps a copy of the pages the file held before, which for an
 * empty database is nearly none, so the load's pages are written once. Measured on a quiet
 * machine, alternating, two rounds each: the bench's 100k bundle into an empty file 40.3-43.5 s
 * against 44.4-45.2 in WAL (41.7-44.9 CPU s against 45.5-46.4); the 1M bundle's 8 GB of pages
 * no longer pass through a log of their own.
 * Only bulk loads: 10,000 records into the loaded 100k file gained 5% (2.05-2.10 s against
 * 2.21-2.23), and while a file is in rollback mode a server started on it cannot switch it to
 * WAL and fails to start ("database is locked", 22 ms into a 100k load's writing phase), which
 * is likelier on a loaded database than on one being filled.
 * A kill mid-load leaves a hot journal that the next connection to open the file rolls back.
 * Another connection makes the switch fail at once (no busy wait): the load then stays in WAL.
 */
function rollbackJournal(sqlite: Sqlite.Database): boolean {
  const timeout = sqlite.pragma('busy_timeout', { simple: true }) as number;
  try {
    sqlite.pragma('busy_timeout = 0');
    return sqlite.pragma('journal_mode = DELETE', { simple: true }) === 'delete';
  } catch {
    return false;
  } finally {
    sqlite.pragma(`busy_timeout = ${timeout}`);
  }
}

/**
 * Puts the file back in WAL mode after a load through a rollback journal. Should another
 * connection have opened the file in between (a server starting as the load ended), the switch
 * may be refused: the file then stays in rollback mode until a connection opens it again (each
 * sets WAL: src/db/database.ts), and the load, committed or rolled back, is not failed by it.
 */
function backToWal(sqlite: Sqlite.Database): void {
  try {
    sqlite.pragma('journal_mode = WAL');
  } catch {
    // Left as it is: see above.
  }
}

/** Throws (rolling the import back) if any row refers to a row that does not exist. */
function assertNoDanglingKeys(sqlite: Sqlite.Database): void {
  const broken = sqlite.pragma('foreign_key_check') as { table: string; parent: string }[];
  const first = broken[0];
  if (first) {
    throw new Error(
      `the import would leave ${broken.length} dangling references (${first.table} to ${first.parent})`,
    );
  }
}

export class ImportSession {
  private readonly counts = Object.fromEntries(KIND_NAMES.map((k) => [k, emptyCounts()])) as Record<
    KindName,
    KindCounts
  >;
  private readonly rejections: Rejection[] = [];
  private rejectionCount = 0;
  /** Inputs rejected before they had a kind (unreadable lines, unknown kinds, a bad envelope). */
  private unattributed = 0;
  /** Checked records not yet written to the staging table, as its rows. */
  private pending: unknown[][] = [];
  private seq = 0;
  private referencesExpanded = false;

  constructor(
    private readonly db: Db,
    private readonly options: ImportOptions,
  ) {
    // Unindexed while records arrive: the indexes are built once, by sorting, when reading is
    // over (finish), which costs far less than keeping them row by row.
    db.$client.exec(`
      drop table if exists temp.import_staging;
      drop table if exists temp.import_refs;
      drop table if exists temp.import_existing;
      create temp table import_staging (
        seq integer primary key, kind text not null, singular text not null, id text not null,
        line integer, idx integer, pointer text not null, record text not null,
        refs text not null, rejected integer not null default 0);
      -- The few records rejected once staged: what is valid is then counted from the indexes
      -- alone, where reading the staged records themselves took 0.7 s for the 100k bundle.
      create index temp.import_staging_rejected on import_staging(kind) where rejected = 1;
      create temp table import_existing (
        seq integer primary key, kind text not null, action text not null, stored text);`);
  }

  /**
   * Ends a session that will not be finished (its input failed): the staging is dropped at once
   * rather than left on the connection until its next import. Safe to call more than once.
   */
  abort(): void {
    this.db.$client.exec(`
      drop table if exists temp.import_staging;
      drop table if exists temp.import_refs;
      drop table if exists temp.import_existing;`);
  }

  /**
   * Records a rejection. One without a kind (an unreadable line) counts as a rejected input in
   * the totals; a record with a kind is counted once per record by the caller.
   */
  reject(rejection: Rejection): void {
    this.rejectionCount += 1;
    if (rejection.kind === null) this.unattributed += 1;
    if (this.rejections.length < MAX_LISTED_REJECTIONS) this.rejections.push(rejection);
  }

  /** Validates one record and stages it; invalid records are rejected with every reason. */
  add(kindName: unknown, input: unknown, at: Location): void {
    const batch = emptyBatch();
    checkRecord(batch, kindName, input, at);
    this.take(batch);
  }

  /**
   * Stages records checked by `checkRecord` (here or on another thread), in the input's order;
   * `linesBefore` numbers a block's lines after those of the blocks before it.
   */
  take(batch: CheckedBatch, linesBefore = 0): void {
    for (const kind of batch.rejectedKinds) this.counts[kind].rejected += 1;
    for (const rejection of batch.rejections) {
      if (rejection.line !== undefined) rejection.line += linesBefore;
      this.reject(rejection);
    }
    const { valid } = batch;
    for (let i = 0; i < valid.length; i += VALID_FIELDS) {
      const [kind, line, index, pointer, id, record, references] = valid.slice(i, i + VALID_FIELDS);
      this.seq += 1;
      this.pending.push([
        this.seq,
        kind,
        kindOf(kind as KindName).singular,
        id,
        line === null ? null : (line as number) + linesBefore,
        index,
        pointer,
        record,
        references,
      ]);
      if (this.pending.length >= STAGE_BATCH) this.flush();
    }
  }

  /** Writes the pending records to the staging table. */
  private flush(): void {
    const sqlite = this.db.$client;
    const stage = sqlite.prepare(
      'insert into import_staging (seq, kind, singular, id, line, idx, pointer, record, refs) values (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    sqlite.transaction(() => {
      for (const row of this.pending) stage.run(row);
    })();
    this.pending = [];
  }

  /**
   * Once reading is over, the staged records' references as rows of their own (import_refs):
   * staged as one JSON text a record and expanded here by one statement, which costs a fraction
   * of a row inserted from JavaScript per reference (2-3 a record). In the input's order, as
   * they were inserted before: the staging table is read by seq, each list in its order.
   */
  private expandReferences(): void {
    if (this.referencesExpanded) return;
    this.flush();
    this.db.$client.exec(`
      drop table if exists temp.import_refs;
      create temp table import_refs (
        seq integer not null, pointer text not null, ref_kind text not null, ref_id text not null);
      insert into import_refs select s.seq, r.value ->> 0, r.value ->> 1, r.value ->> 2
        from import_staging s, json_each(s.refs) r;`);
    this.referencesExpanded = true;
  }

  /**
   * The ids this input names, a kind and a batch at a time in id order: its records' (`own`) and
   * those they refer to (rejected records' too: a superset does no harm). An import into another
   * database through a staging copy of it (PostgreSQL: src/bundle/postgres/stored.ts) brings in
   * exactly the stored records among these before `finish`, so that the checks and the sorting
   * below see them as stored, and its cost follows the input, not that database.
   */
  *named(): Generator<{ kind: KindName; ids: string[]; own: string[] }> {
    this.expandReferences();
    const sqlite = this.db.$client;
    // One table, sorted once: paging the staging tables themselves (unindexed until finish)
    // would scan them for every batch.
    sqlite.exec(`
      drop table if exists temp.import_named;
      create temp table import_named (
        kind text not null, id text not null, own integer not null, primary key (kind, id))
        without rowid;
      insert into import_named select kind, id, max(own) from (
        select kind, id, 1 as own from import_staging
        union all select ref_kind, ref_id, 0 from import_refs) group by kind, id;`);
    const page = sqlite.prepare(
      'select id, own from import_named where kind = ? and id > ? order by id limit ?',
    );
    try {
      for (const kind of KIND_NAMES) {
        for (let after = ''; ; ) {
          const rows = page.all(kind, after, STAGE_BATCH) as { id: string; own: number }[];
          if (rows.length === 0) break;
          const ids = rows.map((row) => row.id);
          yield { kind, ids, own: rows.filter((row) => row.own === 1).map((row) => row.id) };
          after = ids.at(-1) as string;
        }
      }
    } finally {
      sqlite.exec('drop table if exists temp.import_named');
    }
  }

  /**
   * Indexes what was staged, then rejects every record whose id an earlier record of the input
   * already has (the first stays), forgetting it and its references.
   */
  private rejectDuplicates(): void {
    const sqlite = this.db.$client;
    sqlite.exec(`
      create index temp.import_staging_key on import_staging(kind, id, seq);
      create index temp.import_refs_target on import_refs(ref_kind, ref_id);
      create index temp.import_refs_seq on import_refs(seq);
      create index temp.import_existing_kind on import_existing(kind, seq);`);
    const duplicates = sqlite
      .prepare(
        `select d.seq, d.kind, d.id, d.line, d.idx, d.pointer,
           f.line as first_line, f.pointer as first_pointer
         from import_staging d
         join import_staging f on f.kind = d.kind and f.id = d.id and f.seq < d.seq
         where not exists (select 1 from import_staging e
                           where e.kind = f.kind and e.id = f.id and e.seq < f.seq)
         order by d.seq`,
      )
      .all() as (StagedLocation & { first_line: number | null; first_pointer: string })[];
    const forget = sqlite.prepare('delete from import_staging where seq = ?');
    const forgetRefs = sqlite.prepare('delete from import_refs where seq = ?');
    for (const row of duplicates) {
      forget.run(row.seq);
      forgetRefs.run(row.seq);
      this.counts[row.kind].rejected += 1;
      this.reject({
        kind: row.kind,
        id: row.id,
        ...(row.line === null ? {} : { line: row.line }),
        ...(row.idx === null ? {} : { index: row.idx }),
        pointer: `${row.pointer}/id`,
        reason: `the id '${row.id}' is defined twice in this input (first at ${row.first_line === null ? row.first_pointer : `line ${row.first_line}`})`,
      });
    }
  }

  /**
   * Rejects every staged record with an excerpt its source's text lacks, when the text is held: the
   * text this input gives the source, or else the stored one. Also rejects a source whose new text
   * lacks an excerpt a stored fact (not rewritten by this input) takes from it. The match is exact:
   * the same characters and spacing (src/bundle/writer.ts then stores where each excerpt is).
   */
  private checkExcerpts(): void {
    const sqlite = this.db.$client;
    sqlite.exec(`
      create temp table import_texts (id text primary key, text text);
      insert into import_texts select id, json_extract(record, '$.text') from import_staging
        where kind = 'sources' and rejected = 0;`);
    const missing = sqlite
      .prepare(
        `with cited as (
           select s.seq, s.kind, s.id, s.line, s.idx, s.pointer, c.key as i,
             json_extract(c.value, '$.source') as source, json_extract(c.value, '$.excerpt') as excerpt
           from import_staging s, json_each(s.record, '$.citations') c where s.rejected = 0)
         select cited.*, coalesce(t.text, d.text) as text from cited
         left join import_texts t on t.id = cited.source
         left join sources d on d.id = cited.source and t.id is null
         where instr(coalesce(t.text, d.text), cited.excerpt) = 0
         order by cited.seq, cited.i`,
      )
      .all() as (StagedLocation & { i: number; source: string })[];
    const markRejected = sqlite.prepare(
      'update import_staging set rejected = 1 where seq = ? and rejected = 0',
    );
    const rejectAt = (row: StagedLocation, pointer: string, reason: string) => {
      if (markRejected.run(row.seq).changes > 0) this.counts[row.kind].rejected += 1;
      this.reject({
        kind: row.kind,
        id: row.id,
        ...(row.line === null ? {} : { line: row.line }),
        ...(row.idx === null ? {} : { index: row.idx }),
        pointer,
        reason,
      });
    };
    for (const row of missing) {
      rejectAt(
        row,
        `${row.pointer}/citations/${row.i}/excerpt`,
        `the excerpt is not in the text of source '${row.source}' (it must occur there exactly, with the same spacing)`,
      );
    }
    // In the order of the excerpts in the old text (citations_source_idx's), said so that the
    // report does not depend on the order the citations' rows were written in.
    const orphaned = sqlite
      .prepare(
        `select s.seq, s.kind, s.id, s.line, s.idx, s.pointer,
           c.subject_kind as subject_kind, c.subject_id as subject_id, c.ordinal as ordinal
         from import_texts t join import_staging s on s.kind = 'sources' and s.id = t.id
         join citations c on c.source_id = t.id
         where instr(t.text, c.excerpt) = 0
           and not exists (select 1 from import_staging w
                           where w.singular = c.subject_kind and w.id = c.subject_id and w.rejected = 0)
         order by s.seq, c.start_offset, c.subject_kind, c.subject_id, c.ordinal`,
      )
      .all() as (StagedLocation & { subject_kind: string; subject_id: string; ordinal: number })[];
    for (const row of orphaned) {
      rejectAt(
        row,
        `${row.pointer}/text`,
        `the text lacks the excerpt ${row.subject_kind} '${row.subject_id}' cites from it (citations/${row.ordinal}): change that record in the same input, or keep the excerpt in the text`,
      );
    }
    sqlite.exec('drop table temp.import_texts');
  }

  /**
   * Rejects every staged record with a reference that resolves neither to the database nor to a
   * staged record that is not itself rejected, until no more are found: a record that points at
   * a rejected record is rejected too.
   */
  private resolveReferences(): void {
    const sqlite = this.db.$client;
    const markRejected = sqlite.prepare(
      'update import_staging set rejected = 1 where seq = ? and rejected = 0',
    );
    for (;;) {
      let found = 0;
      for (const target of KIND_NAMES) {
        const tableName = getTableName(kindOf(target).table);
        const dangling = sqlite
          .prepare(
            `select r.seq, r.pointer, r.ref_id, s.kind, s.id, s.line, s.idx
             from import_refs r join import_staging s on s.seq = r.seq
             where r.ref_kind = ? and s.rejected = 0
               and not exists (select 1 from import_staging t
                               where t.kind = r.ref_kind and t.id = r.ref_id and t.rejected = 0)
               and not exists (select 1 from "${tableName}" x where x.id = r.ref_id)`,
          )
          .all(target) as {
          seq: number;
          pointer: string;
          ref_id: string;
          kind: KindName;
          id: string;
          line: number | null;
          idx: number | null;
        }[];
        for (const ref of dangling) {
          const alreadyRejected = markRejected.run(ref.seq).changes === 0;
          if (!alreadyRejected) this.counts[ref.kind].rejected += 1;
          found += 1;
          this.reject({
            kind: ref.kind,
            id: ref.id,
            ...(ref.line === null ? {} : { line: ref.line }),
            ...(ref.idx === null ? {} : { index: ref.idx }),
            pointer: ref.pointer,
            reason: `refers to ${kindOf(target).singular} '${ref.ref_id}', which exists neither in the database nor (valid) in this input`,
          });
        }
      }
      if (found === 0) return;
    }
  }

  /**
   * Sorts the valid staged records into `create`, `update` and `unchanged`: which exist is one
   * statement a kind; only those that exist are read back and compared, before any write.
   */
  private classify(): void {
    const sqlite = this.db.$client;
    for (const kind of KIND_NAMES) {
      // An empty table holds none of them: its staged records are not read at all (the 100k
      // bundle into an empty database spent 0.54 s reading them to find that out).
      const held = sqlite
        .prepare(`select exists (select 1 from "${getTableName(kindOf(kind).table)}")`)
        .pluck()
        .get();
      if (!held) continue;
      sqlite
        .prepare(
          `insert into import_existing (seq, kind, action)
           select s.seq, s.kind, 'compare' from import_staging s
           where s.kind = ? and s.rejected = 0
             and exists (select 1 from "${getTableName(kindOf(kind).table)}" x where x.id = s.id)`,
        )
        .run(kind);
    }
    // A kind at a time, so that each batch of stored records is read by a few statements.
    const batch = sqlite.prepare(
      `select s.seq, s.kind, s.id, s.record from import_existing e join import_staging s using (seq)
       where e.kind = ? and e.seq > ? order by e.seq limit ?`,
    );
    // An update keeps the stored record beside it: the writer then writes only what differs.
    const mark = sqlite.prepare('update import_existing set action = ?, stored = ? where seq = ?');
    for (const kind of KIND_NAMES) {
      for (let after = 0; ; ) {
        const rows = batch.all(kind, after, STAGE_BATCH) as StagedRow[];
        if (rows.length === 0) break;
        const stored = readRecords(
          this.db,
          kind,
          rows.map((row) => row.id),
        );
        for (const row of rows) {
          const before = stored.get(row.id) ?? null;
          const same = sameRecord(before, JSON.parse(row.record));
          mark.run(same ? 'unchanged' : 'update', same ? null : JSON.stringify(before), row.seq);
        }
        after = (rows.at(-1) as StagedRow).seq;
      }
    }
    type Count = { kind: KindName; n: number };
    const staged = sqlite
      .prepare('select kind, count(*) as n from import_staging group by kind')
      .all() as Count[];
    for (const { kind, n } of staged) this.counts[kind].created += n;
    const rejected = sqlite
      .prepare('select kind, count(*) as n from import_staging where rejected = 1 group by kind')
      .all() as Count[];
    for (const { kind, n } of rejected) this.counts[kind].created -= n;
    const existing = sqlite
      .prepare('select kind, action, count(*) as n from import_existing group by kind, action')
      .all() as { kind: KindName; action: 'update' | 'unchanged'; n: number }[];
    for (const { kind, action, n } of existing) {
      this.counts[kind].created -= n;
      this.counts[kind][action === 'update' ? 'updated' : 'unchanged'] += n;
    }
  }

  /**
   * Whether to load in bulk (src/db/derived.ts): when the import brings at least as many records
   * as the database holds (so always into an empty one), building every index and the full-text
   * index once, at the end, costs less than keeping them row by row. The database's size is
   * estimated from each table's largest rowid: exact unless rows were deleted, and free.
   */
  private isBulk(): boolean {
    const sqlite = this.db.$client;
    const records = sqlite
      .prepare(
        `select (select count(*) from import_staging)
           - (select count(*) from import_staging where rejected = 1)`,
      )
      .pluck()
      .get() as number;
    let held = 0;
    for (const kind of KIND_NAMES) {
      held += sqlite
        .prepare(`select coalesce(max(rowid), 0) from "${getTableName(kindOf(kind).table)}"`)
        .pluck()
        .get() as number;
    }
    return records >= held;
  }

  /** Writes every created or updated record, the derived data kept by set (src/db/derived.ts). */
  private write(bulk: boolean, onPhase?: (phase: ImportPhase) => void): void {
    const sqlite = this.db.$client;
    const toWrite = KIND_NAMES.reduce(
      (n, kind) => n + this.counts[kind].created + this.counts[kind].updated,
      0,
    );
    if (toWrite === 0) return;
    onPhase?.('writing');
    if (!bulk) sqlite.pragma('defer_foreign_keys = ON');
    const suspended = suspendDerived(sqlite, { indexes: bulk });
    // Kind by kind, sources first (a citation's offsets are found in its source's text as it is
    // written), each in id order (the primary key's index is then filled from one end).
    const batch = sqlite.prepare(
      `select s.seq, s.kind, s.id, s.record, coalesce(e.action, 'create') as action, e.stored
       from import_staging s left join import_existing e using (seq)
       where s.kind = ? and s.id > ? and s.rejected = 0 and e.action is not 'unchanged'
       order by s.id limit ?`,
    );
    for (const kind of KIND_NAMES) {
      for (let after = ''; ; ) {
        const rows = batch.all(kind, after, STAGE_BATCH) as (StagedRow & {
          action: string;
          stored: string | null;
        })[];
        if (rows.length === 0) break;
        for (const row of rows) {
          const record = JSON.parse(row.record) as RecordOf;
          const before = row.stored === null ? null : (JSON.parse(row.stored) as RecordOf);
          writeRecord(this.db, row.kind, record, before);
        }
        after = (rows.at(-1) as StagedRow).id;
      }
    }
    onPhase?.('indexing');
    if (bulk) {
      restoreDerived(sqlite, suspended, 'all');
      return;
    }
    // Named: new, or a name other than the stored one (e.stored is the stored record's JSON).
    sqlite.exec(`
      create temp table derived_scope (kind text not null, id text not null, named integer not null);
      insert into derived_scope select s.singular, s.id,
          e.stored is null or json_extract(e.stored, '$.name') is not json_extract(s.record, '$.name')
        from import_staging s left join import_existing e using (seq)
        where s.rejected = 0 and e.action is not 'unchanged';
      create index temp.derived_scope_key on derived_scope (kind, id);`);
    restoreDerived(sqlite, suspended, 'listed');
    sqlite.exec('drop table temp.derived_scope');
  }

  /**
   * Checks references, sorts the records, then writes (or, on a dry run or a rejection, only
   * counts). `record` is told the report inside the write transaction (or after, when nothing is
   * written), so what it writes (the import log) commits with the data or not at all.
   */
  finish(
    onPhase?: (phase: ImportPhase) => void,
    record?: (report: ImportReport) => void,
  ): ImportReport {
    onPhase?.('checking');
    this.expandReferences();
    this.rejectDuplicates();
    this.checkExcerpts();
    this.resolveReferences();
    const rejected = this.rejectionCount > 0;
    const write = !this.options.dryRun && !(rejected && this.options.mode === 'all');
    const sqlite = this.db.$client;
    let report: ImportReport | undefined;
    if (write) {
      // A bulk load writes with the foreign keys off (SQLite only switches them outside a
      // transaction): with a parent's index gone, every deferred check would scan its children.
      // The references were all checked above; foreign_key_check proves it before the commit.
      const bulk = this.isBulk();
      // A staging copy of another database holds stored records without all they refer to: its
      // owner turns its keys off, and the database written in the end checks them
      // (src/bundle/postgres/stored.ts). Its dangling keys are then no sign of a fault.
      const keysOn = sqlite.pragma('foreign_keys', { simple: true }) === 1;
      if (bulk) sqlite.pragma('foreign_keys = OFF');
      // A 64 MiB page cache while an import into a loaded database writes, given back after:
      // with SQLite's default 2 MiB, the index pages it touches at random are read again and
      // again (10,000 records into the 100k database wrote in 1.83 s, in 1.19 s with 64 MiB). A
      // bulk load appends and builds its indexes by sorting: it gains nothing, for 50 MB of RSS.
      const cacheSize = sqlite.pragma('cache_size', { simple: true }) as number;
      if (!bulk) sqlite.pragma('cache_size = -65536');
      const journaled = bulk && this.options.soleConnection === true && rollbackJournal(sqlite);
      try {
        sqlite
          .transaction(() => {
            this.classify();
            this.write(bulk, onPhase);
            if (bulk && keysOn) assertNoDanglingKeys(sqlite);
            report = this.report(true);
            record?.(report);
          })
          .immediate();
      } finally {
        sqlite.pragma(`cache_size = ${cacheSize}`);
        if (bulk && keysOn) sqlite.pragma('foreign_keys = ON');
        if (journaled) backToWal(sqlite);
      }
    } else if (this.options.dryRun) this.classify();
    sqlite.exec(
      'drop table temp.import_staging; drop table temp.import_refs; drop table temp.import_existing;',
    );
    if (report) return report;
    const unwritten = this.report(false);
    record?.(unwritten);
    return unwritten;
  }

  private report(written: boolean): ImportReport {
    const totals = emptyCounts();
    totals.rejected = this.unattributed;
    for (const kind of KIND_NAMES) {
      for (const key of Object.keys(totals) as (keyof KindCounts)[])
        totals[key] += this.counts[kind][key];
    }
    const status = this.options.dryRun ? 'validated' : written ? 'imported' : 'rejected';
    if (status === 'rejected') {
      // Nothing was written: what would have been created or updated was not.
      for (const kind of KIND_NAMES) {
        this.counts[kind].created = 0;
        this.counts[kind].updated = 0;
        this.counts[kind].unchanged = 0;
      }
      totals.created = totals.updated = totals.unchanged = 0;
    }
    return {
      status,
      mode: this.options.mode,
      dry_run: this.options.dryRun,
      counts: this.counts,
      totals,
      rejections: this.rejections,
      rejections_truncated: this.rejectionCount > this.rejections.length,
    };
  }
}
