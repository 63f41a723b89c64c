/**
 * `app.exports`: exports as streams of slices (bundle/export.ts), and their limits.
 *
 * Each slice is a read task in the read pool's bulk lane (inline with READ_WORKERS=0, after a
 * setImmediate, so that the event loop turns between two slices). A slice is asked for only
 * when the stream wants more: Fastify pipes the stream into the socket, a client that reads
 * slowly fills the socket, the pipe stops reading, and the stream stops asking. So a slow client
 * holds no worker and no thread, only what the stream buffers (a slice or so).
 *
 * Limits: at most `maxConcurrent` exports at once (more are answered 503 with Retry-After); each
 * slice within the read budget (READ_TIMEOUT_MS, a 503 if it is the first); the whole export
 * within `timeoutMs`; and a stream that has waited `idleMs` for its client to take what it
 * already holds is ended. Once the first bytes are sent, an export stopped for any of these
 * reasons can no longer become a problem: its connection is cut, and the client sees a body
 * broken off.
 */
import { Readable } from 'node:stream';
import fp from 'fastify-plugin';
import { problems } from '../../http/errors.js';
import { kindNamed } from '../../kinds/index.js';
import { EXPORT_START, type ExportOptions, type ExportPosition } from '../export.js';
import { csvPageTask, exportSliceTask, sliceOf } from '../export-task.js';

export interface ExportLimits {
  /** Exports running at once; more are answered 503 with Retry-After. */
  maxConcurrent: number;
  /** How long an export may run, in ms; 0: no limit. */
  timeoutMs: number;
  /** How long a stream waits for its client to take what it holds before ending the export. */
  idleMs: number;
}

export interface ExportStats {
  /** Exports streaming now. */
  running: number;
  /** Exports refused because `maxConcurrent` were running. */
  refused: number;
  /** Slices rendered, all exports together. */
  slices: number;
  /** Exports ended by `timeoutMs` or `idleMs`. */
  cut: number;
}

export interface Exports {
  readonly limits: ExportLimits;
  /** The export as a stream, or a 503 problem when `maxConcurrent` exports are running. */
  open(options: ExportOptions): Readable;
  /**
   * A list's page as CSV (`GET /v1/{kind}` with `format=csv`): the records of these ids, in this
   * order, with the header row. A page is at most 100 records: a read like the list's own, not
   * a stream, and not counted among the exports. `kind` is a collection's name (`events`).
   */
  csvPage(kind: string, ids: string[]): Promise<string>;
  stats(): ExportStats;
}

declare module 'fastify' {
  interface FastifyInstance {
    exports: Exports;
  }
}

/** What one slice is asked for with: how the route's pool runs it. */
type RunSlice = (options: ExportOptions, position: ExportPosition) => Promise<string>;

/** Past this much held, the stream waits for the client before asking for another slice. */
const BUFFERED = 256 * 1024;

function sliceStream(
  options: ExportOptions,
  runSlice: RunSlice,
  limits: ExportLimits,
  stats: ExportStats,
  onClose: () => void,
): Readable {
  let position: ExportPosition | null = EXPORT_START;
  let asking = false;
  let idle: NodeJS.Timeout | undefined;
  const cut = (why: string) => {
    stats.cut += 1;
    stream.destroy(new Error(`the export was stopped: ${why}`));
  };
  const whole =
    limits.timeoutMs > 0
      ? setTimeout(() => cut(`it ran for ${limits.timeoutMs} ms`), limits.timeoutMs)
      : undefined;

  const ask = async () => {
    try {
      // A slice can be empty (the end of an NDJSON export): then the next one is asked for.
      for (;;) {
        const slice = sliceOf(await runSlice(options, position as ExportPosition));
        stats.slices += 1;
        if (stream.destroyed) return;
        position = slice.next;
        if (position === null) {
          if (slice.text !== '') stream.push(slice.text);
          stream.push(null);
          return;
        }
        if (slice.text !== '') {
          asking = false;
          clearTimeout(idle);
          idle = setTimeout(
            () => cut(`the client took nothing for ${limits.idleMs} ms`),
            limits.idleMs,
          );
          stream.push(slice.text);
          return;
        }
      }
    } catch (error) {
      stream.destroy(error as Error);
    }
  };

  const stream = new Readable({
    highWaterMark: BUFFERED,
    read() {
      clearTimeout(idle);
      if (asking || position === null) return;
      asking = true;
      setImmediate(ask);
    },
    destroy(error, callback) {
      clearTimeout(idle);
      clearTimeout(whole);
      onClose();
      callback(error);
    },
  });
  return stream;
}

export default fp<ExportLimits>(
  async (app, limits) => {
    const stats: ExportStats = { running: 0, refused: 0, slices: 0, cut: 0 };
    const runSlice: RunSlice = (options, position) =>
      app.reads.text(exportSliceTask, { options, position }, { lane: 'bulk' });
    app.decorate('exports', {
      limits,
      open(options: ExportOptions): Readable {
        if (stats.running >= limits.maxConcurrent) {
          stats.refused += 1;
          throw problems.unavailable(
            `${limits.maxConcurrent} exports are already running: retry later.`,
            30,
          );
        }
        stats.running += 1;
        let closed = false;
        return sliceStream(options, runSlice, limits, stats, () => {
          if (closed) return;
          closed = true;
          stats.running -= 1;
        });
      },
      csvPage(name, ids) {
        const kind = kindNamed(name)?.name;
        if (!kind) throw new Error(`no kind of record is named ${name}`);
        return app.reads.text(csvPageTask, { kind, ids });
      },
      stats: () => ({ ...stats }),
    });
  },
  { name: 'exports', dependencies: ['reads'] },
);
