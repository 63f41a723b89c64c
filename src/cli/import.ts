/**
 * npm run import -- FILE: imports a file into the database at DATABASE_PATH, or into a server
 * with --url, through the same pipeline as POST /v1/imports. Prints the report on stdout and the
 * progress on stderr; the exit status says whether everything went in (0), records were rejected
 * (1), or nothing was done (2).
 */
import { createReadStream, statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { Readable } from 'node:stream';
import type { ImportPhase } from '../bundle/import.js';
import { importIntoPostgres } from '../bundle/postgres/import.js';
import { CSV_KINDS, type CsvKind } from '../bundle/readers.js';
import type { ImportRecord } from '../bundle/report.js';
import { type ImportInput, type ImportRun, runImport } from '../bundle/run.js';
import { commandApiKey, loadConfig, redactUrl } from '../config.js';
import { postgresPool } from '../db/pg-pool.js';
import { migratePostgres } from '../db/postgres.js';
import { IMPORT_FORMATS, type ImportFormat } from '../domain/bundle-formats.js';
import { kindNamed } from '../kinds/index.js';
import {
  Failure,
  oneOf,
  openLocalDatabase,
  parseCommand,
  runCommand,
  serverUrl,
} from './command.js';
import { describeAnswer, readJson, send } from './http.js';
import { createProgress, formatBytes, type Progress } from './progress.js';
import { exitStatusOf, formatReport } from './report.js';

const USAGE = `Usage: npm run import -- FILE [options]

Imports a bundle (.json), records a line (.ndjson, .jsonl) or one kind of record a row (.csv)
into the database at DATABASE_PATH (or the PostgreSQL database at DATABASE_URL), or into a
server with --url. All or nothing by default.

Options:
  --dry-run        validate and count what would change; write nothing
  --partial        write the valid records even when others are rejected
  --format FORMAT  json, ndjson or csv (default: from the file's extension)
  --kind KIND      the kind of record in a CSV file (default: from its name, as in places.csv)
  --url URL        import into the server at URL (http://localhost:3000) instead
  --key KEY        the server's API key (default: the ANNALS_KEY environment variable)
  -h, --help       show this help

Exit status: 0 all imported (or, with --dry-run, all valid); 1 records were rejected;
2 nothing was done (bad usage, an unreadable file, an unreachable server, a refused key).
`;

/** A JSON bundle is read whole: the ceiling POST /v1/imports has, so what imports here imports there. */
const MAX_JSON_BYTES = 64 * 1024 * 1024;

const FORMAT_OF_EXTENSION: Record<string, ImportFormat> = {
  '.json': 'json',
  '.ndjson': 'ndjson',
  '.jsonl': 'ndjson',
  '.csv': 'csv',
};

const MEDIA_TYPE: Record<ImportFormat, string> = {
  json: 'application/json',
  ndjson: 'application/x-ndjson',
  csv: 'text/csv',
};

interface Plan {
  file: string;
  size: number;
  format: ImportFormat;
  kind?: CsvKind;
  mode: 'all' | 'partial';
  dryRun: boolean;
  server?: { url: string; key: string };
}

/** The kind of a CSV file: --kind, or its name (`places.csv`, `people-2024.csv`). */
function csvKind(file: string, given: string | undefined): CsvKind {
  const name = basename(file, extname(file)).toLowerCase();
  const candidates = given === undefined ? [name, name.split(/[-_.\s]/)[0]] : [given];
  for (const candidate of candidates) {
    const kind = kindNamed(candidate)?.name;
    if ((CSV_KINDS as readonly string[]).includes(kind ?? '')) return kind as CsvKind;
  }
  if (given !== undefined) {
    throw new Failure(`--kind is one of ${CSV_KINDS.join(', ')}, not '${given}'`, true);
  }
  throw new Failure(
    `which kind of record does ${file} hold? Pass --kind (${CSV_KINDS.join(', ')}), or name the file after it (places.csv)`,
    true,
  );
}

function sizeOf(file: string): number {
  try {
    const stat = statSync(file);
    if (!stat.isFile()) throw new Failure(`${file} is not a file`);
    return stat.size;
  } catch (error) {
    if (error instanceof Failure) throw error;
    const { code, message } = error as NodeJS.ErrnoException;
    throw new Failure(`cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : message}`);
  }
}

function planImport(args: string[]): Plan | 'help' {
  const { values, positionals } = parseCommand(args, {
    'dry-run': { type: 'boolean' },
    partial: { type: 'boolean' },
    format: { type: 'string' },
    kind: { type: 'string' },
    url: { type: 'string' },
    key: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return 'help';
  const [file, ...extra] = positionals;
  if (file === undefined) throw new Failure('which file? npm run import -- FILE', true);
  if (extra.length > 0)
    throw new Failure(`one file at a time: '${extra[0]}' is one too many`, true);

  const format = values.format
    ? oneOf('format', values.format, IMPORT_FORMATS)
    : FORMAT_OF_EXTENSION[extname(file).toLowerCase()];
  if (!format) {
    throw new Failure(
      `cannot tell the format of ${file}: name it .json, .ndjson, .jsonl or .csv, or pass --format`,
      true,
    );
  }
  if (values.kind !== undefined && format !== 'csv') {
    throw new Failure(
      '--kind is for CSV files: JSON and NDJSON name the kind of each record',
      true,
    );
  }
  const kind = format === 'csv' ? csvKind(file, values.kind) : undefined;

  // The variable keeps the key out of the shell history and the process list, where --key would
  // show it.
  const key = values.key ?? commandApiKey();
  let server: Plan['server'];
  if (values.url !== undefined) {
    const url = serverUrl(values.url);
    if (!key) {
      throw new Failure('an import into a server needs an API key: --key KEY, or ANNALS_KEY', true);
    }
    server = { url, key };
  } else if (values.key !== undefined) {
    throw new Failure('--key goes with --url: a local import needs no key', true);
  }

  const size = sizeOf(file);
  if (format === 'json' && size > MAX_JSON_BYTES) {
    throw new Failure(
      `${file} is ${formatBytes(size)}: a JSON bundle is read whole, up to ${formatBytes(MAX_JSON_BYTES)}; import it as NDJSON instead`,
    );
  }
  const mode = values.partial ? 'partial' : 'all';
  return { file, size, format, kind, mode, dryRun: values['dry-run'] ?? false, server };
}

/** The file's bytes, counted for the progress display (and its lines, when asked). */
async function* readFile(
  file: string,
  progress: Progress,
  options: { countLines: boolean; afterwards: string },
): AsyncGenerator<Buffer> {
  let lines = 0;
  try {
    for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
      progress.bytes(chunk.length);
      if (options.countLines) {
        for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) lines += 1;
        progress.records(lines);
      }
      yield chunk;
    }
  } catch (error) {
    throw new Failure(`cannot read ${file}: ${(error as Error).message}`);
  }
  progress.note(options.afterwards);
}

/** What the progress line says once reading is over. */
const PHASE_NOTES: Record<ImportPhase, string> = {
  checking: 'checking references',
  writing: 'writing',
  indexing: 'building indexes and the search index',
};

async function importLocally(plan: Plan, progress: Progress): Promise<ImportRecord> {
  const afterwards = PHASE_NOTES.checking;
  const chunks = readFile(plan.file, progress, { countLines: false, afterwards });
  let input: ImportInput;
  if (plan.format === 'json') {
    const buffers: Buffer[] = [];
    for await (const chunk of chunks) buffers.push(chunk);
    // A leading byte-order mark is dropped, as the server's JSON parser drops it.
    const text = Buffer.concat(buffers)
      .toString('utf8')
      .replace(/^\uFEFF/, '');
    try {
      input = { format: 'json', bundle: JSON.parse(text) };
    } catch (error) {
      throw new Failure(`${plan.file} is not valid JSON: ${(error as Error).message}`);
    }
  } else if (plan.format === 'ndjson') input = { format: 'ndjson', stream: chunks };
  else input = { format: 'csv', kind: plan.kind as CsvKind, stream: chunks };

  const run = {
    mode: plan.mode,
    dryRun: plan.dryRun,
    keyName: 'local',
    onProgress: (read: number) => progress.records(read),
    checkThreads: importThreads(),
    onPhase: (phase: ImportPhase) => progress.note(PHASE_NOTES[phase]),
  };
  const url = databaseUrl();
  if (url !== undefined) return importIntoServer(url, input, run);
  const db = openLocalDatabase({ mustExist: false });
  try {
    // The command's connection is the file's only one unless a server has it open too: the
    // bulk load checks that when it switches journals (ImportOptions.soleConnection).
    return await runImport(db, input, { ...run, soleConnection: true });
  } finally {
    db.$client.close();
  }
}

/** The settings the command reads (a setting that does not parse is a usage error). */
function setting<K extends 'DATABASE_URL' | 'IMPORT_THREADS'>(key: K) {
  try {
    return loadConfig()[key];
  } catch (error) {
    throw new Failure((error as Error).message);
  }
}

/** DATABASE_URL when the backend is PostgreSQL. */
const databaseUrl = () => setting('DATABASE_URL');

/** The threads that check a large NDJSON file's lines (IMPORT_THREADS). */
const importThreads = () => setting('IMPORT_THREADS');

/** Into the PostgreSQL database at `url`, empty or not (src/bundle/postgres/import.ts). */
async function importIntoServer(url: string, input: ImportInput, run: ImportRun) {
  const pool = postgresPool({ connectionString: url, max: 1 });
  try {
    await migratePostgres(pool);
    return await importIntoPostgres(pool, input, run);
  } catch (error) {
    if (error instanceof Failure) throw error;
    throw new Failure(`the import into ${redactUrl(url)} failed: ${(error as Error).message}`);
  } finally {
    await pool.end();
  }
}

function isImportRecord(value: unknown): value is ImportRecord {
  const record = value as Partial<ImportRecord> | null;
  return (
    typeof record?.id === 'string' &&
    typeof record.report?.totals === 'object' &&
    typeof record.report.counts === 'object' &&
    Array.isArray(record.report.rejections)
  );
}

async function importRemotely(
  plan: Plan,
  server: NonNullable<Plan['server']>,
  progress: Progress,
): Promise<ImportRecord> {
  const query = new URLSearchParams();
  if (plan.mode === 'partial') query.set('mode', 'partial');
  if (plan.dryRun) query.set('dry_run', 'true');
  if (plan.kind) query.set('kind', plan.kind);
  const chunks = readFile(plan.file, progress, {
    countLines: plan.format !== 'json',
    afterwards: 'waiting for the server',
  });
  const { response, close } = await send(
    `${server.url}/v1/imports${query.size > 0 ? `?${query}` : ''}`,
    {
      method: 'POST',
      headers: {
        authorization: `Bearer ${server.key}`,
        'content-type': MEDIA_TYPE[plan.format],
        'content-length': plan.size,
        accept: 'application/json',
      },
      body: Readable.from(chunks, { objectMode: false }),
    },
  );
  try {
    const status = response.statusCode ?? 0;
    const answer = await readJson(response);
    if (status === 401 || status === 403) {
      throw new Failure(`the server refused the key: ${describeAnswer(status, answer)}`);
    }
    // A rejected import is a 422 problem whose `import` member is the report.
    const record = status === 422 ? (answer as { import?: unknown } | undefined)?.import : answer;
    if ([200, 201, 422].includes(status) && isImportRecord(record)) return record;
    throw new Failure(`the server did not import ${plan.file}: ${describeAnswer(status, answer)}`);
  } finally {
    close();
  }
}

await runCommand('import', async () => {
  const plan = planImport(process.argv.slice(2));
  if (plan === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  const progress = createProgress({ total: plan.size });
  let record: ImportRecord;
  try {
    record = plan.server
      ? await importRemotely(plan, plan.server, progress)
      : await importLocally(plan, progress);
  } finally {
    progress.done();
  }
  process.stdout.write(formatReport(record, plan.file));
  return exitStatusOf(record.report);
});
