/**
 * A bounded soak (issue 6, "Load"): the built server on a fresh seeded database, with rate limits
 * and the overload guard off, read by 20 concurrent keep-alive workers on loopback while an
 * NDJSON import of a few thousand new records arrives every few seconds. Stops by itself.
 *
 *   npm run soak -- --minutes 3 --import-every 20 [--rss-bound-mb 100] [--no-build]
 *
 * PASS when no request failed (any non-2xx answer or socket error) and the server's RSS grew by
 * less than the bound between the start (after a warm-up) and the end; else FAIL, exit 1.
 * Writes bench/results/soak-<timestamp>.md and .json.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { API_ENV, memoryOf, ROOT, runChild, SERVER_ARGS, startServer } from './lib/processes.js';

const { values: opts } = parseArgs({
  options: {
    minutes: { type: 'string', default: '3' },
    'import-every': { type: 'string', default: '20' },
    'import-records': { type: 'string', default: '3000' },
    workers: { type: 'string', default: '20' },
    'warmup-seconds': { type: 'string', default: '10' },
    'rss-bound-mb': { type: 'string', default: '100' },
    'no-build': { type: 'boolean', default: false },
  },
});
const MINUTES = Number(opts.minutes);
const IMPORT_EVERY_S = Number(opts['import-every']);
const IMPORT_RECORDS = Number(opts['import-records']);
const WORKERS = Number(opts.workers);
const WARMUP_S = Number(opts['warmup-seconds']);
const RSS_BOUND_MB = Number(opts['rss-bound-mb']);
if (!(MINUTES > 0 && MINUTES <= 60)) throw new Error('--minutes must be in (0, 60]');
if (!(IMPORT_EVERY_S > 0) || !(IMPORT_RECORDS > 0) || !(WORKERS > 0)) {
  throw new Error('--import-every, --import-records and --workers must be positive');
}

const KEY = { name: 'soak', secret: 'sk-annals-soak-7c2d9e41b8a6f035' };
const log = (line: string) =>
  console.log(`[soak ${new Date().toISOString().slice(11, 19)}] ${line}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** GET targets over the seed (and, for the lists, what the imports add). */
function readTargets(): string[] {
  const years = [1950, 1953, 2000, 2023, 1600, 1800];
  const targets: string[] = [];
  for (const y of years) targets.push(`/v1/events?from=${y}&to=${y + 5}&limit=50`);
  targets.push('/v1/events?from=2023-07-01&to=2023-07-31&limit=20');
  targets.push('/v1/events?limit=50&include=place,participants');
  for (const id of ['victory-day-2023', 'korean-war', 'kim-jong-un-wreath-laying-cpv-cemetery']) {
    targets.push(`/v1/events/${id}`);
  }
  for (const q of ['korean war', 'mao', 'victory', 'kim jong', 'soak', 'cemetery']) {
    targets.push(`/v1/search?q=${encodeURIComponent(q)}`);
  }
  targets.push('/v1/timeline?from=2023-07&to=2023-07', '/v1/timeline?from=1950&to=1953');
  for (const id of ['kim-jong-un', 'mao-anying', 'li-hongzhong']) {
    targets.push(`/v1/people/${id}`, `/v1/people/${id}/events`);
  }
  targets.push('/v1/people?limit=20', '/v1/places?limit=50');
  return targets;
}

/** One import's NDJSON: places, then events that sit in them and cite the seed's article. */
function* importBody(round: number, count: number): Generator<string> {
  const prefix = `soak-r${String(round).padStart(3, '0')}`;
  const placeCount = Math.max(1, Math.round(count / 4));
  let batch: string[] = [];
  const push = function* (line: string) {
    batch.push(`${line}\n`);
    if (batch.length === 500) {
      yield batch.join('');
      batch = [];
    }
  };
  for (let n = 1; n <= placeCount; n += 1) {
    const record = { id: `${prefix}-p${n}`, name: `${prefix} place ${n}`, type: 'village' };
    yield* push(JSON.stringify({ kind: 'places', record }));
  }
  for (let n = 1; n <= count - placeCount; n += 1) {
    const year = 1500 + ((n * 37 + round * 11) % 526);
    const month = String(1 + (n % 12)).padStart(2, '0');
    const record = {
      id: `${prefix}-e${n}`,
      type: 'soak',
      title: `Soak event ${n} of round ${round}`,
      summary: `A generated event for the soak, round ${round}, number ${n}.`,
      start: `${year}-${month}`,
      end: null,
      place: `${prefix}-p${1 + (n % placeCount)}`,
      citations: [{ source: 'article-2023-07-27', excerpt: `soak ${round} ${n}` }],
    };
    yield* push(JSON.stringify({ kind: 'events', record }));
  }
  if (batch.length > 0) yield batch.join('');
}

