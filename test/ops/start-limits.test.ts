/**
 * No valid request can end the process: the server as `npm start` runs it (the built JavaScript,
 * Node's arguments read from package.json's start script) takes a JSON bundle of exactly the
 * documented size limit and answers it, with an import report or a problem, while /health keeps
 * answering. The server's peak resident memory is reported, for the README's container recipe.
 * On PostgreSQL too (startServer gives the server a database there): the dry run then goes through
 * PostgreSQL's import.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import t, { type Test } from 'tap';
import { JSON_BODY_LIMIT } from '../../src/bundle/http/import-routes.js';
import { PROJECT_ROOT } from '../../src/paths.js';
import { tempDir } from '../helper.js';
import { type Answer, get, KEY, keepAlive, sleep, startServer } from './server-process.js';

// A build on a loaded machine takes a minute, the import as long again.
t.setTimeout(600_000);

/** Node's arguments in the start script (`node dist/src/server.js`), so the test follows it. */
function startArgs(): string[] {
  const packageJson = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8'));
  const [command, ...args] = (packageJson.scripts.start as string).trim().split(/\s+/);
  if (command !== 'node') throw new Error(`the start script does not run node: ${command}`);
  return args;
}

/** Builds as `npm start` does (scripts/build.mjs: only when a source changed), saying what it did. */
function ensureBuilt(): string {
  const started = performance.now();
  const built = spawnSync(process.execPath, ['scripts/build.mjs'], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
  });
  if (built.status !== 0) throw new Error(`the build failed:\n${built.stdout}${built.stderr}`);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  return built.stderr.trim()
    ? `${built.stderr.trim()} (${seconds} s)`
    : 'dist is up to date: reused';
}

const SEEDED_PLACES = ['pyongyang', 'hoechang-county', 'dprk', 'korean-peninsula'];
const TYPES = ['meeting', 'visit', 'ceremony', 'talks'];
const id = (kind: string, n: number) => `gen-${kind}-${String(n).padStart(6, '0')}`;
// A source without text: any excerpt is taken (the article's would have to hold them).
const cite = (excerpt: string) =>
  `{"source":"kcna-report-2023-07-26-wreath","excerpt":"${excerpt}"}`;
const SUMMARY =
  'Officials met, laid wreaths, exchanged letters and spoke of friendship (友谊) between the two countries, as the state media reported on the next day. '.repeat(
    2,
  );
const SPEECH =
  'The speaker praised the friendship of the two peoples and their common struggle, and hoped for more exchanges in every field. '.repeat(
    2,
  );

/** The records of one event, by kind, as JSON text: written out, for speed (no objects). */
function unitOf(
  n: number,
): [kind: 'people' | 'events' | 'participations' | 'statements', text: string][] {
  const event = id('event', n);
  // Each person is cited by the four events before it, so some references point forward.
  const person = id('person', Math.ceil(n / 4) * 4);
  const date = `${1950 + (n % 70)}-${String((n % 12) + 1).padStart(2, '0')}-${String((n % 28) + 1).padStart(2, '0')}`;
  const parent = n % 10 === 0 ? `"${id('event', n - 7)}"` : 'null';
  const unit: ReturnType<typeof unitOf> = [
    [
      'events',
      `{"id":"${event}","type":"${TYPES[n % 4]}","title":"Generated event ${n}: a delegation's visit and talks","summary":"${SUMMARY}","start":"${date}","place":"${SEEDED_PLACES[n % 4]}","parent":${parent},"names":[{"name":"Event ${n}","used_by":"the West"},{"name":"사건 ${n}","used_by":"DPRK"}],"citations":[${cite(`the event numbered ${n}`)},${cite(`reported on the day after ${n}`)}]}`,
    ],
    [
      'participations',
      `{"id":"${id('participation', 2 * n)}","event":"${event}","participant":{"kind":"person","id":"${person}"},"role":"led the delegation","citations":[${cite(`led by the person of event ${n}`)}]}`,
    ],
    [
      'participations',
      `{"id":"${id('participation', 2 * n + 1)}","event":"${event}","participant":{"kind":"person","id":"kim-jong-un"},"role":"received the delegation","citations":[${cite(`received by Kim at event ${n}`)}]}`,
    ],
    [
      'statements',
      `{"id":"${id('statement', n)}","speaker":{"kind":"person","id":"${person}"},"date":null,"event":"${event}","delegation":null,"kind":"remarks","mode":"paraphrase","text":"${SPEECH}","citations":[${cite(`said at event ${n}`)}]}`,
    ],
  ];
  if (n % 4 === 0) {
    unit.push([
      'people',
      `{"id":"${id('person', n)}","name":"Generated Person ${n}","aliases":["Person ${n}","인물 ${n}"],"country":"dprk-state","description":"a generated official who leads delegations","citations":[${cite(`the official numbered ${n}`)}]}`,
    ]);
  }
  return unit;
}

