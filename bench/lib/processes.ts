/**
 * Child processes for the bench: servers started on a free loopback port and waited for (the
 * start-up time is spawn → first 200 from /health), their memory and CPU read from /proc, and
 * one-shot children that print a JSON line.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');
/** Clock ticks per second of /proc/<pid>/stat on Linux. */
const CLK_TCK = 100;

/** What `npm run <script>` runs, when it runs node: its arguments (Node flags included). */
export function nodeScriptArgs(script: string): string[] {
  const { scripts } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const [command, ...args] = (scripts[script] ?? '').split(/\s+/);
  if (command !== 'node') throw new Error(`npm run ${script} runs ${command}, not node`);
  return args;
}

/**
 * How the bench runs the API: as `npm start` does (its Node flags included), read from
 * package.json so that the two cannot differ.
 */
export const SERVER_ARGS: string[] = nodeScriptArgs('start');

/**
 * What every API server the bench starts runs with: no seed, quiet logs, and neither rate limits
 * (every request comes from one loopback address) nor load shedding (the bench measures what a
 * request costs, not when the server starts refusing). Settings an older server does not know
 * are ignored by its config schema.
 */
export const API_ENV = {
  SEED_ON_START: 'false',
  LOG_LEVEL: 'warn',
  RATE_LIMIT_READS: '0',
  RATE_LIMIT_WRITES: '0',
  RATE_LIMIT_NOT_FOUND: '0',
  MAX_EVENT_LOOP_DELAY_MS: '0',
};

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Resident memory now and at its peak, in MB, from /proc/<pid>/status. */
/**
 * A process's resident memory: now, at its peak, and of now the pages of mapped files (`RssFile`:
 * the database file the read workers map, READ_MMAP_MB, is the OS page cache, not the process's
 * own memory, yet counts in RSS).
 */
export function memoryOf(pid: number): { rssMb: number; peakMb: number; fileMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status)?.[1]);
  return {
    rssMb: Math.round(kb('VmRSS') / 1024),
    peakMb: Math.round(kb('VmHWM') / 1024),
    fileMb: Math.round(kb('RssFile') / 1024),
  };
}

/** CPU time (user + system) the process has used so far, in seconds. */
export function cpuSecondsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces) start at index 2.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
}

/** GET a URL on loopback; resolves with the status and the body. */
export function get(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** The last lines of a log file, for an error message. */
export function tail(file: string, lines = 15): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

export interface Server {
  pid: number;
  url: string;
  startupMs: number;
  /** Spawn to the first 200 from `firstReadPath`, when one was given. */
  firstReadMs?: number;
  child: ChildProcess;
  logFile: string;
  /** Null while the server runs; else how it ended (`code 1`, `SIGKILL`). */
  exit(): string | null;
  stop(): Promise<void>;
}

/**
 * Spawns `node <args>` with `env` added and PORT set to a free port, and waits for /health (or
 * `readyPath`) to answer 200. Output goes to `logFile`.
 */
export async function startServer(options: {
  args: string[];
  env: Record<string, string>;
  logFile: string;
  readyPath?: string;
  /**
   * A read to time after the server is ready: the API answers /health before its read workers
   * have loaded (they load once it listens), so this says when it serves data.
   */
  firstReadPath?: string;
  timeoutMs?: number;
}): Promise<Server> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const log = createWriteStream(options.logFile);
  const started = performance.now();
  const child = spawn(process.execPath, options.args, {
    cwd: ROOT,
    env: { ...process.env, ...options.env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  let exited = false;
  let ending: string | null = null;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exited = true;
      ending = signal ?? `code ${code}`;
      resolve();
    }),
  );
  const deadline = started + (options.timeoutMs ?? 120_000);
  for (;;) {
    if (exited) {
      await new Promise((resolve) => setTimeout(resolve, 200)); // let the log catch up
      throw new Error(
        `the server exited before answering (${options.logFile}):\n${tail(options.logFile)}`,
      );
    }
    if (performance.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not answer in time; see ${options.logFile}`);
    }
    const answer = await get(`${url}${options.readyPath ?? '/health'}`).catch(() => null);
    if (answer?.status === 200) break;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const startupMs = performance.now() - started;
  let firstReadMs: number | undefined;
  while (options.firstReadPath && performance.now() < deadline) {
    const answer = await get(`${url}${options.firstReadPath}`).catch(() => null);
    if (answer?.status === 200) {
      firstReadMs = performance.now() - started;
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return {
    pid: child.pid as number,
    url,
    startupMs,
    ...(firstReadMs === undefined ? {} : { firstReadMs }),
    child,
    logFile: options.logFile,
    exit: () => ending,
    async stop() {
      if (!exited) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exit;
      clearTimeout(timer);
    },
  };
}

/** Runs `node <args>` to completion: its exit code, what it printed, and how long it took. */
export function runChild(
  args: string[],
  options: { env?: Record<string, string>; logFile: string },
): Promise<{ code: number; stdout: string; seconds: number }> {
  return new Promise((resolve, reject) => {
    const log = createWriteStream(options.logFile);
    const started = performance.now();
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      log.write(chunk);
    });
    child.stderr.pipe(log);
    child.once('error', reject);
    child.once('exit', (code) =>
      resolve({ code: code ?? -1, stdout, seconds: (performance.now() - started) / 1000 }),
    );
  });
}

/** Runs `node <args>` to completion and parses the last line it prints as JSON. */
export function runJsonChild<T>(args: string[], logFile: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const log = createWriteStream(logFile);
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      log.write(chunk);
    });
    child.stderr.pipe(log);
    child.once('error', reject);
    child.once('exit', (code) => {
      const last = out.trim().split('\n').pop() ?? '';
      if (code !== 0) reject(new Error(`${args.join(' ')} exited with ${code}; see ${logFile}`));
      else {
        try {
          resolve(JSON.parse(last) as T);
        } catch {
          reject(new Error(`no JSON from ${args.join(' ')}; see ${logFile}`));
        }
      }
    });
  });
}
