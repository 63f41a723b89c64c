/**
 * Writes of every kind, behind an API key: POST creates, PUT replaces (or creates), PATCH merges a
 * JSON Merge Patch, DELETE removes (with `cascade=true`, along with what depends on it). Also the
 * reads of the kinds that have no resource of their own (positions, relations, participations).
 */

import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { answerReadAfter } from '../db/read-your-writes.js';
import { problems } from '../http/errors.js';
import { parseJson } from '../http/limits.js';
import { RENDER_CACHE } from '../http/reads/cache-hooks.js';
import type { ItemParams as ReadParams, ReadTask } from '../http/reads/task.js';
import { KINDS, type KindName, type RecordOf } from '../kinds/index.js';
import { problemResponse, readErrors } from '../query/shapes.js';
import { conditionsOf } from './conditions.js';
import { recordReads } from './reads.js';
import {
  CreateHeaders,
  Deleted,
  DeleteQuery,
  ItemParams,
  PatchBody,
  RecordBody,
  ReplacementBody,
  WriteHeaders,
} from './schemas.js';
import { createWritesService, type WritesService } from './service.js';

/** Big enough for a source with its full text (up to a million characters). */
export const WRITE_BODY_LIMIT = 5 * 1024 * 1024;

const MERGE_PATCH = 'application/merge-patch+json';

const keyErrors = {
  401: problemResponse('No API key: writes need `Authorization: Bearer <API key>`.'),
  403: problemResponse('The API key is not valid.'),
} as const;

const invalid = problemResponse(
  'The body (or a parameter) is not valid: `errors` names each field by its JSON pointer.',
);
const dangling = problemResponse(
  'A reference points nowhere: `errors` names each one by its JSON pointer in the body.',
);

/** `an event`, `a person`. */
const a = (singular: string) => `${/^[aeiou]/.test(singular) ? 'an' : 'a'} ${singular}`;

const preconditionFailed = problemResponse(
  'A condition failed and nothing was written: `If-Match` names an ETag the record no longer has (or there is no record), or `If-None-Match: *` finds the record exists.',
);

const excerptMissing = problemResponse(
  "An excerpt is not in the text of the source it cites (when the source's text is held), or a source's new text lacks an excerpt a fact takes from it: `errors` names each by its JSON pointer.",
);

