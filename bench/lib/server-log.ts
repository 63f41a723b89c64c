/**
 * What the API logged as failed requests (pino JSON lines with an `err` that has a status), by
 * status and detail: wrk counts non-2xx answers but cannot say what they were.
 */
import { readFileSync } from 'node:fs';

/** `503 Too many reads are waiting: retry shortly.` → how many times, most frequent first. */
export function loggedProblems(logFile: string): Record<string, number> {
  let text = '';
  try {
    text = readFileSync(logFile, 'utf8');
  } catch {
    return {};
  }
  const counts: Record<string, number> = {};
  for (const line of text.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      const entry = JSON.parse(line) as {
        err?: { status?: number; detail?: string; message?: string };
      };
      const err = entry.err;
      if (!err || typeof err.status !== 'number') continue;
      const key = `${err.status} ${err.detail ?? err.message ?? ''}`.trim();
      counts[key] = (counts[key] ?? 0) + 1;
    } catch {
      // Not a log line of ours.
    }
  }
  return Object.fromEntries(Object.entries(counts).sort((a, b) => b[1] - a[1]));
}

export function describeProblems(problems: Record<string, number>): string {
  const entries = Object.entries(problems);
  return entries.length === 0
    ? 'none'
    : entries.map(([problem, count]) => `${count} × ${problem.replace(/\.$/, '')}`).join('; ');
}
