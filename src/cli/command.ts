/**
 * What the import and export commands share: arguments parsed with node:util, the local database,
 * and one way to fail. A command answers its exit status; a `Failure` is exit 2 (nothing was done), with a hint
 * to `--help` when the command line itself was wrong.
 */
import { existsSync } from 'node:fs';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { type Db, migrateDatabase, openDatabase } from '../db/database.js';

/** Exit 2: bad usage, an unreadable file, an unreachable server, a refused key. */
export class Failure extends Error {
  constructor(
    message: string,
    readonly usage = false,
  ) {
    super(message);
  }
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** The command line, strictly: an unknown option or a missing value is a usage error. */
export function parseCommand<const O extends Options>(args: string[], options: O) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new Failure((error as Error).message, true);
  }
}

/** One of a few allowed values for an option, or a usage error naming them. */
export function oneOf<T extends string>(option: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new Failure(`--${option} is one of ${allowed.join(', ')}, not '${value}'`, true);
}

/** A server's base URL (http or https, any path prefix), without its trailing slash. */
export function serverUrl(value: string): string {
  if (!URL.canParse(value) || !['http:', 'https:'].includes(new URL(value).protocol)) {
    throw new Failure(
      `--url takes an http(s) URL like http://localhost:3000, not '${value}'`,
      true,
    );
  }
  return value.replace(/\/+$/, '');
}

/**
 * The database at DATABASE_PATH, migrated, as the server would open it. An export wants one that
 * exists; an import creates it.
 */
export function openLocalDatabase(options: { mustExist: boolean }): Db {
  let path: string;
  try {
    path = loadConfig().DATABASE_PATH;
  } catch (error) {
    throw new Failure((error as Error).message);
  }
  if (options.mustExist && path !== ':memory:' && !existsSync(path)) {
    throw new Failure(`no database at ${path}: set DATABASE_PATH, or pass --url to use a server`);
  }
  const db = openDatabase(path);
  try {
    migrateDatabase(db);
  } catch (error) {
    db.$client.close();
    throw error;
  }
  return db;
}

/** Runs a command and sets the exit status; messages go to stderr, never to stdout. */
export async function runCommand(name: string, main: () => Promise<number>): Promise<void> {
  try {
    process.exitCode = await main();
  } catch (error) {
    if (error instanceof Failure) {
      process.stderr.write(`annals ${name}: ${error.message}\n`);
      if (error.usage) process.stderr.write(`Run 'npm run ${name} -- --help' for usage.\n`);
    } else {
      process.stderr.write(`annals ${name}: ${(error as Error).stack ?? String(error)}\n`);
    }
    process.exitCode = 2;
  }
}
