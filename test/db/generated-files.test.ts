/**
 * The migrations are the drizzle schema's: `drizzle-kit generate` finds nothing to add, for
 * SQLite (drizzle.config.ts, migrations/) and for PostgreSQL (drizzle.postgres.config.ts,
 * migrations/postgres/). Run on a copy of the migrations in a temp folder, with the config's own
 * schema globs, so that a failing run writes nothing into the repository. When it fails, the message shows the SQL
 * drizzle-kit wrote: change the schema back, or run `npm run db:generate` and commit the
 * migration (and its snapshot). The custom SQL it cannot describe: test/db/custom-sql.test.ts.
 */
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import t, { type Test } from 'tap';
import sqliteConfig from '../../drizzle.config.js';
import postgresConfig from '../../drizzle.postgres.config.js';
import { MIGRATIONS_FOLDER, POSTGRES_MIGRATIONS_FOLDER, PROJECT_ROOT } from '../../src/paths.js';

/** Each dialect's drizzle-kit config and the migrations it made. */
const DIALECTS = [
  { name: 'SQLite', config: sqliteConfig, folder: MIGRATIONS_FOLDER },
  { name: 'PostgreSQL', config: postgresConfig, folder: POSTGRES_MIGRATIONS_FOLDER },
] as const;
type Dialect = (typeof DIALECTS)[number];

/** A temp folder removed when the test ends (as test/helper.ts's, without the app it imports). */
function tempDir(t: Test): string {
  const dir = mkdtempSync(join(tmpdir(), 'annals-generated-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const DRIZZLE_KIT = join(PROJECT_ROOT, 'node_modules', '.bin', 'drizzle-kit');

/** Every file under a folder, relative to it. */
const filesIn = (folder: string): string[] =>
  readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((file) => statSync(join(folder, file)).isFile())
    .sort();

/**
 * `drizzle-kit generate` with a dialect's config but writing into `out`: the files it added
 * there, with their text, and what it printed.
 */
function generateInto(t: Test, { config }: Dialect, out: string) {
  const configFile = join(tempDir(t), 'drizzle.config.json');
  // drizzle-kit reads the schema globs from the working directory and wants `out` relative to
  // it (it prefixes "./").
  writeFileSync(configFile, JSON.stringify({ ...config, out: relative(PROJECT_ROOT, out) }));
  const before = new Set(filesIn(out));
  const run = spawnSync(DRIZZLE_KIT, ['generate', `--config=${configFile}`], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
    // No terminal to answer a question (is this a rename?): the timeout ends a run that asks.
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 90_000,
  });
  const added = filesIn(out).filter((file) => !before.has(file));
  return {
    added,
    addedSql: added
      .filter((file) => file.endsWith('.sql'))
      .map((file) => `-- ${file}\n${readFileSync(join(out, file), 'utf8')}`)
      .join('\n'),
    output: `${run.stdout}${run.stderr}${run.error ? String(run.error) : ''}`,
  };
}

for (const dialect of DIALECTS) {
  t.test(
    `${dialect.name}: drizzle-kit generate finds no schema change the migrations lack`,
    async (t) => {
      const copy = join(tempDir(t), 'migrations');
      cpSync(dialect.folder, copy, { recursive: true });
      const run = generateInto(t, dialect, copy);
      t.same(run.added, [], 'drizzle-kit wrote no migration', { sql: run.addedSql });
      // drizzle-kit exits 0 after some errors (an unreadable snapshot), so its words count too.
      t.match(run.output, /No schema changes/, 'drizzle-kit says there is nothing to migrate', {
        output: run.output,
      });
      t.same(filesIn(dialect.folder), filesIn(copy), 'the migrations themselves are untouched');
    },
  );
}

/**
 * Drops from a copy of the migrations its latest migration that changed the schema (by snapshot;
 * the first made it from nothing), and every one after it: what the repository looks like when a
 * schema change was not generated.
 */
function withoutLastSchemaChange(folder: string): string {
  const meta = join(folder, 'meta');
  const journalFile = join(meta, '_journal.json');
  const journal: { entries: { idx: number; tag: string }[] } = JSON.parse(
    readFileSync(journalFile, 'utf8'),
  );
  // Compared as values: drizzle-kit may write the same tables with their keys in another order.
  const tablesOf = (idx: number): unknown =>
    JSON.parse(readFileSync(join(meta, `${String(idx).padStart(4, '0')}_snapshot.json`), 'utf8'))
      .tables;
  const last = journal.entries.findLastIndex(
    (entry, i) =>
      i === 0 ||
      !isDeepStrictEqual(tablesOf(entry.idx), tablesOf(journal.entries[i - 1]?.idx ?? 0)),
  );
  if (last === -1) throw new Error('no migration changed the schema');
  for (const entry of journal.entries.slice(last)) {
    rmSync(join(folder, `${entry.tag}.sql`));
    rmSync(join(meta, `${String(entry.idx).padStart(4, '0')}_snapshot.json`));
  }
  const dropped = journal.entries[last]?.tag ?? '';
  writeFileSync(
    journalFile,
    JSON.stringify({ ...journal, entries: journal.entries.slice(0, last) }),
  );
  return dropped;
}

for (const dialect of DIALECTS) {
  t.test(`${dialect.name}: the check sees a missing migration`, async (t) => {
    const copy = join(tempDir(t), 'migrations');
    cpSync(dialect.folder, copy, { recursive: true });
    const dropped = withoutLastSchemaChange(copy);
    const run = generateInto(t, dialect, copy);
    t.ok(
      run.added.some((file) => file.endsWith('.sql')),
      `without ${dropped}, drizzle-kit writes a migration`,
      { output: run.output },
    );
    t.notMatch(run.output, /No schema changes/, 'and does not say there is nothing to migrate');
  });
}
