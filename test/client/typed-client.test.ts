/**
 * A typed client works out of the box, as the README shows it: openapi-typescript (default
 * settings) generates types from the committed openapi.yaml, tsc checks examples/client.ts (an
 * openapi-fetch client that lists, pages, gets, searches and imports NDJSON) against them, and
 * the example runs against the app listening on a seeded database.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import t from 'tap';
import type { ApiKey } from '../../src/http/auth.js';
import { OPENAPI_PATH, PROJECT_ROOT } from '../../src/paths.js';
import { buildTestApp, tempDir } from '../helper.js';

const run = promisify(execFile);
const bin = (name: string) => join(PROJECT_ROOT, 'node_modules', '.bin', name);
const KEY: ApiKey = { name: 'client', secret: 'sk-annals-test-typed-client' };

// Generating, type-checking and running take tens of seconds on a busy machine.
t.setTimeout(300_000);

t.test('examples/client.ts type-checks against the generated types and runs', async (t) => {
  // A folder of its own, as a client project would be, with the project's packages.
  const dir = tempDir(t);
  symlinkSync(join(PROJECT_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
  copyFileSync(join(PROJECT_ROOT, 'examples', 'client.ts'), join(dir, 'client.ts'));
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        lib: ['ES2023'],
        module: 'nodenext',
        moduleResolution: 'nodenext',
        strict: true,
        noUncheckedIndexedAccess: true,
        noEmit: true,
        types: ['node'],
      },
      files: ['client.ts'],
    }),
  );

  await run(bin('openapi-typescript'), [OPENAPI_PATH, '-o', join(dir, 'annals.ts')], { cwd: dir });
  const types = readFileSync(join(dir, 'annals.ts'), 'utf8');
  t.match(types, /listEvents: \{/, 'the operations are named');
  t.match(types, /"application\/x-ndjson": string;/, 'POST /v1/imports takes NDJSON');

  const checked = await run(bin('tsc'), ['-p', join(dir, 'tsconfig.json')], { cwd: dir }).then(
    () => '',
    (error: { stdout?: string }) => error.stdout ?? String(error),
  );
  t.equal(checked, '', 'tsc finds no error in the example');

  // The example ends by importing NDJSON.
  await t.test('and runs against the app', async (t) => {
    const app = await buildTestApp(t, { apiKeys: [KEY] });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const { stdout } = await run(bin('tsx'), ['client.ts'], {
      cwd: dir,
      env: { ...process.env, ANNALS_URL: url, ANNALS_KEY: KEY.secret },
    });
    t.match(
      stdout,
      /kim-jong-un-wreath-laying-cpv-cemetery/,
      'it listed and got the wreath-laying',
    );
    t.match(stdout, /^next page: \[/m, 'it paged');
    t.match(stdout, /^event kim-jong-un-wreath-laying-cpv-cemetery/m, 'it searched');
    t.match(stdout, /^imported imported \{ created: 2,/m, 'it imported two places');
    t.equal((await app.inject('/v1/places/kalma')).json().parent.id, 'wonsan', 'they are there');
  });
});
