/**
 * The build `npm start` and the commands (`npm run import`, `export`, `seed`, `migrate`, `backup`,
 * `restore`) run first (their pre-scripts), done only when needed (tsc into dist/src, then
 * the server bundled from it into dist/server: bundle.mjs says why): tsc takes 11 s on a
 * quiet machine and 50 s on a busy one, so running it before every start made a restart slow.
 * The build is needed when there is none, or when a file it reads (the sources, the tsconfig
 * files, package-lock.json for the types of the dependencies) changed since the last one: a
 * stamp file in dist/ is written after each build that succeeded, and compared by modification
 * time. `--always` builds whatever the stamp says (`npm run build`).
 *
 * Plain JavaScript, so that it runs before anything is built.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const STAMP = join('dist', '.built');
/** What `npm start` runs (bundle.mjs). */
const SERVER_BUNDLE = join('dist', 'server', 'server.js');
const INPUTS = ['tsconfig.json', 'tsconfig.build.json', 'package-lock.json'];

const mtime = (path) => {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
};

/** Why the project under `root` needs a build, or undefined when dist is up to date. */
export function staleReason(root) {
  const built = mtime(join(root, STAMP));
  if (built === undefined) return 'no build yet';
  // A build made before the server was bundled has its stamp but no bundle to start.
  if (mtime(join(root, SERVER_BUNDLE)) === undefined) return 'no server bundle yet';
  const files = [
    ...INPUTS,
    ...readdirSync(join(root, 'src'), { recursive: true, encoding: 'utf8' })
      .filter((name) => name.endsWith('.ts') || name.endsWith('.json'))
      .map((name) => join('src', name)),
  ];
  for (const file of files) {
    const changed = mtime(join(root, file));
    if (changed !== undefined && changed > built) return `${file} changed since the last build`;
  }
  return undefined;
}

async function build(reason) {
  process.stderr.write(
    `annals: building (${reason}); later starts skip this until a source changes\n`,
  );
  const started = performance.now();
  const tsc = spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
    {
      cwd: ROOT,
      stdio: 'inherit',
    },
  );
  if (tsc.status !== 0) process.exit(tsc.status ?? 1);
  // Imported here: a test that reads staleReason needs none of it.
  const { bundleServer } = await import('./bundle.mjs');
  await bundleServer(ROOT);
  writeFileSync(join(ROOT, STAMP), `${new Date().toISOString()}\n`);
  process.stderr.write(`annals: built in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
}

if (process.argv[1] && relative(process.argv[1], fileURLToPath(import.meta.url)) === '') {
  const reason = process.argv.includes('--always') ? 'asked for' : staleReason(ROOT);
  if (reason) await build(reason);
}