interface Answer {
  status: number;
  ms: number;
  body: string;
}

function getOnce(url: string, agent: Agent): Promise<Answer> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, timeout: 30_000 }, (res) => {
      res.resume();
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, ms: performance.now() - started, body: '' }),
      );
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end();
  });
}

function postImport(baseUrl: string, round: number): Promise<Answer> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(
      `${baseUrl}/v1/imports`,
      {
        method: 'POST',
        agent: false,
        headers: {
          'content-type': 'application/x-ndjson',
          authorization: `Bearer ${KEY.secret}`,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            ms: performance.now() - started,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    for (const chunk of importBody(round, IMPORT_RECORDS)) req.write(chunk);
    req.end();
  });
}

const quantile = (sorted: number[], q: number) =>
  sorted.length === 0
    ? 0
    : (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0);
const round1 = (x: number) => Math.round(x * 10) / 10;

async function main(): Promise<void> {
  if (!opts['no-build']) {
    log('building (npm run build → dist/) ...');
    const built = await runChild(
      [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'],
      { logFile: join(tmpdir(), 'annals-soak-build.log') },
    );
    if (built.code !== 0) throw new Error('the build failed; see the build log in the temp dir');
  }
  const dir = mkdtempSync(join(tmpdir(), 'annals-soak-'));
  const resultsDir = join(ROOT, 'bench', 'results');
  mkdirSync(resultsDir, { recursive: true });
  const logFile = join(dir, 'server.log');
  const server = await startServer({
    args: SERVER_ARGS,
    env: {
      ...API_ENV,
      SEED_ON_START: 'true',
      DATABASE_PATH: join(dir, 'soak.db'),
      API_KEYS: `${KEY.name}:${KEY.secret}`,
    },
    logFile,
    readyPath: '/v1/sources?limit=1',
  });
  log(`server pid ${server.pid} at ${server.url}, up in ${Math.round(server.startupMs)} ms`);

  const targets = readTargets();
  // Every target must answer 2xx before the soak: a wrong URL is a bug here, not in the server.
  const agent = new Agent({ keepAlive: true, maxSockets: WORKERS });
  for (const path of targets) {
    const answer = await getOnce(`${server.url}${path}`, agent);
    if (answer.status < 200 || answer.status >= 300) {
      await server.stop();
      throw new Error(`target ${path} answered ${answer.status}`);
    }
  }

  let phase: 'warmup' | 'measure' | 'stop' = 'warmup';
  const latencies: number[] = [];
  let requests = 0;
  let errors = 0;
  const errorSamples: string[] = [];
  const recordError = (what: string) => {
    errors += 1;
    if (errorSamples.length < 10) errorSamples.push(what);
  };

  const worker = async (w: number) => {
    let i = w;
    while (phase !== 'stop') {
      const path = targets[i % targets.length] as string;
      i += 7;
      const measuring = phase === 'measure';
      try {
        const answer = await getOnce(`${server.url}${path}`, agent);
        if (!measuring) continue;
        requests += 1;
        latencies.push(answer.ms);
        if (answer.status < 200 || answer.status >= 300)
          recordError(`${answer.status} GET ${path}`);
      } catch (error) {
        if (!measuring) continue;
        requests += 1;
        recordError(`socket GET ${path}: ${(error as Error).message}`);
      }
    }
  };
  const workers = Array.from({ length: WORKERS }, (_, w) => worker(w));

  log(`warm-up ${WARMUP_S} s with ${WORKERS} workers over ${targets.length} targets`);
  await sleep(WARMUP_S * 1000);
  phase = 'measure';
  const started = performance.now();
  const rssStart = memoryOf(server.pid).rssMb;
  const samples: { s: number; rssMb: number }[] = [{ s: 0, rssMb: rssStart }];
  log(`measuring for ${MINUTES} min; RSS at start ${rssStart} MB`);

  const imports: { round: number; status: number; ms: number; records: number }[] = [];
  const importLoop = async () => {
    let roundNo = 0;
    const endAt = started + MINUTES * 60_000;
    while (performance.now() + 1000 < endAt) {
      const next = started + (roundNo + 1) * IMPORT_EVERY_S * 1000;
      if (next >= endAt) break;
      await sleep(Math.max(0, next - performance.now()));
      roundNo += 1;
      try {
        const answer = await postImport(server.url, roundNo);
        imports.push({
          round: roundNo,
          status: answer.status,
          ms: answer.ms,
          records: IMPORT_RECORDS,
        });
        if (answer.status !== 201)
          recordError(`${answer.status} import ${roundNo}: ${answer.body.slice(0, 300)}`);
        log(
          `import ${roundNo}: ${answer.status} in ${Math.round(answer.ms)} ms (${IMPORT_RECORDS} records)`,
        );
      } catch (error) {
        imports.push({ round: roundNo, status: 0, ms: 0, records: IMPORT_RECORDS });
        recordError(`socket import ${roundNo}: ${(error as Error).message}`);
      }
    }
  };
  const importing = importLoop();

  const endAt = started + MINUTES * 60_000;
  while (performance.now() < endAt) {
    await sleep(Math.min(10_000, endAt - performance.now()));
    const s = Math.round((performance.now() - started) / 1000);
    const rssMb = memoryOf(server.pid).rssMb;
    samples.push({ s, rssMb });
    log(`t=${s}s requests=${requests} errors=${errors} rss=${rssMb} MB`);
  }
  phase = 'stop';
  await Promise.all([...workers, importing]);
  const seconds = (performance.now() - started) / 1000;
  const rssEnd = memoryOf(server.pid).rssMb;
  if (samples.at(-1)?.s !== Math.round(seconds))
    samples.push({ s: Math.round(seconds), rssMb: rssEnd });
  const { peakMb } = memoryOf(server.pid);
  agent.destroy();
  await server.stop();

  latencies.sort((a, b) => a - b);
  const importMs = imports.map((i) => i.ms).sort((a, b) => a - b);
  const growth = rssEnd - rssStart;
  const pass = errors === 0 && growth < RSS_BOUND_MB;
  const verdict = `${pass ? 'PASS' : 'FAIL'}: ${errors} errors (must be 0), RSS grew ${growth} MB (bound < ${RSS_BOUND_MB} MB)`;
  const result = {
    date: new Date().toISOString(),
    options: {
      minutes: MINUTES,
      importEverySeconds: IMPORT_EVERY_S,
      importRecords: IMPORT_RECORDS,
      workers: WORKERS,
      warmupSeconds: WARMUP_S,
      rssBoundMb: RSS_BOUND_MB,
    },
    seconds: round1(seconds),
    reads: {
      requests,
      perSecond: round1(requests / seconds),
      p50Ms: round1(quantile(latencies, 0.5)),
      p99Ms: round1(quantile(latencies, 0.99)),
      maxMs: round1(latencies.at(-1) ?? 0),
    },
    errors,
    errorSamples,
    imports: {
      count: imports.length,
      records: imports.length * IMPORT_RECORDS,
      medianMs: Math.round(quantile(importMs, 0.5)),
      maxMs: Math.round(importMs.at(-1) ?? 0),
      each: imports.map((i) => ({ ...i, ms: Math.round(i.ms) })),
    },
    rss: {
      startMb: rssStart,
      endMb: rssEnd,
      maxMb: Math.max(...samples.map((x) => x.rssMb)),
      peakVmHwmMb: peakMb,
      growthMb: growth,
      samples,
    },
    pass,
    verdict,
  };

  const md = [
    `# Soak, ${result.date}`,
    '',
    `${MINUTES} min after a ${WARMUP_S} s warm-up; ${WORKERS} read workers on loopback over ${targets.length} GET targets; an NDJSON import of ${IMPORT_RECORDS} records every ${IMPORT_EVERY_S} s. Built server, seeded temp database, rate limits and overload guard off.`,
    '',
    '| figure | value |',
    '| --- | --- |',
    `| reads | ${requests} (${result.reads.perSecond}/s) |`,
    `| errors (non-2xx or socket) | ${errors} |`,
    `| read latency p50 / p99 / max | ${result.reads.p50Ms} / ${result.reads.p99Ms} / ${result.reads.maxMs} ms |`,
    `| imports | ${imports.length} × ${IMPORT_RECORDS} records, median ${result.imports.medianMs} ms, max ${result.imports.maxMs} ms |`,
    `| import durations | ${imports.map((i) => `${Math.round(i.ms)}`).join(', ')} ms |`,
    `| RSS start / end / max | ${rssStart} / ${rssEnd} / ${result.rss.maxMb} MB (growth ${growth} MB) |`,
    '',
    `**${verdict}**`,
    '',
    ...(errorSamples.length > 0
      ? ['Errors (first 10):', '', ...errorSamples.map((e) => `- ${e}`), '']
      : []),
    `RSS every 10 s (MB): ${samples.map((x) => `${x.s}s ${x.rssMb}`).join(', ')}`,
    '',
  ].join('\n');
  const stamp = result.date.replace(/[:.]/g, '-');
  const base = join(resultsDir, `soak-${stamp}`);
  writeFileSync(`${base}.md`, md);
  writeFileSync(`${base}.json`, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`\n${md}`);
  log(`wrote ${base}.md and .json`);
  if (pass) rmSync(dir, { recursive: true, force: true });
  else log(`kept ${dir} (server log: ${logFile})`);
  process.exitCode = pass ? 0 : 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
