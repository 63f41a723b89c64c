/**
 * Child process: the project's own import without the command (`--via runimport`): a fresh
 * database file, the migrations, then the NDJSON file streamed through runImport, with the time
 * to stage and the time to finish apart. Prints one JSON line.
 *
 *   node --import tsx bench/load/cli-import.ts <file.ndjson> <database>
 */
import { createReadStream } from 'node:fs';
import { runImport } from '../../src/bundle/run.js';
import { loadConfig } from '../../src/config.js';
import { migrateDatabase, openDatabase } from '../../src/db/database.js';
import { cpuSeconds, freshDatabase, peakRssMb } from './common.js';

const [file, path] = process.argv.slice(2) as [string, string];
freshDatabase(path);
const db = openDatabase(path);
migrateDatabase(db);

let lines = 0;
let readDone = 0;
const started = performance.now();
/** When each phase after reading began, in seconds from the start (for the profile in the notes). */
const phases: Record<string, number> = {};
const cpuStarted = cpuSeconds();
const record = await runImport(
  db,
  { format: 'ndjson', stream: createReadStream(file, { highWaterMark: 1 << 20 }) },
  {
    mode: 'all',
    dryRun: false,
    keyName: 'local',
    // As the command reads its file (IMPORT_THREADS).
    checkThreads: loadConfig().IMPORT_THREADS,
    onProgress: (line) => {
      lines = line;
      readDone = performance.now();
    },
    onPhase: (phase) => {
      phases[phase] = (performance.now() - started) / 1000;
    },
  },
);
const finished = performance.now();
const cpu = cpuSeconds() - cpuStarted;
db.$client.close();
const closed = performance.now();

console.log(
  JSON.stringify({
    seconds: (finished - started) / 1000,
    /** Reading, validating and staging every line (into an empty database, writing it too). */
    stageSeconds: (readDone - started) / 1000,
    /** Resolving references and writing, in one transaction. */
    finishSeconds: (finished - readDone) / 1000,
    closeSeconds: (closed - finished) / 1000,
    phases,
    cpuSeconds: cpu,
    lines,
    status: record.status,
    totals: record.report.totals,
    rejections: record.report.rejections.slice(0, 5),
    peakRssMb: peakRssMb(),
  }),
);
