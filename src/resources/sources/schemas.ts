import { z } from 'zod';
import { named } from '../examples.js';
import {
  Citation,
  DateValue,
  fieldNames,
  fieldsParam,
  idParams,
  includeParam,
  ListQuery,
  pageOf,
  Ref,
  sortParam,
} from '../shared.js';

const SOURCE_FIELDS = {
  id: z.string(),
  title: z.string(),
  publisher: z.string().nullable(),
  published: DateValue.nullable(),
  url: z.string().nullable(),
  has_text: z.boolean().meta({ description: 'Whether we hold the full text.' }),
  citations: z
    .array(Citation)
    .optional()
    .meta({ description: 'With `include=citations`: the sources behind it.' }),
};

export const SourceSummary = z.object(SOURCE_FIELDS).meta(named('SourceSummary'));
export type SourceSummary = z.infer<typeof SourceSummary>;

export const SourceDetail = SourceSummary.extend({
  text: z.string().nullable().meta({ description: 'The full text, when we hold it.' }),
  cites: z.array(Ref).meta({ description: 'The sources this one cites.' }),
  cited_by: z.array(Ref).meta({ description: 'The sources that cite this one.' }),
  claim_count: z.number().int().meta({ description: 'How many citations rest on this source.' }),
  citations: z.array(Citation).meta({ description: "The citations behind this source's record." }),
}).meta(named('SourceDetail'));
export type SourceDetail = z.infer<typeof SourceDetail>;

export const SourceListQuery = ListQuery.extend({
  q: ListQuery.shape.q.meta({ description: 'Words to match in titles (case-insensitive).' }),
  publisher: z.string().trim().min(1).max(200).optional().meta({
    description: 'Sources from this publisher (exact name).',
    example: 'Korean Central News Agency',
  }),
  sort: sortParam(['id', 'title'], 'id'),
  include: includeParam(['citations']),
  fields: fieldsParam(fieldNames(SOURCE_FIELDS)),
}).strict();
export type SourceListQuery = z.infer<typeof SourceListQuery>;

export const SourcePage = pageOf(SourceSummary, 'SourcePage');
export const SourceParams = idParams('article-2023-07-27');