const writesRoutes: FastifyPluginAsyncZod = async (app) => {
  // Each backend's service takes the same calls and gives the same answers; PostgreSQL's (as
  // Promises) carry the WAL position of their commit, which goes back to the client as
  // Annals-Read-After and is remembered for its address, so that its next reads see the write
  // from any replica (db/read-your-writes.ts). Queued by exclusiveWrite on both: on PostgreSQL
  // the records' locks would do, but the queue's count of settled writes is what the render
  // cache keys on, so no answer read before a write is served after it.
  const writes =
    app.backend === 'sqlite'
      ? createWritesService(app.db)
      : // Typed as SQLite's: every call below is awaited, which gives PostgreSQL's answers.
        // Imported only here, as every PostgreSQL module is: a SQLite server never loads the
        // driver and the PostgreSQL runs (about 150 ms of its start-up).
        ((await import('./service.pg.js')).createWritesServicePostgres(
          app.postgres,
        ) as unknown as WritesService);
  const readAfter = (request: FastifyRequest, reply: FastifyReply, written: unknown) => {
    const lsn = (written as { lsn?: unknown } | undefined)?.lsn;
    return answerReadAfter(
      app.recentWrites,
      request.ip,
      reply,
      typeof lsn === 'string' ? lsn : undefined,
    );
  };
  const locationOf = (kind: KindName, id: string) => `${app.prefix}/${kind}/${id}`;

  // Only the routes of this plugin read merge patches; the parser is the app's JSON parser.
  app.addContentTypeParser(MERGE_PATCH, { parseAs: 'string' }, parseJson);

  for (const { name: kind, singular, tag } of KINDS) {
    const one = a(singular);
    const record = RecordBody[kind] as z.ZodType;
    // The ETag header is said in words: fastify-type-provider-zod's transform drops the
    // `headers` of a response given by content type.
    const stored = (description: string) => ({
      description: `${description} \`ETag\` is the one \`GET /v1/${kind}/{id}\` now gives: send it as \`If-Match\` with the next write.`,
      content: { 'application/json': { schema: record } },
    });
    // Fresh objects for each route, so that the YAML document needs no anchors.
    const common = () => ({ tags: [tag], security: [{ bearerAuth: [] }] });
    const notFound = problemResponse(`No ${singular} has this id.`);

    app.post(
      `/${kind}`,
      {
        onRequest: app.requireKey,
        bodyLimit: WRITE_BODY_LIMIT,
        schema: {
          ...common(),
          summary: `Create ${one}`,
          description: `Creates ${one} from its record, the shape imports use. Every id it refers to must exist. Answers 201 with the stored record, \`Location: /v1/${kind}/{id}\` and its \`ETag\`. With \`If-None-Match: *\` a record that exists is a 412 rather than a 409.`,
          headers: CreateHeaders,
          body: record,
          response: {
            201: stored(`Created: the record as stored. \`Location\` gives its URL.`),
            400: invalid,
            ...keyErrors,
            409: problemResponse(
              'The id is taken, or a reference points nowhere (`errors` names each by its JSON pointer).',
            ),
            412: preconditionFailed,
            422: excerptMissing,
          },
        },
      },
      async (request, reply) => {
        const conditions = conditionsOf(request.headers);
        const created = await app.exclusiveWrite(() =>
          writes.create(kind, request.body as RecordOf, conditions),
        );
        reply.code(201).header('location', locationOf(kind, created.record.id));
        return readAfter(request, reply, created).header('etag', created.etag).send(created.record);
      },
    );

    app.put(
      `/${kind}/:id`,
      {
        onRequest: app.requireKey,
        bodyLimit: WRITE_BODY_LIMIT,
        schema: {
          ...common(),
          summary: `Replace ${one}`,
          description: `Replaces ${one} whole, or creates it when the id is new (201 with \`Location\`). Fields left out become null or empty, child lists and citations are replaced. \`id\` may be left out of the body. Send the \`ETag\` of your GET as \`If-Match\` so that a change made since is not lost (412 instead), or \`If-None-Match: *\` to create only; the answer's \`ETag\` is the one GET now gives.`,
          headers: WriteHeaders,
          params: ItemParams[kind],
          body: ReplacementBody[kind] as z.ZodType,
          response: {
            200: stored('Replaced: the record as stored.'),
            201: stored('Created: the record as stored. `Location` gives its URL.'),
            400: invalid,
            ...keyErrors,
            409: dangling,
            412: preconditionFailed,
            422: excerptMissing,
          },
        },
      },
      async (request, reply) => {
        const { id } = request.params as { id: string };
        const body = request.body as Partial<RecordOf>;
        if (body.id !== undefined && body.id !== id) {
          throw problems.invalidField('body', '/id', `must be the id in the path ('${id}')`);
        }
        const conditions = conditionsOf(request.headers);
        const written = await app.exclusiveWrite(() =>
          writes.replace(kind, { ...body, id } as RecordOf, conditions),
        );
        if (written.created) reply.code(201).header('location', locationOf(kind, id));
        return readAfter(request, reply, written).header('etag', written.etag).send(written.record);
      },
    );

    app.patch(
      `/${kind}/:id`,
      {
        onRequest: app.requireKey,
        bodyLimit: WRITE_BODY_LIMIT,
        schema: {
          ...common(),
          summary: `Change ${one}`,
          description: `Applies a JSON Merge Patch (RFC 7396; \`Content-Type: ${MERGE_PATCH}\` or \`application/json\`) to the stored record: the fields given replace the stored ones, \`null\` removes an optional field, arrays are replaced whole. The result is validated as a whole record; the id cannot change. Send the \`ETag\` of your GET as \`If-Match\` so that a change made since is not lost (412 instead); the answer's \`ETag\` is the one GET now gives.`,
          consumes: [MERGE_PATCH, 'application/json'],
          headers: WriteHeaders,
          params: ItemParams[kind],
          body: PatchBody[kind],
          response: {
            200: stored('Changed: the record as stored.'),
            400: invalid,
            ...keyErrors,
            404: notFound,
            409: dangling,
            412: preconditionFailed,
            422: excerptMissing,
          },
        },
      },
      async (request, reply) => {
        const { id } = request.params as { id: string };
        const conditions = conditionsOf(request.headers);
        const written = await app.exclusiveWrite(() =>
          writes.patch(kind, id, request.body as Record<string, unknown>, conditions),
        );
        return readAfter(request, reply, written).header('etag', written.etag).send(written.record);
      },
    );

    app.delete(
      `/${kind}/:id`,
      {
        onRequest: app.requireKey,
        schema: {
          ...common(),
          summary: `Delete ${one}`,
          description: `Deletes ${one} with its citations. While other records refer to it the answer is 409, listing them; with \`cascade=true\` records that cannot be without it are deleted too (a position of a deleted person), optional references to it become null (an event's place), and entries naming it leave their lists (a delegation's members, citations of a deleted source). With \`If-Match\`, only the record as you read it is deleted (412 if it changed since).`,
          headers: WriteHeaders,
          params: ItemParams[kind],
          querystring: DeleteQuery,
          response: {
            204: Deleted,
            400: invalid,
            ...keyErrors,
            404: notFound,
            409: problemResponse(
              'Other records refer to it (`errors` lists up to 20); delete with `cascade=true` to change them too.',
            ),
            412: preconditionFailed,
          },
        },
      },
      async (request, reply) => {
        const { id } = request.params as { id: string };
        const { cascade } = request.query as z.infer<typeof DeleteQuery>;
        const conditions = conditionsOf(request.headers);
        const removed: unknown = await app.exclusiveWrite(() =>
          writes.remove(kind, id, cascade ?? false, conditions),
        );
        return readAfter(request, reply, removed).code(204).send(null);
      },
    );
  }

  // Kinds without a resource of their own: their reads are the stored record itself.
  for (const { name: kind, singular, tag } of KINDS.filter((k) => !k.resource)) {
    app.get(
      `/${kind}/:id`,
      {
        config: RENDER_CACHE,
        schema: {
          tags: [tag],
          summary: `Get ${a(singular)}`,
          description: `The ${singular} as stored: its record, with the citations behind it.`,
          params: ItemParams[kind],
          response: {
            200: {
              description: `The ${singular}.`,
              content: { 'application/json': { schema: RecordBody[kind] as z.ZodType } },
            },
            ...readErrors,
          },
        },
      },
      async (request, reply) => {
        const { id } = request.params as { id: string };
        return app.reads.answer(
          reply,
          recordReads[kind] as ReadTask<ReadParams>,
          { id, query: {} },
          {
            notFound: { singular, id },
          },
        );
      },
    );
  }
};

export default writesRoutes;