/**
 * A valid bundle of exactly `bytes` bytes: people, events, participations and statements, as a
 * real bundle mixes them, with some text outside ASCII (which makes the parser's string two bytes
 * a character, the costly case), references to the seed and to generated records before and
 * after them, and spaces after the closing brace to reach the size. Deterministic.
 */
function bundleOfSize(bytes: number): { body: Buffer; events: number; records: number } {
  const arrays = { people: [], events: [], participations: [], statements: [] } as Record<
    'people' | 'events' | 'participations' | 'statements',
    string[]
  >;
  const head = '{"format":"annals-bundle","version":1';
  // The array's names, brackets and commas, and the closing brace.
  let size = head.length + 1 + Object.keys(arrays).reduce((n, key) => n + key.length + 6, 0);
  let n = 0;
  for (;;) {
    n += 1;
    const unit = unitOf(n);
    let unitSize = 0;
    for (const [kind, text] of unit) {
      arrays[kind].push(text);
      unitSize += Buffer.byteLength(text) + 1;
    }
    size += unitSize;
    // Near the end (four units of room left), stop on a unit with a person, or an event would
    // refer to nobody.
    if (size + 4 * unitSize > bytes && n % 4 === 0) break;
  }
  const body = Buffer.alloc(bytes, ' ');
  let at = body.write(head);
  for (const [kind, texts] of Object.entries(arrays)) {
    at += body.write(`,"${kind}":[`, at);
    texts.forEach((text, i) => {
      at += body.write(i === 0 ? text : `,${text}`, at);
    });
    at += body.write(']', at);
  }
  at += body.write('}', at);
  if (at > bytes - 1) throw new Error('the bundle came out larger than asked');
  const records = Object.values(arrays).reduce((sum, texts) => sum + texts.length, 0);
  return { body, events: n, records };
}

/** POSTs a JSON body to `url` with KEY: the answer, or the error if the connection broke. */
function postJson(
  url: string,
  body: Buffer,
  onUploaded: () => void,
): Promise<(Answer & { type: string }) | { error: Error }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent: false,
        headers: {
          'content-type': 'application/json',
          'content-length': body.length,
          authorization: `Bearer ${KEY.secret}`,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            type: res.headers['content-type'] ?? '',
            body: Buffer.concat(chunks).toString('utf8'),
            ms: performance.now() - started,
          }),
        );
        res.on('error', (error) => resolve({ error }));
      },
    );
    req.on('error', (error) => resolve({ error }));
    req.on('finish', onUploaded);
    req.end(body);
  });
}

/** The kernel's count of this process's resident memory now and at its peak, in MiB. */
function memoryOf(pid: number | undefined): { rss: number; peak: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (field: string) =>
      Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
    return { rss: kib('VmRSS') / 1024, peak: kib('VmHWM') / 1024 };
  } catch {
    return undefined;
  }
}

const mib = (memory: { rss: number; peak: number } | undefined) =>
  memory ? `RSS ${memory.rss.toFixed(0)} MiB, peak ${memory.peak.toFixed(0)} MiB` : 'not known';

/** The README's recipe for a small container (NODE_OPTIONS caps the heap of every thread). */
const SMALL_CONTAINER = {
  NODE_OPTIONS: '--max-old-space-size=192',
  READ_WORKERS: '1',
  CACHE_MB: '16',
};

interface Bundle {
  body: Buffer;
  records: number;
}

