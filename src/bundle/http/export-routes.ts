import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { EXPORT_FORMATS } from '../../domain/bundle-formats.js';
import { KIND_NAMES, type KindName, kindNamed } from '../../kinds/index.js';
import { PartialDate, readErrors } from '../../query/shapes.js';
import { exportChunks } from '../export.js';
import { Bundle } from '../schema.js';

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

/** The bundle format as JSON Schema, generated from the same zod schemas imports validate with. */
const bundleJsonSchema = z.toJSONSchema(Bundle, { io: 'input', unrepresentable: 'any' });

const exportRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/export',
    {
      schema: {
        tags: ['imports'],
        summary: 'Export the knowledge base',
        description:
          'Streams every record (or a subset) as a bundle that `POST /v1/imports` takes back. Records come in a fixed order (kind, then id) in one canonical shape: export, import into an empty database, export again, and the bytes are the same.',
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
        },
      },
    },
    async (request, reply) => {
      const { format, kind, from, to } = request.query;
      const chunks = exportChunks(app.db, { format, kinds: kind, from, to });
      reply
        .type(
          format === 'json'
            ? 'application/json; charset=utf-8'
            : 'application/x-ndjson; charset=utf-8',
        )
        .header('content-disposition', `attachment; filename="annals-export.${format}"`);
      // A stream is sent as it is read, never serialized or held whole.
      return reply.send(Readable.from(chunks, { objectMode: false }) as never);
    },
  );

  app.get(
    '/schemas/bundle.json',
    {
      schema: {
        tags: ['imports'],
        summary: 'The bundle format as JSON Schema',
        description: 'Generated from the zod schemas that validate imports and the seed.',
      },
    },
    async (_request, reply) => reply.type('application/schema+json').send(bundleJsonSchema),
  );
};

export default exportRoutes;
