/**
 * The environment: the server's configuration, parsed once at start, and the API key a command
 * sends to a server. Nothing else reads process.env.
 */
import { availableParallelism } from 'node:os';
import { z } from 'zod';

const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const isOrigin = (value: string) => URL.canParse(value) && new URL(value).origin === value;

/** `*`, or a comma-separated list of exact origins (`https://a.example,http://localhost:5173`). */
const corsOrigins = z
  .string()
  .trim()
  .min(1)
  .transform((raw) =>
    raw === '*'
      ? ('*' as const)
      : raw
          .split(',')
          .map((o) => o.trim())
          .filter(Boolean),
  )
  .refine((v) => v === '*' || (v.length > 0 && v.every(isOrigin)), {
    message: "expected '*' or origins like https://example.org (scheme, host, port; no path)",
  });

const KEY_NAME = /^[A-Za-z0-9_.-]{1,60}$/;
const SECRET_MIN = 16;

/**
 * API keys, comma-separated, each `name:secret` or a bare secret (named `key1`, `key2`... by its
 * place in the list). The name is what the import log and the server log show; the secret is never
 * shown. Secrets are 16 characters or more, with no `,`, `;` or space: a `;` or a space is taken
 * for a wrong separator and refused, never read as one long secret.
 */
const apiKeys = z.string().transform((raw, ctx) => {
  const keys: { name: string; secret: string }[] = [];
  const entries = raw
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  for (const [index, entry] of entries.entries()) {
    const problem = apiKeyProblem(entry, index, keys);
    if (problem) {
      ctx.addIssue({ code: 'custom', message: `key ${index + 1}: ${problem}` });
      return z.NEVER;
    }
    keys.push(apiKey(entry, index));
  }
  return keys;
});

function apiKey(entry: string, index: number): { name: string; secret: string } {
  const colon = entry.indexOf(':');
  return colon === -1
    ? { name: `key${index + 1}`, secret: entry }
    : { name: entry.slice(0, colon), secret: entry.slice(colon + 1) };
}

/** Why an entry of API_KEYS is not a key, or undefined when it is one. */
function apiKeyProblem(
  entry: string,
  index: number,
  before: { name: string }[],
): string | undefined {
  const separator = /[;\s]/.exec(entry)?.[0];
  if (separator !== undefined) {
    return `holds ${separator === ';' ? "';'" : 'a space'}: separate keys with ',' (API_KEYS=name:secret,other:secret or API_KEYS=secret1,secret2)`;
  }
  const { name, secret } = apiKey(entry, index);
  if (!KEY_NAME.test(name)) {
    return `the name before ':' is letters, digits, '.', '_' or '-' (60 at most), not '${name}'`;
  }
  if (secret.length < SECRET_MIN) {
    return `the secret of '${name}' is ${secret.length} characters; ${SECRET_MIN} or more are needed`;
  }
  if (before.some((key) => key.name === name)) return `the name '${name}' is given twice`;
  return undefined;
}

/** Requests a minute from one client address; 0 turns the limit off. */
const perMinute = (fallback: number) =>
  z.coerce.number().int().min(0).max(1_000_000).default(fallback);

/**
 * Which proxies' X-Forwarded-For to believe, so that rate limits see the client and not the
 * proxy: `false` (none, the default), `true` (any: only behind a proxy that overwrites it), or
 * comma-separated addresses and CIDR ranges of the proxies (`127.0.0.1,10.0.0.0/8`).
 */
const trustProxy = z
  .string()
  .trim()
  .transform((raw): boolean | string[] => {
    if (raw === '' || raw === 'false') return false;
    if (raw === 'true') return true;
    return raw
      .split(',')
      .map((a) => a.trim())
      .filter(Boolean);
  });

const POSTGRES_URL_HINT =
  'a postgres:// or postgresql:// URL (postgres://user:password@host:5432/database)';

const isPostgresUrl = (value: string) =>
  URL.canParse(value) && ['postgres:', 'postgresql:'].includes(new URL(value).protocol);

/**
 * A PostgreSQL server's URL. The messages never repeat the value: it may hold a password. Empty
 * counts as unset, as `DATABASE_URL=` in an env file means.
 */