/**
 * Starts the built server with `env`, posts the bundle as a dry run while asking /health again
 * and again, and checks that the import is answered (a report, or a problem), that every /health
 * is, and that the process lives on. Says the figures: time, the slowest /health, memory.
 */
async function importAtTheLimit(t: Test, bundle: Bundle, env: Record<string, string> = {}) {
  const server = await startServer(t, join(tempDir(t), 'annals.db'), { args: startArgs(), env });
  const pid = server.child.pid;
  t.comment(`listening: ${mib(memoryOf(pid))}`);

  // /health from the moment the whole body has been sent until the import is answered: each
  // must answer, and the slowest says how long the event loop was held.
  const agent = keepAlive(t, 1);
  const health: (Answer & { at: number })[] = [];
  let answered = false;
  let polling: Promise<void> = Promise.resolve();
  const started = performance.now();
  let uploadedAt = 0;
  // A dry run: the body is read, parsed, checked record by record and staged as in an import,
  // which is where its size weighs; writing 200,000 records would only make the test slower.
  const importing = postJson(`${server.url}/v1/imports?dry_run=true`, bundle.body, () => {
    uploadedAt = performance.now();
    polling = (async () => {
      while (!answered) {
        health.push({
          ...(await get(`${server.url}/health`, agent, 300_000)),
          at: performance.now(),
        });
        await sleep(50);
      }
    })();
  });
  const answer = await importing;
  const answeredAt = performance.now();
  answered = true;
  await polling;
  const memory = memoryOf(pid);

  if ('error' in answer) {
    t.fail(`the import got no answer: ${answer.error.message}`);
  } else if (answer.status === 200) {
    const record = JSON.parse(answer.body);
    t.equal(record.status, 'validated', '200: the dry run has its report');
    t.same(
      record.report?.totals,
      { created: bundle.records, updated: 0, unchanged: 0, rejected: 0 },
      `every one of the ${bundle.records} records would be created`,
    );
  } else {
    t.match(answer.type, /^application\/problem\+json/, `${answer.status}: refused with a problem`);
    t.comment(`refused: ${answer.body.slice(0, 400)}`);
  }
  t.equal(server.child.exitCode, null, 'the server process is still running');
  t.ok(
    health.some((h) => h.at < answeredAt),
    `a /health sent during the import was answered before it (${health.length} asked)`,
  );
  t.ok(
    health.every((h) => h.status === 200),
    `every /health during the import answered 200 (${[...new Set(health.map((h) => h.status))].join(', ')})`,
  );
  const after = await get(`${server.url}/health`);
  t.equal(after.status, 200, '/health answers 200 after the import');

  // The import worker is there for the next import, even if the last one cost it its life.
  const small = bundleOfSize(64 * 1024);
  const next = await postJson(`${server.url}/v1/imports`, small.body, () => {});
  t.equal('error' in next ? next.error.message : next.status, 201, 'a small import next is 201');

  const slowest = Math.max(0, ...health.map((h) => h.ms));
  t.comment(
    `upload ${((uploadedAt - started) / 1000).toFixed(1)} s, answer ${((answeredAt - started) / 1000).toFixed(1)} s after the start; slowest /health ${slowest.toFixed(0)} ms of ${health.length}; server ${mib(memory)}`,
  );
  await server.stop('SIGTERM');
}

t.test('a JSON bundle at the size limit is answered and the server lives on', async (t) => {
  t.comment(`${ensureBuilt()}; starting node ${startArgs().join(' ')}`);
  const generating = performance.now();
  const bundle = bundleOfSize(JSON_BODY_LIMIT);
  t.equal(bundle.body.length, JSON_BODY_LIMIT, 'the bundle is exactly the limit');
  t.comment(
    `${bundle.events} events, ${bundle.records} records, made in ${((performance.now() - generating) / 1000).toFixed(1)} s`,
  );
  await t.test('as npm start runs the server', (t) => importAtTheLimit(t, bundle));
  await t.test(`with the small container's ${JSON.stringify(SMALL_CONTAINER)}`, (t) =>
    importAtTheLimit(t, bundle, SMALL_CONTAINER),
  );
});
