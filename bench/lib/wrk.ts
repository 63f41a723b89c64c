/**
 * Drives a server with wrk (Debian's; installed here when missing, as .ci/run does for
 * Chromium): one thread, N connections, each request a path taken in turn from a list.
 */
import { execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './processes.js';

export interface WrkRun {
  requestsPerSecond: number;
  /** Answers below 400 a second: a server that refuses fast (503) is not a fast server. */
  okPerSecond: number;
  requests: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  meanMs: number;
  bytesPerRequest: number;
  /** Socket errors and timeouts. */
  errors: number;
  /** Answers with a status of 400 or more (wrk counts those as status errors). */
  non2xx: number;
}

const hasWrk = () => {
  try {
    execFileSync('sh', ['-c', 'command -v wrk'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

/** Installs wrk from Debian when it is missing (as root); throws when that is not possible. */
export function ensureWrk(log: (line: string) => void): void {
  if (hasWrk()) return;
  if (process.getuid?.() !== 0) {
    throw new Error('wrk is missing: install it (sudo apt-get install -y wrk) and run again');
  }
  log('installing wrk (apt-get install -y wrk)…');
  execFileSync('sh', ['-c', 'apt-get update -qq && apt-get install -y -qq wrk'], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (!hasWrk()) throw new Error('wrk could not be installed');
}

export function runWrk(options: {
  url: string;
  pathsFile: string;
  seconds: number;
  connections: number;
  offset: number;
}): Promise<WrkRun> {
  const args = [
    '-t1',
    `-c${options.connections}`,
    `-d${options.seconds}s`,
    '--timeout',
    '10s',
    '-s',
    join(ROOT, 'bench', 'wrk.lua'),
    options.url,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn('wrk', args, {
      env: { ...process.env, WRK_PATHS: options.pathsFile, WRK_OFFSET: String(options.offset) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
    });
    child.once('error', reject);
    child.once('exit', () => {
      const line = out.split('\n').find((l) => l.startsWith('BENCH_JSON '));
      if (!line) {
        reject(new Error(`wrk printed no figures:\n${out}`));
        return;
      }
      const r = JSON.parse(line.slice('BENCH_JSON '.length)) as Record<string, number>;
      const n = (key: string) => r[key] ?? 0;
      resolve({
        requestsPerSecond: n('requests') / (n('duration_us') / 1e6),
        okPerSecond: (n('requests') - n('status')) / (n('duration_us') / 1e6),
        requests: n('requests'),
        p50Ms: n('p50_us') / 1000,
        p90Ms: n('p90_us') / 1000,
        p99Ms: n('p99_us') / 1000,
        maxMs: n('max_us') / 1000,
        meanMs: n('mean_us') / 1000,
        bytesPerRequest: n('requests') > 0 ? n('bytes') / n('requests') : 0,
        errors: n('connect') + n('read') + n('write') + n('timeout'),
        non2xx: n('status'),
      });
    });
  });
}
