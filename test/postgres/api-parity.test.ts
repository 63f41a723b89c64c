/**
 * The held-out check of issue 15 over HTTP: the seed served by a SQLite app and by a PostgreSQL
 * app (each built by buildApp, seeded as `npm start` seeds it) gives, for every GET URL below,
 * the same status, content type, ETag and body, byte for byte.
 *
 * The URLs come from the seed and the routes, not from a hand-made list: every list (as JSON and
 * as CSV), every item of every kind (the kinds' own routes, and the stored records of the kinds
 * without one), every source's claims, the import log (the seed's line) and the export in its
 * formats; kept are those whose read task has a PostgreSQL run
 * (src/reads/postgres-registry.ts), so the comparison grows by itself as runs land. Search is
 * left out: PostgreSQL ranks by ts_rank_cd, SQLite by bm25 (src/search/endpoint/repository.pg.ts),
 * a documented difference.
 */
import { readFileSync } from 'node:fs';
import t from 'tap';
import { seedImportId } from '../../src/bundle/seed.js';
import { KINDS } from '../../src/kinds/index.js';
import { SEED_BUNDLE_PATH } from '../../src/paths.js';
import { buildTestApp } from '../helper.js';
import { buildPostgresApp } from './app.js';
import { startPostgres } from './server.js';

interface Asked {
  url: string;
  /** The read task that answers it. */
  task: string;
}

const seedText = readFileSync(SEED_BUNDLE_PATH, 'utf8');
const seed = JSON.parse(seedText) as Record<string, unknown>;
const idsOf = (kind: string) =>
  ((seed[kind] as { id: string }[] | undefined) ?? []).map((record) => record.id).sort();

/** Every GET URL of the seeded knowledge base that the comparison may ask. */
function everyUrl(): Asked[] {
  const asked: Asked[] = [];
  for (const kind of KINDS) {
    // A kind with a resource of its own has a list and items (`<kind>.list`, `<kind>.get`);
    // the others are read as stored records (src/writes/reads.ts, `<kind>.record`).
    if (kind.resource) {
      asked.push({ url: `/v1/${kind.name}`, task: `${kind.name}.list` });
      asked.push({ url: `/v1/${kind.name}?limit=2`, task: `${kind.name}.list` });
      asked.push({ url: `/v1/${kind.name}/no-such-id`, task: `${kind.name}.get` });
    }
    const item = kind.resource ? `${kind.name}.get` : `${kind.name}.record`;
    for (const id of idsOf(kind.name)) asked.push({ url: `/v1/${kind.name}/${id}`, task: item });
    // A list's page as CSV: the list read, then its records (the task bundle.csvPage).
    if (kind.resource) {
      for (const query of ['?format=csv', '?format=csv&limit=2']) {
        asked.push({ url: `/v1/${kind.name}${query}`, task: 'bundle.csvPage' });
      }
    }
  }
  // Each source's claims, and a missing source's.
  for (const id of [...idsOf('sources'), 'no-such-source']) {
    asked.push({ url: `/v1/sources/${id}/claims`, task: 'sources.claims' });
    asked.push({ url: `/v1/sources/${id}/claims?limit=2&as=stated`, task: 'sources.claims' });
  }
  // The import log: the seed's line, with the id both backends give it.
  asked.push({ url: '/v1/imports', task: 'imports.list' });
  asked.push({ url: '/v1/imports?limit=1', task: 'imports.list' });
  asked.push({ url: `/v1/imports/${seedImportId(seedText)}`, task: 'imports.get' });
  asked.push({ url: '/v1/imports/no-such-import', task: 'imports.get' });
  asked.push({ url: '/v1/imports/00000000-0000-4000-8000-000000000000', task: 'imports.get' });
  for (const query of [
    '',
    '?format=ndjson',
    '?format=csv&kind=places',
    '?kind=events,statements',
  ]) {
    asked.push({ url: `/v1/export${query}`, task: 'bundle.exportSlice' });
  }
  return asked;
}

// Imported after the app's modules (../helper.js), as app.ts imports it: the OpenAPI document's
// schemas are then registered in the server's order (the document is compared below).
const { postgresRuns } = await import('../../src/reads/postgres-registry.js');
const runs = postgresRuns();
const asked = everyUrl();
const served = asked.filter(({ task }) => runs.has(task));

const server = await startPostgres();
t.teardown(() => server.stop());
const sqlite = await buildTestApp(t);
const postgres = await buildPostgresApp(t, server.url);
// The seed's line in the import log says when each backend was seeded, which differs by the
// moments the two apps started, not by backend: the PostgreSQL line is given SQLite's times, so
// that both hold the same data.
for (const row of sqlite.db.$client
  .prepare('select id, started_at, finished_at from imports')
  .all() as { id: string; started_at: string; finished_at: string }[]) {
  await postgres.postgres.primary.query(
    'update imports set started_at = $2, finished_at = $3 where id = $1',
    [row.id, row.started_at, row.finished_at],
  );
}

t.test('the URLs come from the seed and the routes', async (t) => {
  t.comment(`${asked.length} URLs, of which ${served.length} have a PostgreSQL run`);
  for (const kind of KINDS) {
    const items = asked.filter(({ url }) => url.startsWith(`/v1/${kind.name}/`));
    t.ok(items.length > 0, `${kind.name}: its seeded items are asked for`);
  }
  t.ok(served.length > 0, 'some are served from PostgreSQL already');
  const waiting = [...new Set(asked.filter(({ task }) => !runs.has(task)).map((a) => a.task))];
  t.comment(`read tasks without a PostgreSQL run yet: ${waiting.sort().join(', ') || 'none'}`);
});

t.test('every served URL answers the same on SQLite and PostgreSQL, byte for byte', async (t) => {
  for (const { url } of served) {
    const [a, b] = await Promise.all([sqlite.inject({ url }), postgres.inject({ url })]);
    const same =
      a.statusCode === b.statusCode &&
      a.headers['content-type'] === b.headers['content-type'] &&
      a.headers.etag === b.headers.etag &&
      a.body === b.body;
    if (same) {
      t.pass(`${url}: ${a.statusCode}, the same bytes`);
      continue;
    }
    t.same(
      { status: b.statusCode, type: b.headers['content-type'], etag: b.headers.etag },
      { status: a.statusCode, type: a.headers['content-type'], etag: a.headers.etag },
      `${url}: status, type and ETag`,
    );
    let at = 0;
    while (at < a.body.length && a.body[at] === b.body[at]) at += 1;
    t.fail(
      `${url}: the bodies differ at ${at}: SQLite ${JSON.stringify(a.body.slice(at, at + 80))}, PostgreSQL ${JSON.stringify(b.body.slice(at, at + 80))}`,
    );
  }
});

t.test('every URL asked has a PostgreSQL run, or answers 501 there', async (t) => {
  const waiting = asked.filter(({ task }) => !runs.has(task));
  t.same([...new Set(waiting.map(({ task }) => task))], [], 'none is left without a run');
  for (const { url, task } of waiting.slice(0, 20)) {
    const answer = await postgres.inject({ url });
    t.equal(answer.statusCode, 501, `${url} (${task}): 501`);
  }
});

t.test('the OpenAPI document is the same on both backends, byte for byte', async (t) => {
  const [a, b] = await Promise.all([
    sqlite.inject({ url: '/openapi.json' }),
    postgres.inject({ url: '/openapi.json' }),
  ]);
  t.equal(a.statusCode, 200);
  t.ok(b.body === a.body, 'the same bytes');
});
