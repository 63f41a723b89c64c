import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * Helmet's defaults but for the policy: the API answers data, never a page, so its policy allows
 * nothing to load or frame it. Swagger UI's pages under /docs replace it with DOCS_CSP
 * (swagger.ts).
 */
export const HELMET_OPTIONS: Readonly<HelmetOptions> = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
  },
};

/**
 * The policy of Swagger UI's pages under /docs: their own scripts only (the page has no inline
 * script), styles from the server and inline ones (Swagger UI inserts a <style> element), data:
 * images and fonts, requests ("Try it out") to this server only. No `upgrade-insecure-requests`:
 * the server speaks plain HTTP unless a proxy in front of it does TLS.
 */
export const DOCS_CSP = [
  "default-src 'self'",
  "base-uri 'self'",
  "object-src 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
  "script-src 'self'",
  "script-src-attr 'none'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
].join('; ');

/** True when a policy directive is computed per request (a function, such as a nonce). */
function hasComputedDirective(options: Readonly<HelmetOptions>): boolean {
  const csp = options.contentSecurityPolicy;
  if (typeof csp !== 'object') return false;
  return Object.values(csp.directives ?? {}).some(
    (value) =>
      typeof value === 'function' ||
      (Array.isArray(value) && value.some((v) => typeof v === 'function')),
  );
}

/**
 * The headers Helmet sets with `options` (names in lower case), found by running its middleware
 * once on a stand-in response that records them. Helmet's headers depend on its options only,
 * unless a policy directive is a function of the request: such options are refused, since their
 * first value would be sent to everyone.
 */
export function helmetHeaders(options: Readonly<HelmetOptions>): Record<string, string> {
  if (hasComputedDirective(options)) {
    throw new Error('helmetHeaders: a directive computed per request cannot be set once');
  }
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader(name: string, value: string | number) {
      headers[name.toLowerCase()] = String(value);
    },
    // Helmet removes X-Powered-By, which Node never sets.
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  let finished = false;
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, (error) => {
    if (error) throw error;
    finished = true;
  });
  if (!finished) throw new Error('helmetHeaders: Helmet did not finish synchronously');
  return headers;
}

/**
 * Helmet's security headers on every answer, errors and refusals included (the plugin is
 * registered first). @fastify/helmet rebuilt Helmet's middleware on every request, in an async
 * hook and a second one: about 0.03 CPU ms of the 0.137 a /health cost (issue #11). The headers
 * depend only on the options, so they are computed once here and set by one synchronous hook.
 */
export default fp(
  async (app: FastifyInstance) => {
    const headers = helmetHeaders(HELMET_OPTIONS);
    app.addHook('onRequest', (_request, reply, done) => {
      reply.headers(headers);
      done();
    });
  },
  { name: 'security' },
);
