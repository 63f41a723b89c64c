/**
 * The generated documentation: the OpenAPI document as YAML, and the examples it shows, both
 * built from a throwaway app so that they reflect the code and the seed only.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { type App, buildApp } from './app.js';
import { loadSeed } from './bundle/seed.js';
import { EXAMPLE_REQUESTS } from './query/examples.js';

async function withTempApp<T>(seed: boolean, use: (app: App) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'annals-docs-'));
  const app = await buildApp({
    databasePath: join(dir, 'docs.db'),
    seedWhenEmpty: seed ? (db) => void loadSeed(db) : undefined,
    corsOrigins: '*',
  });
  try {
    await app.ready();
    return await use(app);
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function renderOpenApiYaml(): Promise<string> {
  // Objects shared between routes are written out in full: YAML anchors would hide them.
  return withTempApp(false, async (app) =>
    stringify(app.swagger(), { lineWidth: 0, aliasDuplicateObjects: false }),
  );
}

function atPointer(value: unknown, pointer: string): unknown {
  return pointer
    .split('/')
    .filter(Boolean)
    .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], value);
}

/** Each example request's answer on the seed, keyed by the schema it illustrates. */
export function recordExamples(): Promise<Record<string, unknown>> {
  return withTempApp(true, async (app) => {
    const examples: Record<string, unknown> = {};
    for (const [name, request] of Object.entries(EXAMPLE_REQUESTS)) {
      const [url = '', pointer = ''] = request.split('#');
      const res = await app.inject({ method: 'GET', url });
      if (res.statusCode !== 200)
        throw new Error(`example ${name}: ${url} answered ${res.statusCode}`);
      examples[name] = atPointer(res.json(), pointer);
    }
    return examples;
  });
}
