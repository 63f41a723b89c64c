import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { EXPORT_FORMATS } from '../../domain/bundle-formats.js';
import { KIND_NAMES, type KindName, kindNamed } from '../../kinds/index.js';
import { PartialDate, problemResponse, readErrors } from '../../query/shapes.js';
import { Bundle, BundleJsonSchema, bundleJsonSchema } from '../schema.js';

const ExportQuery = z
  .object({
    format: z.enum(EXPORT_FORMATS).default('json').meta({
      description: '`json`: a bundle. `ndjson`: one `{"kind", "record"}` a line.',
    }),
    kind: z
      .string()
      .max(300)
      .transform((raw, ctx) => {
        const kinds: KindName[] = [];
        for (const name of raw.split(',').map((n) => n.trim())) {
          const kind = kindNamed(name)?.name;
          if (!kind) {
            ctx.addIssue({
              code: 'custom',
              message: `'${name}' is not one of ${KIND_NAMES.join(', ')}`,
            });
            return z.NEVER;
          }
          kinds.push(kind);
        }
        return kinds;
      })
      .optional()
      .meta({ description: 'Only these kinds, comma-separated.', example: 'events,statements' }),
    from: PartialDate.optional().meta({
      description:
        'Narrows the dated kinds (events by span, statements by date, delegations by arrival, participations and figures by their event) to those reaching this date.',
      example: '2023-07',
    }),
    to: PartialDate.optional().meta({
      description: 'Narrows the dated kinds to those starting by this date.',
      example: '2023-07',
    }),
  })
  .strict();

const exportRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/export',
    {
      schema: {
        tags: ['imports'],
        summary: 'Export the knowledge base',
        description:
          'Streams every record (or a subset) as a bundle that `POST /v1/imports` takes back. Records come in a fixed order (kind, then id) in one canonical shape: export, import into an empty database, export again, and the bytes are the same.\n\n' +
          'The export is read in slices of about 256 KiB, each its own snapshot of the database: a write that lands during an export may show in the slices after it and not in those before. Export from a database nobody writes to (or `npm run backup` first) for one consistent copy.\n\n' +
          'Limits: a few exports at once (`EXPORT_MAX_CONCURRENT`, 2 by default; more are answered 503 with `Retry-After`), each within `EXPORT_TIMEOUT_MS` (10 minutes by default), and a client that stops reading for a minute is let go. An export stopped after its first bytes cannot be answered with a problem any more: its connection is cut, and the body is broken off (a JSON bundle does not parse; an NDJSON one lacks its last lines).',
        querystring: ExportQuery,
        response: {
          200: {
            description: 'The bundle (JSON) or its records (NDJSON).',
            content: {
              'application/json': { schema: Bundle },
              'application/x-ndjson': { schema: z.string() },
            },
          },
          400: readErrors[400],
          503: problemResponse(
            'Too many exports are running, or the first slice could not be read in time: retry after `Retry-After` seconds.',
          ),
        },
      },
    },
    async (request, reply) => {
      const { format, kind, from, to } = request.query;
      const stream = app.exports.open({ format, kinds: kind, from, to });
      reply
        .type(
          format === 'json'
            ? 'application/json; charset=utf-8'
            : 'application/x-ndjson; charset=utf-8',
        )
        .header('content-disposition', `attachment; filename="annals-export.${format}"`);
      // A stream is sent as it is read, never serialized or held whole.
      return reply.send(stream as never);
    },
  );

  app.get(
    '/schemas/bundle.json',
    {
      schema: {
        tags: ['imports'],
        summary: 'The bundle format as JSON Schema',
        description: 'Generated from the zod schemas that validate imports and the seed.',
        response: {
          200: {
            description: 'The JSON Schema of a bundle.',
            content: { 'application/schema+json': { schema: BundleJsonSchema } },
          },
        },
      },
    },
    async (_request, reply) => reply.type('application/schema+json').send(bundleJsonSchema),
  );
};

export default exportRoutes;
