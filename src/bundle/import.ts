/**
 * The import pipeline that the seed, the HTTP API and the command line share.
 *
 * Records arrive one at a time (from a JSON bundle, NDJSON lines or CSV rows) and are validated
 * by the bundle's zod schemas, then staged in temporary tables: memory stays bounded whatever the
 * input's size, and records may reference ids defined later in the same input. `finish()` then
 * checks every reference against the database and the staged records, and writes all in one
 * transaction: nothing at all when anything was rejected (unless `mode: 'partial'`), and nothing
 * at all on a dry run. Records equal to what is stored are counted unchanged and not rewritten.
 */
import type Sqlite from 'better-sqlite3';
import { getTableName } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import type { ImportMode } from '../domain/bundle-formats.js';
import { KIND_NAMES, type KindName, kindNamed, kindOf, type RecordOf } from '../kinds/index.js';
import { referencesOf } from '../records/references.js';
import { readRecord } from './records.js';
import type { ImportReport, KindCounts, Rejection } from './report.js';
import { writeRecord } from './writer.js';

export interface ImportOptions {
  mode: ImportMode;
  dryRun: boolean;
}

/** Where a record came from: its line (NDJSON, CSV) or index (JSON), and its JSON pointer. */
export interface Location {
  line?: number;
  index?: number;
  /** The pointer of the record itself in the input: `/events/3`, or `/record` on a line. */
  pointer: string;
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

export class ImportSession {
  private readonly counts = Object.fromEntries(KIND_NAMES.map((k) => [k, emptyCounts()])) as Record<
    KindName,
    KindCounts
  >;
  private readonly rejections: Rejection[] = [];
  private rejectionCount = 0;
  /** Inputs rejected before they had a kind (unreadable lines, unknown kinds, a bad envelope). */
  private unattributed = 0;
  private pending: { staged: unknown[]; refs: unknown[][] } = { staged: [], refs: [] };
  private seq = 0;

  constructor(
    private readonly db: Db,
    private readonly options: ImportOptions,
  ) {
    const sqlite = db.$client;
    sqlite.exec(`
      create temp table if not exists import_staging (
        seq integer primary key, kind text not null, id text not null,
        line integer, idx integer, pointer text not null, record text not null,
        rejected integer not null default 0);
      create unique index if not exists import_staging_key on import_staging(kind, id);
      create temp table if not exists import_refs (
        seq integer not null, pointer text not null, ref_kind text not null, ref_id text not null);
      create index if not exists import_refs_target on import_refs(ref_kind, ref_id);
      delete from import_staging;
      delete from import_refs;`);
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
    const kind = kindNamed(kindName)?.name;
    const id =
      typeof (input as { id?: unknown })?.id === 'string' ? (input as { id: string }).id : null;
    const where = { line: at.line, index: at.index };
    if (!kind) {
      this.reject({
        kind: null,
        id,
        ...where,
        pointer: at.line === undefined ? at.pointer : '/kind',
        reason: `unknown kind ${JSON.stringify(kindName)}: expected one of ${KIND_NAMES.join(', ')}`,
      });
      return;
    }
    const parsed = kindOf(kind).record.safeParse(input);
    if (!parsed.success) {
      this.counts[kind].rejected += 1;
      for (const issue of parsed.error.issues) {
        // An unknown field is named by its own pointer, one rejection per field.
        const fields = issue.code === 'unrecognized_keys' ? issue.keys : [undefined];
        for (const field of fields) {
          const path = field === undefined ? issue.path : [...issue.path, field];
          this.reject({
            kind,
            id,
            ...where,
            pointer: `${at.pointer}/${path.join('/')}`.replace(/\/$/, ''),
            reason: field === undefined ? issue.message : `unknown field '${field}'`,
          });
        }
      }
      return;
    }
    const record = parsed.data as RecordOf;
    this.seq += 1;
    this.pending.staged.push([
      this.seq,
      kind,
      record.id,
      at.line ?? null,
      at.index ?? null,
      at.pointer,
      JSON.stringify(record),
    ]);
    for (const ref of referencesOf(kindOf(kind), record)) {
      this.pending.refs.push([this.seq, `${at.pointer}${ref.pointer}`, ref.kind, ref.id]);
    }
    if (this.pending.staged.length >= STAGE_BATCH) this.flush();
  }

