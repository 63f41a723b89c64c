import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder holding package.json, whether we run from src/ (tsx) or dist/src/ (node). */
function findProjectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('package.json not found above src/paths');
    dir = parent;
  }
  return dir;
}

export const PROJECT_ROOT = findProjectRoot();
export const MIGRATIONS_FOLDER = join(PROJECT_ROOT, 'migrations');
/** PostgreSQL's migrations, made from the `*.pg.ts` tables (drizzle.postgres.config.ts). */
export const POSTGRES_MIGRATIONS_FOLDER = join(MIGRATIONS_FOLDER, 'postgres');
export const SEED_BUNDLE_PATH = join(PROJECT_ROOT, 'seed', 'article-2023-07-27.json');
export const OPENAPI_PATH = join(PROJECT_ROOT, 'openapi.yaml');
