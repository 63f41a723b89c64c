import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { EXPORT_FORMATS } from '../../domain/bundle-formats.js';
import { problems } from '../../http/errors.js';
import { KIND_NAMES, type KindName, kindNamed } from '../../kinds/index.js';
import { answerFormat } from '../../query/formats.js';
import { PartialDate, problemResponse, readErrors } from '../../query/shapes.js';
import { CSV_KINDS } from '../readers.js';
import { Bundle, BundleJsonSchema, bundleJsonSchema } from '../schema.js';

const ExportQuery = z
  .object({
    format: z.enum(EXPORT_FORMATS).optional().meta({
      description:
        '`json` (the default): a bundle. `ndjson`: one `{"kind", "record"}` a line. `csv`: the records of one kind (`kind=` names it), a row each, in the columns `POST /v1/imports` takes for that kind, so that the file imports back unchanged. Without `format`, `Accept: text/csv` asks for CSV.',
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

const TYPE_OF = {
  json: 'application/json; charset=utf-8',
  ndjson: 'application/x-ndjson; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
} as const;

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
            description:
              'The bundle (JSON), its records (NDJSON), or the records of one kind (CSV).',
            content: {
              'application/json': { schema: Bundle },
              'application/x-ndjson': { schema: z.string() },
              'text/csv': { schema: z.string() },
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
      const { kind, from, to } = request.query;
      // `format=` when given; otherwise CSV when Accept prefers it, else a JSON bundle.
      const format = request.query.format ?? answerFormat(undefined, request.headers.accept);
      if (format === 'csv' && kind?.length !== 1) {
        throw problems.invalidField(
          'query',
          '/kind',
          `a CSV export holds one kind of record: name it, as kind=${CSV_KINDS[0]}`,
        );
      }
      const stream = app.exports.open({ format, kinds: kind, from, to });
      const name = format === 'csv' ? `annals-${kind?.[0]}.csv` : `annals-export.${format}`;
      const vary = reply.getHeader('vary');
      reply
        .header('vary', vary ? `${vary}, Accept` : 'Accept')
        .type(TYPE_OF[format])
        .header('content-disposition', `attachment; filename="${name}"`);
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
