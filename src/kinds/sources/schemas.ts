import { z } from 'zod';
import { named } from '../../query/examples.js';
import {
  CITATIONS_MAX,
  Citation,
  cappedArray,
  DateValue,
  embeddedLists,
  fieldNames,
  fieldsParam,
  idParams,
  includeParam,
  ListQuery,
  pageOf,
  Ref,
  sortParam,
  ViewQuery,
} from '../../query/shapes.js';
import { BASIS_KINDS } from '../../records/basis-table.js';
import { CITED_KINDS } from '../../records/cited-kinds.js';
import { Basis } from '../../records/fields.js';

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
  cites: cappedArray(Ref, 'cites', 'The sources this one cites, by id.'),
  cited_by: cappedArray(Ref, 'cited_by', 'The sources that cite this one, by id.'),
  claim_count: z.number().int().meta({
    description: 'How many citations rest on this source; `/v1/sources/{id}/claims` lists them.',
  }),
  citations: cappedArray(
    Citation,
    'citations',
    "The citations behind this source's record.",
    CITATIONS_MAX,
  ),
  basis: Basis,
  lists: embeddedLists({ cites: null, cited_by: null, citations: null }),
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

export const Claim = z
  .object({
    kind: z.enum(CITED_KINDS).meta({ description: 'The kind of fact the source supports.' }),
    id: z.string().meta({ description: 'The id of the fact.' }),
    title: z.string().meta({
      description:
        'The fact in a few words: an event\'s title, a person\'s name, "Speaker: text…", "Nearly 180,000 CPV soldiers killed", "Kim Jong-un laid the wreath <event>", "Mao Ning: spokeswoman, Chinese Foreign Ministry".',
    }),
    excerpt: z.string().meta({ description: 'The exact words of the source.' }),
    basis: Basis.meta({
      description:
        "The basis of the fact's fields: those its record marks inferred or background knowledge, or stated by one citation in particular; `{}` when its citations state every field.",
    }),
  })
  .meta(named('Claim', 'A fact that cites a source, with the excerpt it rests on.'));
export type Claim = z.infer<typeof Claim>;

export const ClaimPage = pageOf(Claim, 'ClaimPage');

export const ClaimsQuery = ViewQuery.extend({
  basis: z.enum(BASIS_KINDS).optional().meta({
    description:
      '`stated`: only the facts this source states whole, leaving out those whose record marks a field inferred or background knowledge, or stated by a citation of another source. `inferred`, `background`: only the facts whose record marks a field so.',
    example: 'stated',
  }),
}).strict();
export type ClaimsQuery = z.infer<typeof ClaimsQuery>;
export const SourceViewParams = idParams('article-2023-07-27');
