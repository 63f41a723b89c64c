/**
 * The committed openapi.yaml passes both linters generated clients are judged by: Redocly's
 * recommended rules, strict (redocly.yaml), and Spectral's spectral:oas (.spectral.yaml), at
 * the versions pinned in package.json, with no error and no warning. Each is run as a user runs
 * it, from the project's root; a copy with a known fault shows that each one really reads it.
 */
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import t from 'tap';
import { parse, stringify } from 'yaml';
import { OPENAPI_PATH, PROJECT_ROOT } from '../../src/paths.js';
import { tempDir } from '../helper.js';

const run = promisify(execFile);
const bin = (name: string) => join(PROJECT_ROOT, 'node_modules', '.bin', name);
// No telemetry and no update check: the linters run offline, as in CI.
const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' };

interface Found {
  file: string;
  rule: string;
  where: string;
  message: string;
}

/** Redocly's problems (errors and warnings) in `files`. */
async function redocly(files: string[]): Promise<Found[]> {
  const { stdout } = await run(bin('redocly'), ['lint', ...files, '--format=json'], {
    cwd: PROJECT_ROOT,
    env,
    maxBuffer: 64 * 1024 * 1024,
  }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
  // One pretty-printed report a file, one after the other: `}{` at the margin parts them.
  const reports = stdout
    .split(/\n\}\{\n/)
    .map((part, i, all) =>
      JSON.parse(`${i > 0 ? '{' : ''}${part}${i < all.length - 1 ? '}' : ''}`),
    ) as {
    problems: {
      ruleId: string;
      message: string;
      location: { source: { ref: string }; pointer: string }[];
    }[];
  }[];
  return reports.flatMap((report) =>
    report.problems.map((p) => ({
      file: resolve(PROJECT_ROOT, p.location[0]?.source.ref ?? ''),
      rule: p.ruleId,
      where: p.location[0]?.pointer ?? '',
      message: p.message,
    })),
  );
}

/** Spectral's results of every severity in `files`. */
async function spectral(files: string[]): Promise<Found[]> {
  const { stdout } = await run(bin('spectral'), ['lint', ...files, '--format', 'json', '--quiet'], {
    cwd: PROJECT_ROOT,
    env,
    maxBuffer: 64 * 1024 * 1024,
  }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
  const results = JSON.parse(stdout) as {
    source: string;
    code: string;
    message: string;
    path: string[];
  }[];
  return results.map((r) => ({
    file: resolve(PROJECT_ROOT, r.source),
    rule: r.code,
    where: r.path.join('.'),
    message: r.message,
  }));
}

// Each linter takes tens of seconds on a busy machine: both files in one run of each.
t.setTimeout(300_000);

t.test('Redocly and Spectral find no error and no warning in openapi.yaml', async (t) => {
  // A copy with a known fault shows that each linter really reads the document.
  const document = parse(readFileSync(OPENAPI_PATH, 'utf8'));
  delete document.paths['/v1/events'].get.operationId;
  const faulty = resolve(tempDir(t), 'faulty.yaml');
  writeFileSync(faulty, stringify(document, { lineWidth: 0, aliasDuplicateObjects: false }));
  const files = [OPENAPI_PATH, faulty];

  const byRedocly = await redocly(files);
  t.same(
    byRedocly.filter((p) => p.file !== faulty),
    [],
    'Redocly: nothing in openapi.yaml',
  );
  t.match(
    byRedocly.filter((p) => p.file === faulty),
    [{ rule: 'operation-operationId', where: /^#\/paths\/~1v1~1events\/get/ }],
    'Redocly: the copy without an operationId is reported',
  );

  const bySpectral = await spectral(files);
  t.same(
    bySpectral.filter((p) => p.file !== faulty),
    [],
    'Spectral: nothing in openapi.yaml',
  );
  t.match(
    bySpectral.filter((p) => p.file === faulty),
    [{ rule: 'operation-operationId', where: 'paths./v1/events.get' }],
    'Spectral: the copy without an operationId is reported',
  );
});
