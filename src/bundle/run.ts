/**
 * One import from start to end, as the HTTP API and the command line run it: feed the session
 * from the input, finish it, and record it in the import log.
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { imports } from '../db/tables/imports.js';
import type { ImportMode } from '../domain/bundle-formats.js';
import { type ImportPhase, ImportSession } from './import.js';
import { addBundle, addCsv, addNdjson, type CsvKind } from './readers.js';
import type { ImportRecord, ImportReport } from './report.js';

export type ImportInput =
  | { format: 'json'; bundle: unknown }
  | { format: 'ndjson'; stream: AsyncIterable<Buffer | string> }
  | { format: 'csv'; kind: CsvKind; stream: AsyncIterable<Buffer | string> };

export interface ImportRun {
  mode: ImportMode;
  dryRun: boolean;
  /** Who ran it: the API key's name, or `local` on the command line. */
  keyName: string;
  /** Told how many lines (NDJSON) or records (CSV, JSON) have been read so far, for progress bars. */
  onProgress?: (line: number) => void;
  /** Told when reading is over and each later phase starts, so a long import never looks stuck. */
  onPhase?: (phase: ImportPhase) => void;
  /** The caller holds the file's only connection (ImportOptions.soleConnection). */
  soleConnection?: boolean;
  /** Threads that check a large NDJSON input's lines (addNdjson); 0 or none: this thread alone. */
  checkThreads?: number;
}

/** What the import log says of an import besides its report. */
export interface LoggedImport {
  startedAt: string;
  keyName: string;
  format: ImportInput['format'];
  run: { mode: ImportMode; dryRun: boolean };
  /**
   * The line's id when no line has it yet (the seed's is its text's, see seed.ts: the same seed
   * loaded again into a database it was deleted from logs a second line); a random UUID otherwise.
   */
  id?: string;
}

const isLogged = (db: Db, id: string) =>
  db.select({ id: imports.id }).from(imports).where(eq(imports.id, id)).get() !== undefined;

/**
 * The callback `ImportSession.finish` tells the report to: it writes the import's line of the
 * import log (in the import's transaction) and hands the record to `done`. With `onlyChanges`, an
 * import that changed nothing leaves no line (the seed loaded again).
 */
export function logImport(
  db: Db,
  logged: LoggedImport,
  done: (record: ImportRecord) => void = () => {},
  onlyChanges = false,
): (report: ImportReport) => void {
  return (report) => {
    const record: ImportRecord = {
      id: logged.id && !isLogged(db, logged.id) ? logged.id : randomUUID(),
      started_at: logged.startedAt,
      finished_at: new Date().toISOString(),
      key_name: logged.keyName,
      format: logged.format,
      mode: logged.run.mode,
      dry_run: logged.run.dryRun,
      status: report.status,
      report,
    };
    done(record);
    if (onlyChanges && report.totals.created + report.totals.updated === 0) return;
    db.insert(imports).values(importLogRow(record)).run();
  };
}

/** An import's line of the import log as a row, for either backend's `imports` table. */
export function importLogRow(record: ImportRecord) {
  return {
    id: record.id,
    startedAt: record.started_at,
    finishedAt: record.finished_at,
    keyName: record.key_name,
    format: record.format,
    mode: record.mode,
    dryRun: record.dry_run,
    status: record.status,
    report: record.report,
  };
}

/** An import whose input has been read into its session, waiting for `finishImport`. */
export interface ReadImport {
  session: ImportSession;
  logged: LoggedImport;
}

/**
 * Reads the input into a new session on `db`: every record validated and staged, nothing checked
 * against the database yet. Throws (leaving nothing staged) when the input itself fails.
 */
export async function readImport(db: Db, input: ImportInput, run: ImportRun): Promise<ReadImport> {
  const startedAt = new Date().toISOString();
  const session = new ImportSession(db, {
    mode: run.mode,
    dryRun: run.dryRun,
    soleConnection: run.soleConnection,
  });
  try {
    if (input.format === 'json') addBundle(session, input.bundle);
    else if (input.format === 'ndjson')
      await addNdjson(session, input.stream, run.onProgress, run.checkThreads);
    else await addCsv(session, input.kind, input.stream, run.onProgress);
  } catch (error) {
    // The input failed (a broken stream, a refused body): nothing of it stays.
    session.abort();
    throw error;
  }
  const { mode, dryRun, keyName } = run;
  return { session, logged: { startedAt, keyName, format: input.format, run: { mode, dryRun } } };
}

/** Checks, writes (or not) and logs an import `readImport` read; answers its line of the log. */
export function finishImport(
  db: Db,
  { session, logged }: ReadImport,
  onPhase?: ImportRun['onPhase'],
): ImportRecord {
  let record: ImportRecord | undefined;
  // Logged inside the import's own transaction: a crash leaves the data and its log together.
  session.finish(
    onPhase,
    logImport(db, logged, (line) => {
      record = line;
    }),
  );
  if (!record) throw new Error('the import finished without a report');
  return record;
}

/**
 * One import into `db`. Split in two (readImport, finishImport) for an import into PostgreSQL,
 * which brings the stored records the input names into its staging database in between
 * (src/bundle/postgres/import.ts).
 */
export async function runImport(db: Db, input: ImportInput, run: ImportRun): Promise<ImportRecord> {
  return finishImport(db, await readImport(db, input, run), run.onPhase);
}
