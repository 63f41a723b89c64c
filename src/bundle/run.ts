/**
 * One import from start to end, as the HTTP API and the command line run it: feed the session
 * from the input, finish it, and record it in the import log.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/database.js';
import { imports } from '../db/tables/imports.js';
import type { ImportMode } from '../domain/bundle-formats.js';
import { type ImportPhase, ImportSession } from './import.js';
import { addBundle, addCsv, addNdjson, type CsvKind } from './readers.js';
import type { ImportRecord } from './report.js';

export type ImportInput =
  | { format: 'json'; bundle: unknown }
  | { format: 'ndjson'; stream: AsyncIterable<Buffer | string> }
  | { format: 'csv'; kind: CsvKind; stream: AsyncIterable<Buffer | string> };

export interface ImportRun {
  mode: ImportMode;
  dryRun: boolean;
  /** Who ran it: the API key's name, or `local` on the command line. */
  keyName: string;
  /** Told each line or record as it is read, for progress bars. */
  onProgress?: (line: number) => void;
  /** Told when reading is over and each later phase starts, so a long import never looks stuck. */
  onPhase?: (phase: ImportPhase) => void;
}

export async function runImport(db: Db, input: ImportInput, run: ImportRun): Promise<ImportRecord> {
  const startedAt = new Date().toISOString();
  const session = new ImportSession(db, { mode: run.mode, dryRun: run.dryRun });
  if (input.format === 'json') addBundle(session, input.bundle);
  else if (input.format === 'ndjson') await addNdjson(session, input.stream, run.onProgress);
  else await addCsv(session, input.kind, input.stream, run.onProgress);
  const id = randomUUID();
  let record: ImportRecord | undefined;
  // Logged inside the import's own transaction: a crash leaves the data and its log together.
  session.finish(run.onPhase, (report) => {
    record = {
      id,
      started_at: startedAt,
      finished_at: new Date().toISOString(),
      key_name: run.keyName,
      format: input.format,
      mode: run.mode,
      dry_run: run.dryRun,
      status: report.status,
      report,
    };
    db.insert(imports)
      .values({
        id,
        startedAt: record.started_at,
        finishedAt: record.finished_at,
        keyName: record.key_name,
        format: record.format,
        mode: record.mode,
        dryRun: record.dry_run,
        status: record.status,
        report,
      })
      .run();
  });
  if (!record) throw new Error('the import finished without a report');
  return record;
}
