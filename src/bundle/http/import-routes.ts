import type { Readable } from 'node:stream';
import type { FastifyError } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { answerReadAfter } from '../../db/read-your-writes.js';
import type { ImportFormat } from '../../domain/bundle-formats.js';
import { ApiProblem, problems } from '../../http/errors.js';
import { RENDER_CACHE } from '../../http/reads/cache-hooks.js';
import { problemResponse, readErrors } from '../../query/shapes.js';
import { ImportRecord } from '../report.js';
import { Bundle } from '../schema.js';
import { createImportRunner, type ImportBody } from '../worker-client.js';
import { importReads } from './import-log.js';
import {
  ImportListQuery,
  ImportPage,
  ImportParams,
  ImportQuery,
  RejectedImport,
} from './import-schemas.js';

/** A JSON bundle is parsed whole, so it has a ceiling; NDJSON and CSV stream and have none. */
export const JSON_BODY_LIMIT = 64 * 1024 * 1024;

const FORMAT_OF: Record<string, ImportFormat> = {
  'application/json': 'json',
  'application/x-ndjson': 'ndjson',
  'text/csv': 'csv',
};

/** A new place, as each format writes it (the docs' examples of the three bodies). */
const EXAMPLE_PLACE = { id: 'wonsan', name: 'Wonsan', type: 'city', aliases: [], parent: 'dprk' };

/** The bodies by media type: the document offers all three, so clients and the docs can send them. */
const BODIES = {
  'application/json': { schema: Bundle },
  'application/x-ndjson': {
    schema: z.string().meta({
      description:
        'One record a line, each `{"kind": "<kind>", "record": {...}}` with a record as in a bundle; read a line at a time, with no size limit.',
      example: `${JSON.stringify({ kind: 'places', record: EXAMPLE_PLACE })}\n`,
    }),
  },
  'text/csv': {
    schema: z.string().meta({
      description:
        'Records of the one kind named by `kind=`: a header row of field names, then a record a row; lists as JSON or `a|b`, speakers and participants as JSON.',
      example: 'id,name,type,aliases,parent\nwonsan,Wonsan,city,,dprk\n',
    }),
  },
};

