/**
 * A sequential probe before the load: up to `limit` targets requested one at a time over a
 * keep-alive connection, so the latency is the server's own work with no queueing. It tells
 * which targets are slow, what the answers weigh, and which fail (with the body of the first).
 */
import { Agent, request } from 'node:http';

export interface Sample {
  path: string;
  status: number;
  ms: number;
  bytes: number;
}

export interface Probe {
  count: number;
  statuses: Record<string, number>;
  medianMs: number;
  meanMs: number;
  maxMs: number;
  meanBytes: number;
  slowest: Sample[];
  failures: (Sample & { body: string })[];
  /** Per category (search: common, rare, prefix, ...): count, median and max latency. */
  byCategory?: Record<string, { count: number; medianMs: number; maxMs: number }>;
  samples: Sample[];
}

const agent = new Agent({ keepAlive: true, maxSockets: 1 });

function timedGet(url: string): Promise<Sample & { body: string }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = request(url, { agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        resolve({
          path: new URL(url).pathname + new URL(url).search,
          status: res.statusCode ?? 0,
          ms: performance.now() - started,
          bytes: body.byteLength,
          body: body.toString('utf8', 0, Math.min(body.byteLength, 600)),
        });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

const medianOf = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? 0;
};

export async function probe(
  baseUrl: string,
  paths: string[],
  categories?: string[],
  limit = 200,
): Promise<Probe> {
  // Evenly spaced over the list, so every category of a shuffled list is represented.
  const picks = [
    ...new Set(
      Array.from({ length: Math.min(limit, paths.length) }, (_, i) =>
        Math.floor((i * paths.length) / Math.min(limit, paths.length)),
      ),
    ),
  ];
  const results: (Sample & { body: string; category?: string })[] = [];
  for (const i of picks) {
    const sample = await timedGet(`${baseUrl}${paths[i]}`);
    results.push({ ...sample, category: categories?.[i] });
  }
  const statuses: Record<string, number> = {};
  for (const r of results) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
  const strip = ({ path, status, ms, bytes }: Sample): Sample => ({ path, status, ms, bytes });
  let byCategory: Probe['byCategory'];
  if (categories) {
    byCategory = {};
    for (const category of new Set(results.map((r) => r.category ?? ''))) {
      const ms = results.filter((r) => r.category === category).map((r) => r.ms);
      byCategory[category] = { count: ms.length, medianMs: medianOf(ms), maxMs: Math.max(...ms) };
    }
  }
  return {
    count: results.length,
    statuses,
    medianMs: medianOf(results.map((r) => r.ms)),
    meanMs: results.reduce((sum, r) => sum + r.ms, 0) / Math.max(1, results.length),
    maxMs: Math.max(...results.map((r) => r.ms)),
    meanBytes: results.reduce((sum, r) => sum + r.bytes, 0) / Math.max(1, results.length),
    slowest: [...results]
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 5)
      .map(strip),
    failures: results.filter((r) => r.status >= 400).slice(0, 5),
    ...(byCategory ? { byCategory } : {}),
    samples: results.map(strip),
  };
}
