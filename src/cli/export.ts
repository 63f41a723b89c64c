/**
 * npm run export: writes the knowledge base (or a part of it) as a bundle that `npm run import`
 * takes back, from the database at DATABASE_PATH (or, with DATABASE_URL set, the PostgreSQL
 * server: the same bytes for the same data) or from a server with --url. Stdout carries the
 * export and nothing else; messages go to stderr.
 */
import { createWriteStream, renameSync, rmSync, statSync } from 'node:fs';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type ExportOptions, exportChunks } from '../bundle/export.js';
import { exportChunksPostgres } from '../bundle/postgres/export.js';
import { type Config, loadConfig, redactUrl } from '../config.js';
import { postgresPool } from '../db/pg-pool.js';
import { migratePostgres } from '../db/postgres.js';
import { EXPORT_FORMATS } from '../domain/bundle-formats.js';
import { partialDateError } from '../domain/partial-date.js';
import { KIND_NAMES, type KindName, kindNamed } from '../kinds/index.js';
import {
  Failure,
  oneOf,
  openLocalDatabase,
  parseCommand,
  runCommand,
  serverUrl,
} from './command.js';
import { describeAnswer, readJson, send } from './http.js';
import { formatBytes } from './progress.js';

const USAGE = `Usage: npm run export -- [options]

Writes the knowledge base, or a part of it, as a bundle that npm run import takes back: from the
database at DATABASE_PATH (or the PostgreSQL server at DATABASE_URL), or from a server with --url. Records come in a fixed order, so the
same data always gives the same bytes.

Options:
  --format FORMAT  json (one bundle object, the default), ndjson (one record a line), or csv
                   (the columns the CSV import takes; one kind, named by --kind)
  --kind KINDS     only these kinds, comma-separated (events,statements)
  --from DATE      dated records reaching this partial date (1950, 1950-06, 1950-06-25)
  --to DATE        dated records starting by this date
  --url URL        export from the server at URL (http://localhost:3000) instead
  --out FILE       write to FILE (complete or not at all) instead of stdout
  -h, --help       show this help

Through npm, pass -s (npm run -s export -- ...) or --out: npm prints its own banner on stdout.

Exit status: 0 written; 2 not written, or not whole (bad usage, no database, an unreachable
server, an answer broken off).
`;

function partialDate(option: string, value: string | undefined): string | undefined {
  const error = value === undefined ? null : partialDateError(value);
  if (error) throw new Failure(`--${option}: ${error}`, true);
  return value;
}

function kindsOf(list: string | undefined): KindName[] | undefined {
  if (list === undefined) return undefined;
  return list
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean)
    .map((name) => {
      const kind = kindNamed(name)?.name;
      if (!kind)
        throw new Failure(`--kind: '${name}' is not one of ${KIND_NAMES.join(', ')}`, true);
      return kind;
    });
}

/** Copies the export to stdout, or to a file that appears only once it is complete. */
async function writeOut(source: Readable, out: string | undefined): Promise<void> {
  if (out === undefined) {
    try {
      await pipeline(source, process.stdout as Writable);
    } catch (error) {
      // The reader went away (`| head`): what it wanted, it has.
      if ((error as NodeJS.ErrnoException).code !== 'EPIPE') throw error;
    }
    return;
  }
  const partial = `${out}.partial`;
  try {
    await pipeline(source, createWriteStream(partial));
    renameSync(partial, out);
  } catch (error) {
    rmSync(partial, { force: true });
    if (error instanceof Failure) throw error;
    throw new Failure(`${out} was not written: ${(error as Error).message}`);
  }
  process.stderr.write(`wrote ${formatBytes(statSync(out).size)} to ${out}\n`);
}

/** The configuration, or a Failure saying what is wrong with it. */
function localConfig(): Config {
  try {
    return loadConfig();
  } catch (error) {
    throw new Failure((error as Error).message);
  }
}

/** The export from the PostgreSQL server at `url`, migrated first as a SQLite file would be. */
async function exportFromPostgres(url: string, options: ExportOptions, out?: string) {
  const pool = postgresPool({ connectionString: url, max: 1 });
  try {
    await migratePostgres(pool);
    await writeOut(Readable.from(exportChunksPostgres(pool, options), { objectMode: false }), out);
  } catch (error) {
    if (error instanceof Failure) throw error;
    throw new Failure(`the export from ${redactUrl(url)} failed: ${(error as Error).message}`);
  } finally {
    await pool.end();
  }
}

async function exportRemotely(url: string, options: ExportOptions, out?: string): Promise<void> {
  const query = new URLSearchParams({ format: options.format });
  if (options.kinds) query.set('kind', options.kinds.join(','));
  if (options.from) query.set('from', options.from);
  if (options.to) query.set('to', options.to);
  const { response, close } = await send(`${url}/v1/export?${query}`, { method: 'GET' });
  try {
    if (response.statusCode !== 200) {
      const answer = await readJson(response);
      throw new Failure(`the server answered ${describeAnswer(response.statusCode ?? 0, answer)}`);
    }
    await writeOut(response, out);
  } catch (error) {
    if (error instanceof Failure) throw error;
    throw new Failure(`the export from ${url} broke off: ${(error as Error).message}`);
  } finally {
    close();
  }
}

await runCommand('export', async () => {
  const { values, positionals } = parseCommand(process.argv.slice(2), {
    format: { type: 'string' },
    kind: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    url: { type: 'string' },
    out: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (positionals.length > 0) {
    throw new Failure(
      `unexpected argument '${positionals[0]}' (to write a file: --out FILE)`,
      true,
    );
  }
  const options: ExportOptions = {
    format: oneOf('format', values.format ?? 'json', EXPORT_FORMATS),
    kinds: kindsOf(values.kind),
    from: partialDate('from', values.from),
    to: partialDate('to', values.to),
  };
  if (options.format === 'csv' && options.kinds?.length !== 1) {
    throw new Failure(
      '--format csv holds one kind of record: name it with --kind (--kind events)',
      true,
    );
  }
  if (values.url !== undefined) {
    await exportRemotely(serverUrl(values.url), options, values.out);
    return 0;
  }
  const config = localConfig();
  if (config.backend === 'postgres') {
    await exportFromPostgres(config.DATABASE_URL ?? '', options, values.out);
    return 0;
  }
  const db = openLocalDatabase({ mustExist: true });
  try {
    await writeOut(Readable.from(exportChunks(db, options), { objectMode: false }), values.out);
  } finally {
    db.$client.close();
  }
  return 0;
});
