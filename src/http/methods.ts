/**
 * Which methods each path answers, learnt from the routes as they are added: so that a wrong
 * method on a real path is a 405 with `Allow` rather than a 404 (errors.ts asks `allowedMethods`),
 * and an OPTIONS that is no CORS preflight (without Origin or `Access-Control-Request-Method`)
 * is a 204 with `Allow`. Register it before any route, and before the CORS plugin, whose strict
 * preflight check would refuse such an OPTIONS with a 400 in plain text.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { problems, sendProblem } from './errors.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The methods some route answers at this path (no query), in a fixed order; [] for none. */
    allowedMethods(path: string): string[];
  }
}

const ORDER = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

/** A route's URL as a regular expression: `:param` one segment, `*` the rest. */
function patternOf(url: string): RegExp {
  const source = url
    .split(/(:[A-Za-z0-9_]+|\*)/)
    .map((part) => {
      if (part === '*') return '.*';
      if (part.startsWith(':')) return '[^/]+';
      return part.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  return new RegExp(`^${source}/?$`);
}

export default fp(
  async (app: FastifyInstance) => {
    const routes: { pattern: RegExp; methods: string[] }[] = [];
    app.addHook('onRoute', (route) => {
      // CORS's `OPTIONS *` answers every path: it says nothing of which paths exist.
      if (route.url === '*') return;
      const methods = [route.method].flat().map(String);
      routes.push({ pattern: patternOf(route.url), methods });
    });

    app.decorate('allowedMethods', (path: string): string[] => {
      const found = new Set<string>();
      for (const route of routes) {
        if (route.pattern.test(path)) for (const method of route.methods) found.add(method);
      }
      if (found.size === 0) return [];
      if (found.has('GET')) found.add('HEAD');
      found.add('OPTIONS');
      return ORDER.filter((method) => found.has(method));
    });

    // A CORS preflight has both Origin and Access-Control-Request-Method: CORS answers it. Any
    // other OPTIONS is answered here (CORS's strict check would give a 400 in plain text).
    // Synchronous: an async hook would cost every request (not only OPTIONS) a promise and a
    // microtask. A hook that sends its answer does not call done.
    app.addHook('onRequest', (request, reply, done) => {
      if (
        request.method !== 'OPTIONS' ||
        (request.headers.origin && request.headers['access-control-request-method'])
      ) {
        done();
        return;
      }
      const path = request.url.split('?', 1)[0] ?? '/';
      const allowed = app.allowedMethods(path);
      if (allowed.length === 0) {
        sendProblem(reply, problems.routeNotFound('OPTIONS', request.url), request.url);
        return;
      }
      reply.code(204).header('allow', allowed.join(', ')).send();
    });
  },
  { name: 'methods' },
);
