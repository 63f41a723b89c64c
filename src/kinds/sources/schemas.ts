import { z } from 'zod';
import { named } from '../../query/examples.js';
import {
  AccountStep,
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
  issued_by: Ref.nullable().meta({
    description: 'The organization whose document this is (KCNA for its reports), when known.',
  }),
  has_text: z.boolean().meta({ description: 'Whether we hold the full text.' }),
  citations: z
    .array(Citation)
    .optional()
    .meta({ description: 'With `include=citations`: the sources behind it.' }),
};

/** How many cited spans a source's item marks; its claims view lists them all, in order. */
export const ANNOTATIONS_MAX = 200;

export const Annotation = z
  .object({
    start: z.number().int().meta({ description: 'Unicode code points from the start of `text`.' }),
    end: z.number().int().meta({ description: 'Where the span ends (exclusive).' }),
    kind: z.enum(CITED_KINDS).meta({ description: 'The kind of fact the span supports.' }),
    id: z.string().meta({ description: 'The id of the fact.' }),
  })
  .meta(named('Annotation', "A span of a source's text that a fact cites."));
export type Annotation = z.infer<typeof Annotation>;

export const SourceSummary = z.object(SOURCE_FIELDS).meta(named('SourceSummary'));
export type SourceSummary = z.infer<typeof SourceSummary>;

export const SourceDetail = SourceSummary.extend({
  text: z.string().nullable().meta({ description: 'The full text, when we hold it.' }),
  cites: cappedArray(Ref, 'cites', 'The sources this one cites, by id.'),
  cited_by: cappedArray(Ref, 'cited_by', 'The sources that cite this one, by id.'),
  claim_count: z.number().int().meta({
    description:
      'How many citations name this source: what it states. `/v1/sources/{id}/claims` lists them.',
  }),
  reported_claim_count: z.number().int().meta({
    description:
      "How many citations of other sources give this source's account (name it in `according_to`): what others report it as saying. Listed after the others by `/v1/sources/{id}/claims`.",
  }),
  annotations: cappedArray(
    Annotation,
    'annotations',
    'The spans of `text` its citations take, in the order of the text (the excerpts found in it): `text` with the cited spans marked. Several facts may share a span.',
    ANNOTATIONS_MAX,
  ),
  citations: cappedArray(
    Citation,
    'citations',
    "The citations behind this source's record.",
    CITATIONS_MAX,
  ),
  basis: Basis,
  lists: embeddedLists({
    cites: null,
    cited_by: null,
    citations: null,
    annotations: '`/v1/sources/{id}/claims?as=stated`',
  }),
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
    excerpt: z.string().meta({ description: 'The exact words of the source that states it.' }),
    as: z.enum(['stated', 'reported']).meta({
      description:
        '`stated`: this source states it (its citation names this source). `reported`: another source (`source`) reports this one as saying it (a step of its `according_to` names this source).',
    }),
    source: Ref.meta({ description: 'The source whose words the excerpt is.' }),
    according_to: z.array(AccountStep).meta({
      description: 'Whose account `source` gives, outermost first (empty: its own).',
    }),
    offsets: z.object({ start: z.number().int(), end: z.number().int() }).nullable().meta({
      description:
        "Where the excerpt is in `source`'s text: Unicode code points from 0, `end` exclusive. Null when the text is not held.",
    }),
    basis: Basis.meta({
      description:
        "The basis of the fact's fields: those its record marks inferred or background knowledge, or stated by one citation in particular; `{}` when its citations state every field.",
    }),
  })
  .meta(
    named(
      'Claim',
      'A fact that rests on a source, with the excerpt it rests on and whose account it is.',
    ),
  );
export type Claim = z.infer<typeof Claim>;

export const ClaimsQuery = ViewQuery.extend({
  as: z.enum(['stated', 'reported']).optional().meta({
    description:
      '`stated`: only what this source states itself; `reported`: only what other sources report it as saying. Both when left out.',
  }),
  according_to: z.string().trim().min(1).max(200).optional().meta({
    description:
      "Only claims whose account names this source, person or organization, or a source that organization issued: on the article, `according_to=kcna-report-2023-07-26-wreath` is what the article took from that report, `according_to=korean-central-news-agency` what it took from any of KCNA's reports.",
  }),
  basis: z.enum(BASIS_KINDS).optional().meta({
    description:
      '`stated`: only the facts this source states whole, leaving out those whose record marks a field inferred or background knowledge, or stated by a citation of another source. `inferred`, `background`: only the facts whose record marks a field so.',
  }),
}).strict();
export type ClaimsQuery = z.infer<typeof ClaimsQuery>;

export const ClaimPage = pageOf(Claim, 'ClaimPage');

export const SourceViewParams = idParams('article-2023-07-27');
