/**
 * Which code a run measured: a hash of every file under src/ and migrations/, and when the newest
 * of them last changed. The bench never asks git; this tells two runs of different code apart.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  });
}

export function fingerprint(root: string): { hash: string; newestChange: string } {
  const files = ['src', 'migrations'].flatMap((dir) => filesUnder(join(root, dir))).sort();
  const hash = createHash('sha256');
  let newest = 0;
  for (const file of files) {
    hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
    newest = Math.max(newest, statSync(file).mtimeMs);
  }
  return { hash: hash.digest('hex').slice(0, 12), newestChange: new Date(newest).toISOString() };
}
