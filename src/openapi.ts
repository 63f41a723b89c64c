/** The OpenAPI document as YAML, built from a throwaway app so that it reflects the code only. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { buildApp } from './app.js';

export async function renderOpenApiYaml(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'annals-openapi-'));
  const app = await buildApp({ databasePath: join(dir, 'openapi.db') });
  try {
    await app.ready();
    return stringify(app.swagger(), { lineWidth: 0 });
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
