/**
 * `npm start` builds only when it must (scripts/build.mjs, its prestart): with no build, or when a
 * source, a tsconfig or the lock file changed since the last one. Tested on a small project of
 * files in a temp folder, by modification times, so no real build runs here.
 */
import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
// @ts-expect-error: a plain JavaScript script without types, run before anything is built
import { staleReason } from '../../scripts/build.mjs';
import { tempDir } from '../helper.js';

const at = (path: string, seconds: number) => utimesSync(path, seconds, seconds);

t.test('a build is needed only when an input is newer than the last build', async (t) => {
  const root = tempDir(t);
  mkdirSync(join(root, 'src/kinds'), { recursive: true });
  const files = ['src/server.ts', 'src/kinds/events.ts', 'src/query/examples.json'];
  mkdirSync(join(root, 'src/query'));
  for (const file of [...files, 'tsconfig.json', 'package-lock.json']) {
    writeFileSync(join(root, file), '');
    at(join(root, file), 1_000);
  }
  t.equal(staleReason(root), 'no build yet');

  mkdirSync(join(root, 'dist/server'), { recursive: true });
  writeFileSync(join(root, 'dist/.built'), '');
  at(join(root, 'dist/.built'), 2_000);
  t.equal(staleReason(root), 'no server bundle yet', 'a stamp without the bundle npm start runs');
  writeFileSync(join(root, 'dist/server/server.js'), '');
  t.equal(staleReason(root), undefined, 'every input older than the stamp: no build');

  for (const file of [...files, 'tsconfig.json', 'package-lock.json']) {
    at(join(root, file), 3_000);
    t.equal(staleReason(root), `${file} changed since the last build`, `${file} newer: build`);
    at(join(root, file), 1_000);
  }
  writeFileSync(join(root, 'src/notes.md'), '');
  at(join(root, 'src/notes.md'), 3_000);
  t.equal(staleReason(root), undefined, 'a file the build does not read changes nothing');
});
