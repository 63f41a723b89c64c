/**
 * The read workers: a piscina pool of `workers` threads, each with its own read-only connection
 * (src/reads/worker.ts), with our own FIFO in front of it.
 *
 * Why our own queue: piscina gives a task that has an AbortSignal a way around its `maxQueue` and
 * its FIFO order (measured: six abortable tasks with maxQueue 2 were all taken, and finished out
 * of order). So piscina is never given more tasks than it has workers; the rest wait here, in
 * order, up to `queueMax`, beyond which a read is refused at once.
 *
 * Two lanes, each a FIFO: `interactive` (items, pages, views) and `bulk` (export slices, lists
 * with `count=true`). Bulk reads run on at most `max(1, workers - 1)` workers at once, so with two
 * workers or more one is always left for the rest: however many exports and counts are asked
 * for, an item waits only for other interactive reads. Between the lanes, the read that arrived
 * first goes first, a bulk read being skipped while its lane is full; so neither lane starves.
 *
 * The budget (`timeoutMs`) counts from arrival, queueing included. A read still running when it
 * runs out is aborted: piscina terminates its worker and starts another in its place. One sweeper
 * timer finds the reads out of budget, waiting or running, every `sweepMs` (a twentieth of the
 * budget, 5 to 100 ms), rather than a timer and an `AbortSignal.timeout` per read: measured with
 * event items on 2 workers, the main thread spent 82-110 µs a read with `AbortSignal.timeout`,
 * 49-55 µs with the `Deadline` below, 45-61 µs with no signal at all (piscina alone), and 27-45
 * µs over bare `postMessage` without piscina (two runs): too close to piscina's to trade a
 * well-kept pool for one of our own. Caveat:
 * terminating a thread does not stop a better-sqlite3 `.get()`/`.all()` already running inside
 * SQLite (there is no sqlite3_interrupt in better-sqlite3 12): that thread runs its statement to
 * the end before it exits, using a core meanwhile. The timeout is a last resort; statements must
 * be bounded by design.
 *
 * Start-up: the workers load their modules (about 1 s each, more on a busy machine) while the
 * server already listens. Reads that arrive meanwhile wait in the queue, and their budget starts
 * once every worker has answered a first `READY_TASK`: loading is not the read's fault, and
 * aborting a worker still loading would only start another one loading.
 */
import { Piscina } from 'piscina';
import type { ReadResult } from './task.js';

/** What the main thread sends a worker: plain data, cloned across the thread boundary. */
export interface ReadRequest {
  task: string;
  params: unknown;
  fields?: readonly string[];
}

/** The task every worker answers first, telling the pool it has loaded. */
export const READY_TASK = '__ready';

/** Which queue a read waits in: `bulk` reads never take the last free worker (see above). */
export type Lane = 'interactive' | 'bulk';

export type PoolResult = ReadResult | { tag: 'timeout' } | { tag: 'busy' };

export interface ReadPoolOptions {
  /** How many workers (at least 1). */
  workers: number;
  /** How long a read may take from arrival, queueing included. */
  timeoutMs: number;
  /**
   * Reads waiting beyond those running; default 256 per worker. A full queue refuses at once
   * (503), so it must hold more than the connections a busy client keeps open: at 32 a worker,
   * one worker refused most of the bench's 50 connections. Waiting counts against the budget.
   */
  queueMax?: number;
  /** The worker's module (a URL), and what it is given at start. */
  filename: string;
  workerData: unknown;
}

interface Waiting {
  request: ReadRequest;
  lane: Lane;
  /** Arrival order, across both lanes. */
  order: number;
  /** Set once the pool has started. */
  deadline: number;
  resolve: (result: PoolResult) => void;
}

/**
 * A running read's abort signal, in the shape piscina accepts (an emitter with `once('abort')`):
 * the sweeper aborts it when `deadline` has passed, and piscina then replaces the worker.
 */