  /** Writes staged records to the temp tables; a duplicate id in the input is rejected. */
  private flush(): void {
    const sqlite = this.db.$client;
    const stage = sqlite.prepare(
      'insert or ignore into import_staging (seq, kind, id, line, idx, pointer, record) values (?, ?, ?, ?, ?, ?, ?)',
    );
    const first = sqlite.prepare(
      'select line, idx, pointer from import_staging where kind = ? and id = ?',
    );
    const addRef = sqlite.prepare(
      'insert into import_refs (seq, pointer, ref_kind, ref_id) values (?, ?, ?, ?)',
    );
    const duplicates = new Set<number>();
    sqlite.transaction(() => {
      for (const row of this.pending.staged as [
        number,
        KindName,
        string,
        number | null,
        number | null,
        string,
        string,
      ][]) {
        if (stage.run(...row).changes === 0) {
          const [seq, kind, id, line, index, pointer] = row;
          const earlier = first.get(kind, id) as {
            line: number | null;
            idx: number | null;
            pointer: string;
          };
          duplicates.add(seq);
          this.counts[kind].rejected += 1;
          this.reject({
            kind,
            id,
            ...(line === null ? {} : { line }),
            ...(index === null ? {} : { index }),
            pointer: `${pointer}/id`,
            reason: `the id '${id}' is defined twice in this input (first at ${earlier.line === null ? earlier.pointer : `line ${earlier.line}`})`,
          });
        }
      }
      for (const ref of this.pending.refs) {
        if (!duplicates.has(ref[0] as number)) addRef.run(...ref);
      }
    })();
    this.pending = { staged: [], refs: [] };
  }

  /**
   * Rejects every staged record with a reference that resolves neither to the database nor to a
   * staged record that is not itself rejected, until no more are found: a record that points at
   * a rejected record is rejected too.
   */
  private resolveReferences(): void {
    const sqlite = this.db.$client;
    const markRejected = sqlite.prepare('update import_staging set rejected = 1 where seq = ?');
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

  /** Checks references, then writes (or, on a dry run or a rejection, only counts). */
  /**
   * `record` is told the report inside the write transaction (or after, when nothing is
   * written), so what it writes (the import log) commits with the data or not at all.
   */
  finish(record?: (report: ImportReport) => void): ImportReport {
    this.flush();
    this.resolveReferences();
    const rejected = this.rejectionCount > 0;
    const write = !this.options.dryRun && !(rejected && this.options.mode === 'all');
    const sqlite = this.db.$client;
    const batch = sqlite.prepare(
      'select seq, kind, id, record from import_staging where rejected = 0 and seq > ? order by seq limit ?',
    );
    // Most records of a large import are new: a prepared existence check spares them the full
    // read (the record with its children and citations) that comparing needs.
    const exists = Object.fromEntries(
      KIND_NAMES.map((kind) => [
        kind,
        sqlite.prepare(`select 1 from "${getTableName(kindOf(kind).table)}" where id = ?`).pluck(),
      ]),
    ) as Record<KindName, Sqlite.Statement<[string], number>>;
    const apply = () => {
      if (write) sqlite.pragma('defer_foreign_keys = ON');
      let after = 0;
      for (;;) {
        const rows = batch.all(after, STAGE_BATCH) as StagedRow[];
        if (rows.length === 0) break;
        for (const row of rows) {
          const record = JSON.parse(row.record) as RecordOf;
          const stored = exists[row.kind].get(row.id)
            ? readRecord(this.db, row.kind, row.id)
            : null;
          const counts = this.counts[row.kind];
          if (stored && sameRecord(stored, record)) counts.unchanged += 1;
          else {
            if (stored) counts.updated += 1;
            else counts.created += 1;
            if (write) writeRecord(this.db, row.kind, record);
          }
        }
        after = (rows[rows.length - 1] as StagedRow).seq;
      }
    };
    let report: ImportReport | undefined;
    if (write) {
      sqlite
        .transaction(() => {
          apply();
          report = this.report(true);
          record?.(report);
        })
        .immediate();
    } else if (this.options.dryRun) apply();
    sqlite.exec('delete from import_staging; delete from import_refs;');
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
