import compress from '@fastify/compress';
import type { FastifyInstance, FastifyReply } from 'fastify';
import fp from 'fastify-plugin';

/** Below this many bytes, compressing costs more than it saves. */
export const COMPRESSION_THRESHOLD = 1024;

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
 */
export default fp(
  async (app: FastifyInstance) => {
    await app.register(compress, {
      encodings: ['br', 'gzip'],
      threshold: COMPRESSION_THRESHOLD,
      // Request bodies are taken as sent.
      globalDecompression: false,
    });
    // Every answer may differ by encoding (a 304 or a short body too): caches must key on it.
    // Lower case, as @fastify/compress looks for it so.
    app.addHook('onSend', async (_request, reply) => {
      vary(reply, 'accept-encoding');
    });
  },
  { name: 'compression' },
);
