/**
 * Clients that ask for event items in a loop, one request at a time each and `pauseMs` between
 * an answer and the next request, while something else runs (an import): how long each answer
 * took and with what status.
 */
import { Agent, request } from 'node:http';
import { mulberry32 } from './random.js';

export interface ReadFigures {
  clients: number;
  pauseMs: number;
  requests: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Answers by status (`200`, `404`), and `error` for requests that got none. */
  statuses: Record<string, number>;
  /** The five slowest: when each was sent (seconds after the readers started) and its time. */
  slowest: { atSeconds: number; ms: number; status: string }[];
}

function getOnce(agent: Agent, url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

const WARMUP = 20;

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

/**
 * Starts `clients` readers of `/v1/events/<id>` at ids drawn from `ids`. Each first asks
 * `WARMUP` times untimed (a server's first answers pay for its start: compiling, opening its
 * read connections); `ready` resolves when all have. stop() gives the figures from then on.
 */
export function startItemReaders(url: string, ids: string[], clients: number, pauseMs: number) {
  const agent = new Agent({ keepAlive: true, maxSockets: clients });
  const answers: { at: number; ms: number; status: string }[] = [];
  const statuses: Record<string, number> = {};
  let running = true;
  let started = performance.now();
  let warm = 0;
  let warmed: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    warmed = () => {
      warm += 1;
      if (warm === clients) {
        started = performance.now();
        resolve();
      }
    };
  });
  const loop = async (client: number) => {
    const rng = mulberry32(1000 + client);
    for (let i = 0; i < WARMUP; i++) {
      const id = ids[Math.floor(rng() * ids.length)] as string;
      await getOnce(agent, `${url}/v1/events/${encodeURIComponent(id)}`).catch(() => 0);
    }
    warmed();
    await ready;
    while (running) {
      const id = ids[Math.floor(rng() * ids.length)] as string;
      const at = performance.now();
      let status: string;
      try {
        status = String(await getOnce(agent, `${url}/v1/events/${encodeURIComponent(id)}`));
      } catch {
        status = 'error';
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      answers.push({ at, ms: performance.now() - at, status });
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  };
  const loops = Array.from({ length: clients }, (_, i) => loop(i));
  return {
    ready,
    async stop(): Promise<ReadFigures> {
      running = false;
      const seconds = (performance.now() - started) / 1000;
      await Promise.all(loops);
      agent.destroy();
      const sorted = answers.map((a) => a.ms).sort((a, b) => a - b);
      const slowest = [...answers]
        .sort((a, b) => b.ms - a.ms)
        .slice(0, 5)
        .map((a) => ({ atSeconds: (a.at - started) / 1000, ms: a.ms, status: a.status }));
      return {
        clients,
        pauseMs,
        requests: sorted.length,
        perSecond: sorted.length / seconds,
        p50Ms: percentile(sorted, 50),
        p99Ms: percentile(sorted, 99),
        maxMs: sorted.at(-1) ?? Number.NaN,
        statuses,
        slowest,
      };
    },
  };
}
