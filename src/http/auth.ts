/**
 * Writes need `Authorization: Bearer <secret>` with one of the configured API keys; reads stay
 * public. Secrets are compared as SHA-256 digests with timingSafeEqual against every key, so the
 * time taken says nothing about which key or how much of it matched. Secrets are never logged.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest, preHandlerHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import { ApiProblem } from './errors.js';

export interface ApiKey {
  name: string;
  secret: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** A preHandler for write routes: 401 without a key, 403 with a wrong one. */
    requireKey: preHandlerHookHandler;
  }
  interface FastifyRequest {
    /** The name of the API key that authenticated this request. */
    apiKeyName?: string;
  }
}

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

export const authProblems = {
  missing: () =>
    new ApiProblem(
      401,
      'unauthorized',
      'Unauthorized',
      'Writes need an Authorization: Bearer <API key> header.',
    ),
  wrong: () => new ApiProblem(403, 'forbidden', 'Forbidden', 'The API key is not valid.'),
};

export default fp<{ keys: ApiKey[] }>(
  async (app, { keys }) => {
    const known = keys.map((key) => ({ name: key.name, digest: digest(key.secret) }));

    /** The key's name, or null; every known key is compared, whatever matched before. */
    function nameOf(secret: string): string | null {
      const presented = digest(secret);
      let found: string | null = null;
      for (const key of known) {
        if (timingSafeEqual(presented, key.digest) && found === null) found = key.name;
      }
      return found;
    }

    app.decorate('requireKey', async (request: FastifyRequest, reply: FastifyReply) => {
      const header = request.headers.authorization;
      const match = header ? /^Bearer[ ]+(\S+)\s*$/i.exec(header) : null;
      if (!match?.[1]) {
        reply.header('www-authenticate', 'Bearer realm="annals"');
        throw authProblems.missing();
      }
      const name = nameOf(match[1]);
      if (name === null) throw authProblems.wrong();
      request.apiKeyName = name;
    });
  },
  { name: 'auth' },
);
