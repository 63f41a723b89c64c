/**
 * Every event and person item answers with exactly the bytes recorded in item-answers.tsv: on the
 * seed, on the crowded knowledge base (every embedded list past its cap) and on a generated one
 * (bench/generate.ts, 2,000 events, whose popular people take part in hundreds). The answers were
 * recorded from the item builders of 6-8 queries each, before an item became one statement
 * (issue 11), so this is what says the one statement changed no byte. Record anew only when an
 * item's answer is meant to change:
 *
 *   RECORD_ITEM_ANSWERS=1 npx tap test/resources/item-answers.test.ts
 */
import { createHash } from 'node:crypto';
import { createReadStream, readFileSync, writeFileSync } from 'node:fs';
import t from 'tap';
import { generate } from '../../bench/generate.js';
import type { App } from '../../src/app.js';
import { importIntoPostgres } from '../../src/bundle/postgres/import.js';
import { runImport } from '../../src/bundle/run.js';
import { crowdedBundle } from '../crowded.js';
import { loadTestBundle, runSql } from '../data.js';
import { buildTestApp, tempDir } from '../helper.js';

const RECORDED = new URL('./item-answers.tsv', import.meta.url);
const RECORDING = process.env.RECORD_ITEM_ANSWERS === '1';
const GENERATED_EVENTS = 2000;

/** The query strings an event item takes: names_by in another case than stored, to check nocase. */
const EVENT_VARIANTS = [
  '',
  '?include=place,parent',
  '?names_by=dprk',
  '?include=parent&names_by=China',
];

/** The first 16 hex digits of the SHA-256 of the status and body: 64 bits, enough to tell apart. */
const digest = (status: number, body: string) =>
  createHash('sha256').update(`${status}\n${body}`).digest('hex').slice(0, 16);

async function idsOf(app: App, table: 'events' | 'people'): Promise<string[]> {
  // The table's name is one of the two above, never input.
  const rows = await runSql<{ id: string }>(app, `select id from ${table} order by id`);
  return rows.map((row) => row.id);
}

/** The item URLs to answer: every event (each variant on every `every`-th) and every person. */
async function urlsOf(app: App, every: number): Promise<string[]> {
  const urls = (await idsOf(app, 'events')).flatMap((id, i) =>
    (i % every === 0 ? EVENT_VARIANTS : ['']).map((q) => `/v1/events/${id}${q}`),
  );
  const people = (await idsOf(app, 'people')).map((id) => `/v1/people/${id}`);
  return [...urls, ...people, '/v1/events/no-such-event', '/v1/people/no-such-person'];
}

async function answersOf(name: string, app: App, every: number): Promise<string[]> {
  const lines: string[] = [];
  for (const url of await urlsOf(app, every)) {
    const res = await app.inject({ method: 'GET', url });
    lines.push(`${name}\t${url}\t${digest(res.statusCode, res.body)}`);
  }
  return lines;
}

async function generatedApp(t: Parameters<typeof buildTestApp>[0]): Promise<App> {
  const { ndjson } = await generate(GENERATED_EVENTS, tempDir(t));
  const app = await buildTestApp(t, { seed: false });
  const input = { format: 'ndjson', stream: createReadStream(ndjson) } as const;
  const run = { mode: 'all', dryRun: false, keyName: 'test' } as const;
  const record =
    app.backend === 'sqlite'
      ? await runImport(app.db, input, run)
      : await importIntoPostgres(app.postgres.primary, input, run);
  if (record.status !== 'imported') throw new Error(`the generated data was ${record.status}`);
  return app;
}

t.test('event and person items answer the recorded bytes', async (t) => {
  const seeded = await buildTestApp(t);
  const crowded = await buildTestApp(t, { seed: false });
  await loadTestBundle(crowded, crowdedBundle());
  const generated = await generatedApp(t);
  const answers = [
    ...(await answersOf('seed', seeded, 1)),
    ...(await answersOf('crowded', crowded, 1)),
    ...(await answersOf('generated', generated, 10)),
  ];
  t.ok(answers.length > GENERATED_EVENTS, `${answers.length} answers`);

  if (RECORDING) {
    writeFileSync(RECORDED, `${answers.join('\n')}\n`);
    t.comment(`recorded ${answers.length} answers in ${RECORDED.pathname}`);
    return;
  }
  const recorded = readFileSync(RECORDED, 'utf8').trimEnd().split('\n');
  const differing = answers.filter((line, i) => line !== recorded[i]);
  t.equal(answers.length, recorded.length, 'as many answers as recorded');
  t.same(differing.slice(0, 10), [], 'every answer has the recorded bytes');
});
