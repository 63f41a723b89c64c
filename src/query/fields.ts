import type { FastifyReply } from 'fastify';
import type { Page } from './shapes.js';

/**
 * Answers a page trimmed to the `fields=` a client asked for (`id` always kept). The response
 * schema documents every field, so a trimmed answer is serialized as plain JSON rather than
 * checked against it; an untrimmed one goes through the schema as usual.
 */
export function answerPage<T extends { id: string }>(
  reply: FastifyReply,
  page: Page<T>,
  fields: readonly string[] | undefined,
): Page<T> {
  if (!fields) return page;
  const keep = new Set(['id', ...fields]);
  reply.serializer(JSON.stringify);
  return {
    ...page,
    data: page.data.map(
      (item) => Object.fromEntries(Object.entries(item).filter(([key]) => keep.has(key))) as T,
    ),
  };
}