const postgresUrl = z.preprocess(
  (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
  z
    .string()
    .trim()
    .refine(isPostgresUrl, { message: `expected ${POSTGRES_URL_HINT}` })
    .optional(),
);

/** Read replicas' URLs, comma-separated; which one failed is said by its place, not its text. */
const postgresUrls = z.string().transform((raw, ctx) => {
  const urls = raw
    .split(',')
    .map((url) => url.trim())
    .filter(Boolean);
  for (const [index, url] of urls.entries()) {
    if (!isPostgresUrl(url)) {
      ctx.addIssue({ code: 'custom', message: `URL ${index + 1}: expected ${POSTGRES_URL_HINT}` });
      return z.NEVER;
    }
  }
  return urls;
});

/** A URL fit to print: its password, if any, replaced by `***`. */
export function redactUrl(url: string): string {
  if (!URL.canParse(url)) return '(a URL that cannot be read)';
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

/** The plugins PLUGINS_OFF may leave out, by the name each registers under. */
export const OPTIONAL_PLUGINS = [
  'security',
  'limits',
  'rate-limit',
  'pressure',
  'cors',
  'caching',
  'compression',
] as const;
export type OptionalPlugin = (typeof OPTIONAL_PLUGINS)[number];

const pluginList = z
  .string()
  .transform((raw) =>
    raw
      .split(',')
      .map((name) => name.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.enum(OPTIONAL_PLUGINS)));

export const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  /** The SQLite database, the default backend: used unless DATABASE_URL is set. */
  DATABASE_PATH: z.string().min(1).default('./data/annals.db'),
  /**
   * A PostgreSQL server's URL: when set, the backend is PostgreSQL instead of the SQLite file at
   * DATABASE_PATH (issue 15): the server migrates it, seeds it when empty (SEED_ON_START) and
   * serves from it, every route as on SQLite (a read task added without a PostgreSQL run would
   * answer 501: src/reads/postgres-registry.ts).
   */
  DATABASE_URL: postgresUrl,
  /** PostgreSQL connections a process keeps open at most, per server (primary, each replica). */
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(1000).default(10),
  /** PostgreSQL read replicas, comma-separated URLs: only beside DATABASE_URL. */
  DATABASE_READ_URLS: postgresUrls.default([]),
  SEED_ON_START: flag.default(true),
  CORS_ORIGINS: corsOrigins.default('*'),
  API_KEYS: apiKeys.default([]),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  RATE_LIMIT_READS: perMinute(600),
  RATE_LIMIT_WRITES: perMinute(60),
  RATE_LIMIT_NOT_FOUND: perMinute(60),
  TRUST_PROXY: trustProxy.default(false),
  /** Above this mean event-loop delay, requests are answered 503 at once; 0 turns it off. */
  MAX_EVENT_LOOP_DELAY_MS: z.coerce.number().int().min(0).default(1000),
  /**
   * Worker threads that run the reads (every GET under /v1), each with its own read-only
   * connection, so that no read holds the event loop; 0 runs them on the main thread (the tests'
   * default, and a debugging aid). Default: one per core. Measured at 100k events on 2 cores
   * (wrk, 50 connections, on a machine loaded by other work, so trust the ratio): the pool
   * served event items at 1.27x the inline rate, for ~20% more CPU a request (the hop and the
   * second connection's cache), and the main thread stays free for everything else. SQLite only:
   * on PostgreSQL a read waits on the network, not on the event loop, and no worker is started.
   */
  READ_WORKERS: z.coerce.number().int().min(0).max(64).default(availableParallelism()),
  /**
   * Threads that parse and validate the lines of a large NDJSON file imported by the command line
   * (`npm run import`), beside the one that stages and writes (src/bundle/readers.ts); 0: that
   * one alone. Default: one core fewer than the machine has (that one stages), at most 4 (a
   * checking thread spends 3-4 times the CPU a line that the staging thread does, so more would
   * wait on it). Each thread adds ~35-70 MB of heap: on this 2-core machine, whole imports of the
   * bench's 100k file (alternating) took 46.4-47.4 s with 1 thread, peak RSS 272-273 MB, and
   * 42.9-48.1 s with 2, peak 328-329 MB (during reading: 11.7-12.7 s against 9.6 s): one keeps
   * the import under 300 MB. A server's imports (POST /v1/imports) use none: its cores are its
   * reads'.
   */
  IMPORT_THREADS: z.coerce
    .number()
    .int()
    .min(0)
    .max(16)
    .default(Math.min(availableParallelism() - 1, 4)),
  /**
   * A read's budget in ms, waiting for a worker included; past it the read is stopped (its
   * worker replaced) and answered 503 with Retry-After. Only with READ_WORKERS above 0.
   */
  READ_TIMEOUT_MS: z.coerce.number().int().min(100).default(5000),
  /**
   * MiB of the database file each read worker's connection maps into memory (SQLite's
   * mmap_size; 0: none), so it reads pages where they lie in the OS page cache instead of
   * copying them out (src/db/database.ts). Off by default, as measured at 100k events, uniform
   * event ids: on servers warmed for a minute, 256 served 8-32% more items a second than 0 (the
   * workers' CPU per item 32-100 µs against 48-120, three alternating rounds). On freshly
   * started servers the two benches disagree (0.396 CPU ms a request against 0.294 in
   * 2026-12-06T17-37-23Z, 0.220 against 0.278 in 17-49-40Z: each worker faults in every page it
   * touches once). The pages each worker touched count in the process's RSS (the bench's peak
   * went from about 500 to 800-1,013 MB), although they are the OS page cache. Worth trying on a
   * long-running server with RAM to spare.
   */
  READ_MMAP_MB: z.coerce.number().int().min(0).max(65_536).default(0),
  /**
   * Exports streaming at once (GET /v1/export); more are answered 503 with Retry-After. An
   * export is read a slice at a time in the read workers, so each one running costs little, but
   * its slices share the workers with every list that counts (`count=true`).
   */
  EXPORT_MAX_CONCURRENT: z.coerce.number().int().min(1).max(100).default(2),
  /**
   * How long an export may stream, in ms, before its connection is cut; 0 for no limit. Ten
   * minutes by default: 300 MB at 100k events took 9 s on a busy 2-core machine, and a slow
   * client holds no worker while it reads.
   */
  EXPORT_TIMEOUT_MS: z.coerce.number().int().min(0).default(600_000),
  /**
   * The render cache's bound in MiB: finished answers of reads, with their compressed variants,
   * replayed until the database changes (a write, or a commit by another process); 0 turns it off.
   */
  CACHE_MB: z.coerce.number().int().min(0).max(65_536).default(64),
  /**
   * For the bench only (bench/plugins.ts): plugins left out, comma-separated (`security,cors`),
   * to measure what each costs a request. Leaving one out drops what it guards (headers, limits,
   * load shedding): never set it on a server that faces clients.
   */
  PLUGINS_OFF: pluginList.default([]),
  /** How long SIGTERM waits for requests and imports in flight before exiting anyway. */
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(10_000),
});