const importRoutes: FastifyPluginAsyncZod = async (app) => {
  // The same worker on both backends: on PostgreSQL it holds a connection of its own to the
  // primary, where imports are written (src/bundle/postgres/import.ts).
  const imports = createImportRunner(
    app.backend === 'sqlite'
      ? { databasePath: app.db.$client.name }
      : { postgresUrl: app.postgres.primaryUrl },
  );
  app.addHook('onClose', async () => imports.close());
  // NDJSON and CSV bodies reach the handler as the request stream itself, read line by line.
  app.addContentTypeParser(['application/x-ndjson', 'text/csv'], (_request, payload, done) =>
    done(null, payload),
  );
  // A JSON bundle reaches the handler as its bytes, to be parsed (by the app's JSON parser, with
  // its checks) in the import worker: parsing 64 MiB here would hold the event loop for seconds
  // and this thread's heap for hundreds of MiB. The body limit still applies, as Fastify reads it.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) =>
    done(null, body),
  );
  // A body over the limit is told where to go instead; every other error goes on to the app's
  // handler, which a handler here reaches by throwing.
  app.setErrorHandler((error: FastifyError) => {
    if (error.code !== 'FST_ERR_CTP_BODY_TOO_LARGE') throw error;
    throw problems.payloadTooLarge(
      `The body is over ${JSON_BODY_LIMIT} bytes (64 MiB), the limit of a JSON bundle: send the records as NDJSON (application/x-ndjson), which is read a record at a time and has no limit.`,
    );
  });

  app.post(
    '/imports',
    {
      onRequest: app.requireKey,
      bodyLimit: JSON_BODY_LIMIT,
      // The body is checked record by record by the import itself, so that the report can say
      // which record was wrong and where; the schema below documents it.
      validatorCompiler: (route) =>
        route.httpPart === 'body'
          ? (data: unknown) => ({ value: data })
          : validatorCompiler(route as unknown as Parameters<typeof validatorCompiler>[0]),
      schema: {
        tags: ['imports'],
        summary: 'Import records in bulk',
        description: [
          'Creates, updates (upsert by id) or leaves unchanged every record of the body, in one transaction. Records may reference ids defined later in the same body. Importing the same body twice changes nothing the second time.',
          '',
          'Three formats, by `Content-Type`:',
          '- `application/json`: a bundle (the seed format, JSON Schema at `/v1/schemas/bundle.json`).',
          '- `application/x-ndjson`: one record a line, streamed: `{"kind": "events", "record": {...}}`.',
          '- `text/csv` with `kind=`: one kind per file, a header row of field names; lists as JSON or `a|b`, speakers and participants as JSON.',
          '',
          'All or nothing by default: one bad record and nothing is written (422, the report says which record, where and why). `mode=partial` writes the good ones; `dry_run=true` writes nothing. Every import is recorded at `/v1/imports`.',
        ].join('\n'),
        security: [{ bearerAuth: [] }],
        querystring: ImportQuery,
        body: { content: BODIES },
        response: {
          200: ImportRecord.meta({ description: 'A dry run: validated, nothing written.' }),
          201: {
            description:
              'Imported: the import as recorded, with its report. `Location` gives its URL.',
            content: { 'application/json': { schema: ImportRecord } },
          },
          400: readErrors[400],
          401: problemResponse('No API key.'),
          403: problemResponse('A wrong API key.'),
          413: problemResponse(
            'A JSON body over 64 MiB, or one the server has not the memory to import: send NDJSON instead.',
          ),
          415: problemResponse('Not JSON, NDJSON or CSV.'),
          422: {
            description: 'Rejected: nothing was written. The report lists every rejection.',
            content: { 'application/problem+json': { schema: RejectedImport } },
          },
        },
      },
    },
    async (request, reply) => {
      const mediaType =
        (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
      const format = FORMAT_OF[mediaType];
      if (!format)
        throw problems.unsupportedMediaType(
          'Send application/json, application/x-ndjson or text/csv.',
        );
      const { mode, dry_run: dryRun, kind } = request.query;
      let input: ImportBody;
      if (format === 'csv') {
        if (!kind) throw problems.invalidField('query', '/kind', 'a CSV import needs kind=');
        input = { format, kind, stream: request.body as unknown as Readable };
      } else if (format === 'ndjson')
        input = { format, stream: request.body as unknown as Readable };
      else input = { format, body: request.body as unknown as Buffer };

      // In a worker thread on its own connection, so that reads go on meanwhile; queued with the
      // other writes, since SQLite has one writer (and the render cache keys on the queue's
      // count of settled writes, on both backends).
      const { record, lsn } = await app.exclusiveWrite(() =>
        imports.run(input, {
          mode,
          dryRun,
          keyName: request.apiKeyName ?? 'unknown',
        }),
      );
      // On PostgreSQL, as after a single write: this client's next reads see the import, from
      // any replica (src/db/read-your-writes.ts).
      answerReadAfter(app.recentWrites, request.ip, reply, lsn);
      if (record.status === 'rejected') {
        const problem = new ApiProblem(
          422,
          'import-rejected',
          'Import rejected',
          `${record.report.totals.rejected} record(s) rejected; nothing was written.`,
        );
        return reply
          .code(422)
          .type('application/problem+json')
          .send({ ...problem.body(request.url), import: record });
      }
      if (record.status === 'validated') return reply.code(200).send(record);
      return reply.code(201).header('location', `/v1/imports/${record.id}`).send(record);
    },
  );

  app.get(
    '/imports',
    {
      config: RENDER_CACHE,
      schema: {
        tags: ['imports'],
        summary: 'List imports',
        description: 'Every import, newest first: when, by which key, its counts and report.',
        querystring: ImportListQuery,
        response: { 200: ImportPage, 400: readErrors[400] },
      },
    },
    async (request, reply) => app.reads.answer(reply, importReads.list, request.query),
  );

  app.get(
    '/imports/:id',
    {
      config: RENDER_CACHE,
      schema: {
        tags: ['imports'],
        summary: 'Get an import',
        description: 'One import with its full report.',
        params: ImportParams,
        response: { 200: ImportRecord, ...readErrors },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      return app.reads.answer(
        reply,
        importReads.get,
        { id, query: {} },
        {
          notFound: { singular: 'import', id },
        },
      );
    },
  );
};

export default importRoutes;
