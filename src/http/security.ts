import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

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

/**
 * Security headers on every answer, errors included (Helmet sets them on the raw response before
 * anything else runs). The API answers data, never a page, so its policy allows nothing to load
 * or frame it; Swagger UI's pages under /docs replace it with DOCS_CSP (swagger.ts).
 */
export default fp(
  async (app: FastifyInstance) => {
    await app.register(helmet, {
      contentSecurityPolicy: {
        useDefaults: false,
        directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
      },
    });
  },
  { name: 'security' },
);