class Deadline {
  aborted = false;
  readonly reason = 'the read ran out of its time budget';
  private listener: (() => void) | undefined;
  constructor(readonly deadline: number) {}
  once(_event: 'abort', listener: () => void): void {
    this.listener = listener;
  }
  /** `off` is what piscina's types ask for, `removeListener` what it calls. */
  off(): void {
    this.listener = undefined;
  }
  removeListener(): void {
    this.listener = undefined;
  }
  abort(): void {
    this.aborted = true;
    this.listener?.();
  }
}

export interface ReadPoolStats {
  workers: number;
  /** True once every worker has loaded. */
  started: boolean;
  running: number;
  queued: number;
  /** Of those running and queued, the bulk lane's. */
  bulkRunning: number;
  bulkQueued: number;
  completed: number;
  timeouts: number;
  refused: number;
  replaced: number;
}

export function createReadPool(options: ReadPoolOptions) {
  const size = Math.max(1, options.workers);
  const queueMax = options.queueMax ?? 256 * size;
  const bulkMax = Math.max(1, size - 1);
  const stats: ReadPoolStats = {
    workers: size,
    started: false,
    running: 0,
    queued: 0,
    bulkRunning: 0,
    bulkQueued: 0,
    completed: 0,
    timeouts: 0,
    refused: 0,
    replaced: 0,
  };
  const lanes: Record<Lane, Waiting[]> = { interactive: [], bulk: [] };
  const running = new Set<Deadline>();
  let arrivals = 0;
  const countQueued = () => {
    stats.bulkQueued = lanes.bulk.length;
    stats.queued = lanes.interactive.length + lanes.bulk.length;
  };

  const dispatch = (
    request: ReadRequest,
    lane: Lane,
    deadline: number,
    resolve: Waiting['resolve'],
  ) => {
    stats.running += 1;
    if (lane === 'bulk') stats.bulkRunning += 1;
    const signal = new Deadline(deadline);
    running.add(signal);
    (start().run(request, { signal }) as Promise<ReadResult>)
      .then(
        (result) => {
          stats.completed += 1;
          resolve(result);
        },
        (error: unknown) => {
          if ((error as Error)?.name === 'AbortError') {
            stats.timeouts += 1;
            resolve({ tag: 'timeout' });
          } else {
            const e = error as Error;
            resolve({ tag: 'error', message: e?.message ?? String(error), stack: e?.stack });
          }
        },
      )
      .finally(() => {
        running.delete(signal);
        stats.running -= 1;
        if (lane === 'bulk') stats.bulkRunning -= 1;
        next();
      });
  };

  const bulkFull = () => stats.bulkRunning >= bulkMax;

  /** The read to start next: the earlier of the two lanes' heads, the bulk one only if it fits. */
  const nextWaiting = (): Waiting | undefined => {
    const interactive = lanes.interactive[0];
    const bulk = bulkFull() ? undefined : lanes.bulk[0];
    const head = !bulk || (interactive && interactive.order < bulk.order) ? interactive : bulk;
    if (head) lanes[head.lane].shift();
    return head;
  };

  const next = () => {
    while (stats.started && stats.running < size) {
      const head = nextWaiting();
      if (!head) break;
      countQueued();
      dispatch(head.request, head.lane, head.deadline, head.resolve);
    }
  };

  const startClock = (entry: Waiting) => {
    entry.deadline = Date.now() + options.timeoutMs;
  };

  /**
   * Reads out of budget: those waiting are answered at once (no worker touched), those running
   * are aborted. Every read gets the same budget from its arrival, so each lane's deadlines grow
   * from head to tail and only heads need looking at.
   */
  const sweep = () => {
    const now = Date.now();
    for (const lane of Object.values(lanes)) {
      while (lane[0] && lane[0].deadline <= now) {
        const entry = lane.shift() as Waiting;
        stats.timeouts += 1;
        entry.resolve({ tag: 'timeout' });
      }
    }
    countQueued();
    for (const signal of running) if (signal.deadline <= now && !signal.aborted) signal.abort();
  };
  const sweepMs = Math.min(100, Math.max(5, Math.round(options.timeoutMs / 20)));
  const sweeper = setInterval(sweep, sweepMs);
  sweeper.unref();

  /**
   * Starts the workers, once: when the server listens (plugin.ts) or at the first read, whichever
   * comes first. Not while the app is built: on 2 cores, two workers loading their modules beside
   * the main thread's own start-up delayed listening (spawn to the first /health answer) by about
   * a third; reads that come before the workers have loaded wait for them, as they always did.
   */
  let pool: Piscina | undefined;
  function start(): Piscina {
    if (pool) return pool;
    const started = new Piscina({
      filename: options.filename,
      // Never the parent's loaders (tap's would load ts-node in each worker): worker-url.ts picks
      // a file Node can load as it is.
      execArgv: [],
      workerData: options.workerData,
      minThreads: size,
      maxThreads: size,
      idleTimeout: Number.POSITIVE_INFINITY,
      concurrentTasksPerWorker: 1,
      // A worker's young generation is 48 MB by default, and a busy worker fills it all between
      // two scavenges. A read's garbage is small and short-lived (SQLite writes the answer's JSON;
      // what JavaScript allocates is a string or a slice of them), so 8 MB costs it nothing
      // measurable: the event item rendered in a loop took 118-129 CPU us with 16 MB semi-spaces,
      // 126-134 with 3 MB and 127-134 with 1 MB (load 10, three alternating runs). The server's
      // peak RSS under uniform event items, a slow export and count=true lists for 20 s (2
      // workers, 100k events) went from 445-491 MB (three runs) to 353-420 (five).
      //
      // An old generation of at most 1 GiB (the default is V8's, ~4 GiB here) leaves room for the
      // largest read (a batch of 100 records, and a source's text may hold 1,000,000 characters),
      // but V8 grows a heap that small by a smaller factor between collections, as it does on
      // devices with little memory. Measured on the 1M database (4 clients for 30 s: counts, facets,
      // searches, filtered lists and items, render cache off, two workers): the server's peak RSS
      // 260-268 MB with 1 GiB, 512, 256, 128 or 96 MiB, against 322-340 MB without a limit and
      // 328 with 2 GiB, for the same requests answered (1,019-1,079 against 1,064-1,114). Event
      // items alone (uniform ids, cache on, three alternating rounds): 39.7-43.8k against
      // 40.6-42.8k answers in 10 s, peak RSS 358-405 against 374-395 MB.
      resourceLimits: { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 1024 },
    });
    started.on('workerDestroy', () => {
      stats.replaced += 1;
    });
    // An 'error' without a listener would end the process; a failed task is answered by its promise.
    started.on('error', () => {});
    pool = started;
    // One first task per worker (piscina hands the initial workers one each): when all have
    // answered, every worker has loaded.
    void Promise.allSettled(
      Array.from({ length: size }, () => started.run({ task: READY_TASK, params: null })),
    ).then(() => {
      stats.started = true;
      for (const entry of [...lanes.interactive, ...lanes.bulk]) startClock(entry);
      next();
    });
    return started;
  }

  /** Runs a read in its lane (`interactive` unless said), or answers why it could not. */
  function run(request: ReadRequest, lane: Lane = 'interactive'): Promise<PoolResult> {
    start();
    return new Promise((resolve) => {
      // Nothing waits in the lane, so going first keeps its order.
      const free =
        stats.started &&
        stats.running < size &&
        lanes[lane].length === 0 &&
        (lane === 'interactive' || !bulkFull());
      if (free) return dispatch(request, lane, Date.now() + options.timeoutMs, resolve);
      if (stats.queued >= queueMax) {
        stats.refused += 1;
        return resolve({ tag: 'busy' });
      }
      arrivals += 1;
      const entry: Waiting = {
        request,
        lane,
        order: arrivals,
        deadline: Number.POSITIVE_INFINITY,
        resolve,
      };
      if (stats.started) startClock(entry);
      lanes[lane].push(entry);
      countQueued();
    });
  }

  async function close(): Promise<void> {
    clearInterval(sweeper);
    for (const entry of [...lanes.interactive.splice(0), ...lanes.bulk.splice(0)]) {
      entry.resolve({ tag: 'busy' });
    }
    countQueued();
    await pool?.destroy();
  }

  return { run, start, close, stats };
}

export type ReadPool = ReturnType<typeof createReadPool>;
