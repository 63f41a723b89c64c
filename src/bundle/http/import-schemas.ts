import { z } from 'zod';
import { IMPORT_MODES } from '../../domain/bundle-formats.js';
import { queryBoolean } from '../../query/boolean.js';
import { ListQuery, Problem, pageOf } from '../../query/shapes.js';
import { CSV_KINDS } from '../readers.js';
import { ImportRecord } from '../report.js';

const flag = (description: string) => queryBoolean(false).meta({ description });

export const ImportQuery = z
  .object({
    mode: z.enum(IMPORT_MODES).default('all').meta({
      description:
        '`all` (default): one bad record and nothing is written. `partial`: the good records are written, the bad ones rejected.',
    }),
    dry_run: flag('With `true`, validate and report what would change, writing nothing.'),
    kind: z.enum(CSV_KINDS).optional().meta({
      description: 'For a CSV body (text/csv): the kind of record in the file.',
      example: 'places',
    }),
  })
  .strict();
export type ImportQuery = z.infer<typeof ImportQuery>;

export const RejectedImport = Problem.extend({ import: ImportRecord }).meta({
  id: 'RejectedImport',
  description: 'A problem whose `import` member is the recorded import and its report.',
});

export const ImportListQuery = ListQuery.pick({ limit: true, cursor: true }).strict();
export const ImportPage = pageOf(ImportRecord, 'ImportPage');
/**
 * The id of the seed's line in the import log (`seedImportId` of the committed seed, the same in
 * every database seeded from it; test/bundle/seed.test.ts checks it): the docs' example, so that
 * "Try it out" on GET /v1/imports/{id} answers as the form opens.
 */
export const SEED_IMPORT_ID = 'fc1b20ac-5fcd-86c2-ad6c-43231b122688';

export const ImportParams = z.object({
  id: z.uuid().meta({ description: 'The id of the import.', example: SEED_IMPORT_ID }),
});
