/**
 * The headers a page answer carries beside its body, as the CORS headers advertise them:
 * `Link: <…>; rel="next"` (RFC 8288) while there is a next page, and `X-Total-Count` with
 * `count=true`. The render cache replays them with the body (cache-hooks.ts, REPLAYED_HEADERS).
 */
import type { FastifyReply } from 'fastify';
import type { PageMeta } from './task.js';

/** The type of every answer read through app.reads. */
export const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * The URL of the next page: the request's own path and query with `cursor` set to the next
 * cursor, every other parameter kept in its order. A relative reference (RFC 8288 resolves it
 * against the request's URL), for two reasons: an absolute one would be built from the Host
 * header (or a proxy's X-Forwarded-* headers), which a client controls, and the render cache,
 * keyed by path and query alone, would replay one client's host to another.
 */
export function nextPageUrl(requestUrl: string, cursor: string): string {
  const mark = requestUrl.indexOf('?');
  const path = mark < 0 ? requestUrl : requestUrl.slice(0, mark);
  const query = new URLSearchParams(mark < 0 ? '' : requestUrl.slice(mark + 1));
  query.set('cursor', cursor);
  return `${path}?${query.toString()}`;
}

export function setPageHeaders(reply: FastifyReply, page: PageMeta): void {
  if (page.next !== null) {
    reply.header('link', `<${nextPageUrl(reply.request.url, page.next)}>; rel="next"`);
  }
  if (page.total !== undefined) reply.header('x-total-count', String(page.total));
}
