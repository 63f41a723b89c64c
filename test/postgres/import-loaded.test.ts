/**
 * Imports into a PostgreSQL database that holds records (src/bundle/postgres/import.ts): one
 * sequence of imports, run into SQLite by its import and into PostgreSQL by its own, gives the
 * same report at every step and byte-identical exports after each: the seed, generated records
 * referring to each other, the seed again (all unchanged), updates with new records referring to
 * stored ones (forward references too) and a source's text rewritten, a refused import (bad
 * references, excerpts missing from stored and imported texts, a duplicate), the same in partial
 * mode, and a dry run. A refused import leaves PostgreSQL as it was; an import waits for the
 * single writes in flight (IMPORT_LOCK).
 */
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import pg from 'pg';
import t from 'tap';
import { generate } from '../../bench/generate.js';
import { exportChunks } from '../../src/bundle/export.js';
import { exportChunksPostgres } from '../../src/bundle/postgres/export.js';
import { IMPORT_LOCK, importIntoPostgres } from '../../src/bundle/postgres/import.js';
import type { ImportRecord } from '../../src/bundle/report.js';
import { type ImportInput, type ImportRun, runImport } from '../../src/bundle/run.js';
import { migratePostgres } from '../../src/db/postgres.js';
import { SEED_BUNDLE_PATH } from '../../src/paths.js';
import { openTestDb, tempDir } from '../helper.js';
import { rowsOfBoth } from './same-rows.js';
import { startPostgresPool } from './server.js';

type Line = { kind: string; record: Record<string, unknown> } | string;

const ndjson = (lines: Line[]): (() => ImportInput) => {
  const text = lines.map((line) => (typeof line === 'string' ? line : JSON.stringify(line)));
  return () => ({ format: 'ndjson', stream: Readable.from([`${text.join('\n')}\n`]) });
};
const ALL: ImportRun = { mode: 'all', dryRun: false, keyName: 'local' };
/** The parts of an import's line that say what it did (not when, nor its random id). */
const outcome = ({ format, mode, dry_run, status, report }: ImportRecord) => ({
  format,
  mode,
  dry_run,
  status,
  report,
});

const seed = JSON.parse(readFileSync(SEED_BUNDLE_PATH, 'utf8'));
const seedRecord = (kind: string, id: string) =>
  structuredClone(seed[kind].find((record: { id: string }) => record.id === id));
const article = seedRecord('sources', 'article-2023-07-27');
const cite = (excerpt: string) => ({ source: 'article-2023-07-27', excerpt });
const place = (id: string, parent: string | null, citations: unknown[] = []) => ({
  kind: 'places',
  record: { id, name: id, type: 'city', parent, citations },
});

/** New records referring to stored ones and to each other, updates, and an unchanged record. */
const UPDATES: Line[] = [
  { kind: 'events', record: { ...seedRecord('events', 'korean-war'), title: 'The Korean War' } },
  { kind: 'places', record: seedRecord('places', 'pyongyang') },
  {
    kind: 'people',
    record: { ...seedRecord('people', 'kim-jong-un'), aliases: ['Kim', 'Kim Jong Un'] },
  },
  // A source's text rewritten, every excerpt taken from it kept: its stored facts stand.
  { kind: 'sources', record: { ...article, text: `${article.text} (corrected)` } },
  {
    kind: 'events',
    record: {
      id: 'wonsan-visit',
      type: 'visit',
      title: 'A visit to Wonsan',
      start: '2023-08',
      place: 'wonsan-port', // defined further down
      parent: 'korean-war-70th-anniversary-commemorations',
      citations: [{ ...cite('arrived in Pyongyang on Tuesday evening'), according_to: [] }],
    },
  },
  place('wonsan', 'dprk', [cite('the Korean Central News Agency reported')]),
  place('wonsan-port', 'wonsan'),
  {
    kind: 'participations',
    record: {
      id: 'wonsan-visit-kim',
      event: 'wonsan-visit',
      participant: { kind: 'person', id: 'kim-jong-un' },
      role: 'visited',
      citations: [],
    },
  },
];

/** Rejected for every reason an import gives, beside one valid record. */
const REFUSED: Line[] = [
  place('hamhung', 'dprk'),
  place('bad-ref', 'atlantis'),
  place('bad-child', 'bad-ref'),
  place('bad-excerpt', 'dprk', [cite('words the article never says')]),
  // The stored facts citing the article would lose their excerpts.
  { kind: 'sources', record: { ...article, text: 'A much shorter text.' } },
  place('wonsan', 'dprk'),
  place('wonsan', null),
  'not json',
];

