import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import compress from '@fastify/compress';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

/** Below this many bytes, compressing costs more than it saves. */
export const COMPRESSION_THRESHOLD = 1024;

/** Best first; what @fastify/compress offers, and what the render cache keeps variants of. */
const ENCODINGS = ['br', 'gzip'] as const;
export type Encoding = (typeof ENCODINGS)[number];

/** Quality 4, @fastify/compress's default: 11 costs far more CPU for a few percent. */
const BROTLI_OPTIONS = { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } };

const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/**
 * A body compressed as @fastify/compress would, but in libuv's thread pool rather than on the
 * event loop (its buffered path compresses synchronously). Copied into a buffer of its own size:
 * zlib's result can be a slice of a larger chunk, which a cache would keep alive.
 */
export async function compressBody(body: Buffer, encoding: Encoding): Promise<Buffer> {
  const out = encoding === 'br' ? await brotliAsync(body, BROTLI_OPTIONS) : await gzipAsync(body);
  if (out.buffer.byteLength === out.byteLength) return out;
  const own = Buffer.allocUnsafeSlow(out.byteLength);
  out.copy(own);
  return own;
}

/**
 * The encoding @fastify/compress would pick for this request, or undefined for identity: the
 * highest q of br and gzip, br on a tie, `*` and `x-gzip` read as gzip; none with
 * `x-no-compression`.
 */
export function negotiateEncoding(request: FastifyRequest): Encoding | undefined {
  const header = request.headers['accept-encoding'];
  if (!header || request.headers['x-no-compression'] !== undefined) return undefined;
  let best: Encoding | undefined;
  let bestQuality = 0;
  const accepted = header.toLowerCase().replace(/\*|x-gzip/g, 'gzip');
  for (const part of accepted.split(',')) {
    const [name = '', ...parameters] = part.split(';').map((p) => p.trim());
    const encoding = ENCODINGS.find((e) => e === name);
    if (!encoding) continue;
    let quality = 1;
    for (const parameter of parameters) {
      if (parameter.startsWith('q=')) quality = Number.parseFloat(parameter.slice(2)) || 0;
    }
    // On a tie the one listed first in ENCODINGS wins, whatever the client's order.
    const tieWon = best !== undefined && ENCODINGS.indexOf(encoding) < ENCODINGS.indexOf(best);
    if (quality > bestQuality || (quality > 0 && quality === bestQuality && tieWon)) {
      best = encoding;
      bestQuality = quality;
    }
  }
  return best;
}

/** Adds a field to Vary unless it is there already (compares case-insensitively). */
function vary(reply: FastifyReply, field: string): void {
  const current = reply.getHeader('vary');
  const fields = current === undefined ? [] : String(current).split(/\s*,\s*/);
  if (fields.some((f) => f === '*' || f.toLowerCase() === field)) return;
  reply.header('vary', [...fields, field].join(', '));
}

/**
 * Brotli or gzip answers when the client's Accept-Encoding asks for them. Compression runs in
 * route-level onSend hooks, after the app-level ETag hook: the ETag is the hash of the
 * uncompressed body, the same whatever the encoding, so If-None-Match gets its 304 either way.
 * An answer that already has a Content-Encoding (the render cache's, compressed off the event
 * loop by `compressBody`) is passed through as it is.
 */
export default fp(
  async (app: FastifyInstance) => {
    await app.register(compress, {
      encodings: [...ENCODINGS],
      threshold: COMPRESSION_THRESHOLD,
      brotliOptions: BROTLI_OPTIONS,
      // Request bodies are taken as sent.
      globalDecompression: false,
    });
    // Every answer may differ by encoding (a 304 or a short body too): caches must key on it.
    // Lower case, as @fastify/compress looks for it so. Synchronous: an async hook would cost
    // every request a promise and a microtask.
    app.addHook('onSend', (_request, reply, payload, done) => {
      vary(reply, 'accept-encoding');
      done(null, payload);
    });
  },
  { name: 'compression' },
);