/** ConfigSchema with the checks across variables (ConfigSchema itself stays a plain object). */
const CheckedConfigSchema = ConfigSchema.superRefine((config, ctx) => {
  if (config.DATABASE_READ_URLS.length > 0 && !config.DATABASE_URL) {
    ctx.addIssue({
      code: 'custom',
      path: ['DATABASE_READ_URLS'],
      message: 'replicas are for PostgreSQL: set DATABASE_URL to the primary too',
    });
  }
});

/** Where the data lives: the SQLite file (the default) or a PostgreSQL server (DATABASE_URL). */
export type Backend = 'sqlite' | 'postgres';

export type Config = z.infer<typeof ConfigSchema> & { backend: Backend };

/** A configuration that cannot be used, said in one line (the variable and the reason). */
export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = CheckedConfigSchema.safeParse(env);
  if (!parsed.success) {
    const reasons = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration: ${reasons.join('; ')}`);
  }
  return { ...parsed.data, backend: parsed.data.DATABASE_URL ? 'postgres' : 'sqlite' };
}

/**
 * The configuration, or, when it cannot be used, one line on stderr and exit status 78
 * (EX_CONFIG): a start-up mistake is the operator's to fix, and a stack trace would hide the line.
 * `check` refuses what a command cannot use.
 */
export function loadConfigOrExit(
  env: NodeJS.ProcessEnv = process.env,
  check: (config: Config) => Config = (config) => config,
): Config {
  try {
    return check(loadConfig(env));
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(78);
  }
}

/**
 * The API key `npm run import -- --url` sends when no --key is given (ANNALS_KEY). It is the
 * secret of whoever runs the command, not the server's configuration: the server never reads it.
 */
export function commandApiKey(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.ANNALS_KEY;
}