t.test(
  'the same imports into SQLite and into a PostgreSQL database that holds records',
  async (t) => {
    const { pool } = await startPostgresPool(t);
    await migratePostgres(pool);
    const sqlite = openTestDb(t);
    const exportOf = async () => {
      const want = [...exportChunks(sqlite, { format: 'ndjson' })].join('');
      let got = '';
      for await (const chunk of exportChunksPostgres(pool, { format: 'ndjson' })) got += chunk;
      return { want, got };
    };
    const step = async (name: string, input: () => ImportInput, run = ALL) => {
      const expected = await runImport(sqlite, input(), run);
      const got = await importIntoPostgres(pool, input(), run);
      t.same(outcome(got), outcome(expected), `${name}: SQLite's report`);
      const { want, got: text } = await exportOf();
      t.ok(text === want, `${name}: byte-identical exports (${want.length} characters)`);
      return got;
    };

    const seeded = await step('the seed', () => ({ format: 'json', bundle: seed }));
    t.equal(seeded.status, 'imported', 'the seed imported');
    const { ndjson: file } = await generate(150, tempDir(t));
    const generated = await step('generated records', () => ({
      format: 'ndjson',
      stream: Readable.from([readFileSync(file)]),
    }));
    t.ok(generated.report.totals.created > 500, `${generated.report.totals.created} created`);

    const again = await step('the seed again', () => ({ format: 'json', bundle: seed }));
    t.match(
      again.report.totals,
      { created: 0, updated: 0, unchanged: seeded.report.totals.created, rejected: 0 },
      'the seed again: every record unchanged',
    );

    const updated = await step('updates and new records', ndjson(UPDATES));
    t.match(
      updated.report.totals,
      { created: 4, updated: 3, unchanged: 1, rejected: 0 },
      'four created, three updated, one unchanged',
    );

    const before = (await exportOf()).got;
    const logged = async () =>
      (await pool.query('select count(*)::int as n from imports')).rows[0].n;
    const lines = await logged();
    const refused = await step('a refused import', ndjson(REFUSED));
    t.equal(refused.status, 'rejected', 'rejected');
    const reasons = refused.report.rejections.map((r) => `${r.pointer}: ${r.reason}`).join('\n');
    t.match(reasons, /parent: refers to place 'atlantis'/, 'a reference to nothing');
    t.match(reasons, /parent: refers to place 'bad-ref'/, 'a reference to a rejected record');
    t.match(reasons, /excerpt is not in the text of source 'article-2023-07-27'/, 'a stored text');
    t.match(reasons, /text lacks the excerpt/, "a new text dropping stored facts' excerpts");
    t.match(reasons, /defined twice/, 'a duplicate');
    t.ok((await exportOf()).got === before, 'PostgreSQL unchanged');
    t.equal(await logged(), lines + 1, 'the refusal logged, alone');

    const partial = await step('the same in partial mode', ndjson(REFUSED), {
      ...ALL,
      mode: 'partial',
    });
    t.match(
      partial.report.totals,
      { created: 1, updated: 1 },
      'partial: the valid places written (one new, one changed)',
    );

    const dry = await step('a dry run', ndjson([place('chongjin', 'dprk'), UPDATES[1] as Line]), {
      ...ALL,
      dryRun: true,
    });
    t.match(dry, { status: 'validated', report: { totals: { created: 1, unchanged: 1 } } });

    // Every written table, the excerpts' offsets in the rewritten text included.
    for (const [table, rows] of await rowsOfBoth(sqlite, pool, { documentNumbers: false })) {
      t.same(rows.postgres, rows.sqlite, `${table}: the same ${rows.sqlite.length} rows`);
    }
  },
);

t.test(
  'an import waits for the single writes in flight, which hold IMPORT_LOCK shared',
  async (t) => {
    const { pool } = await startPostgresPool(t);
    await migratePostgres(pool);
    await importIntoPostgres(pool, ndjson([place('dprk', null)])(), ALL);
    const writer = new pg.Client({ connectionString: pool.options.connectionString as string });
    await writer.connect();
    t.teardown(() => writer.end());
    await writer.query('begin');
    await writer.query('select pg_advisory_xact_lock_shared($1::bigint)', [IMPORT_LOCK]);
    // What the write holding the lock wrote, not yet committed: the import must see it.
    await writer.query(
      `insert into places (id, name, type, aliases) values ('wonsan', 'Wonsan', 'city', '[]')`,
    );
    let done = false;
    const importing = importIntoPostgres(
      pool,
      ndjson([place('wonsan-port', 'wonsan')])(),
      ALL,
    ).then((record) => {
      done = true;
      return record;
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    t.notOk(done, 'the import waits');
    await writer.query('commit');
    const record = await importing;
    t.equal(record.status, 'imported', 'then imports, its reference found');
  },
);
