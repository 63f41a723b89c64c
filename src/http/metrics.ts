/**
 * `GET /metrics`: the render cache's and the read pool's counters in Prometheus' text format
 * (0.0.4), for a scraper or the bench. Hidden from the OpenAPI document (it is operations, not
 * the API) and never cached. Reads no database: it costs what /health costs.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

const CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

interface Metric {
  name: string;
  type: 'counter' | 'gauge';
  help: string;
  value: number;
}

function exposition(metrics: Metric[]): string {
  return metrics
    .map((m) => `# HELP ${m.name} ${m.help}\n# TYPE ${m.name} ${m.type}\n${m.name} ${m.value}\n`)
    .join('');
}

/**
 * The process's memory under the names Prometheus' Node.js clients use. The RSS counts every
 * thread (the read workers' heaps are in it); the V8 figures are the main thread's alone, and
 * `external` holds the render cache's buffers.
 */
function memory(): Metric[] {
  const used = process.memoryUsage();
  const gauge = (name: string, help: string, value: number): Metric => ({
    name,
    type: 'gauge',
    help,
    value,
  });
  return [
    gauge('process_resident_memory_bytes', 'Resident memory, every thread.', used.rss),
    gauge('nodejs_heap_size_total_bytes', "The main thread's V8 heap.", used.heapTotal),
    gauge('nodejs_heap_size_used_bytes', 'Of it, in use.', used.heapUsed),
    gauge(
      'nodejs_external_memory_bytes',
      "Memory outside the main thread's heap held by its objects (buffers).",
      used.external,
    ),
  ];
}

function collect(app: FastifyInstance): Metric[] {
  const cache = app.reads.cacheStats();
  const pool = app.reads.stats();
  return [
    ...memory(),
    {
      name: 'annals_render_cache_hits_total',
      type: 'counter',
      help: 'Reads answered from the render cache (304s included).',
      value: cache?.hits ?? 0,
    },
    {
      name: 'annals_render_cache_misses_total',
      type: 'counter',
      help: 'Reads the render cache could not answer (stale entries included).',
      value: cache?.misses ?? 0,
    },
    {
      name: 'annals_render_cache_stale_total',
      type: 'counter',
      help: 'Lookups that found an answer read before the database last changed.',
      value: cache?.stale ?? 0,
    },
    {
      name: 'annals_render_cache_evictions_total',
      type: 'counter',
      help: 'Answers dropped, least recently used first, to stay within CACHE_MB.',
      value: cache?.evictions ?? 0,
    },
    {
      name: 'annals_render_cache_bytes',
      type: 'gauge',
      help: 'Bytes the stored answers count against the bound.',
      value: cache?.bytes ?? 0,
    },
    {
      name: 'annals_render_cache_max_bytes',
      type: 'gauge',
      help: 'The bound (CACHE_MB in bytes); 0 when the cache is off.',
      value: cache?.maxBytes ?? 0,
    },
    {
      name: 'annals_render_cache_entries',
      type: 'gauge',
      help: 'Answers stored.',
      value: cache?.entries ?? 0,
    },
    {
      name: 'annals_read_pool_workers',
      type: 'gauge',
      help: 'Read worker threads (0: reads run on the main thread).',
      value: pool?.workers ?? 0,
    },
    {
      name: 'annals_read_pool_running',
      type: 'gauge',
      help: 'Reads running in a worker.',
      value: pool?.running ?? 0,
    },
    {
      name: 'annals_read_pool_queued',
      type: 'gauge',
      help: 'Reads waiting for a worker.',
      value: pool?.queued ?? 0,
    },
    {
      name: 'annals_read_pool_completed_total',
      type: 'counter',
      help: 'Reads a worker has finished.',
      value: pool?.completed ?? 0,
    },
    {
      name: 'annals_read_pool_timeouts_total',
      type: 'counter',
      help: 'Reads stopped at their time budget (answered 503).',
      value: pool?.timeouts ?? 0,
    },
    {
      name: 'annals_read_pool_refused_total',
      type: 'counter',
      help: 'Reads refused at once because the queue was full (answered 503).',
      value: pool?.refused ?? 0,
    },
    {
      name: 'annals_read_pool_replaced_total',
      type: 'counter',
      help: 'Workers replaced after a read was stopped.',
      value: pool?.replaced ?? 0,
    },
  ];
}

export default fp(
  async (app: FastifyInstance) => {
    app.get('/metrics', { schema: { hide: true } }, async (_request, reply) =>
      reply.type(CONTENT_TYPE).send(exposition(collect(app))),
    );
  },
  { name: 'metrics', dependencies: ['reads'] },
);
