import { z } from 'zod';
import { named } from '../../query/examples.js';
import {
  Agent,
  Citation,
  DateValue,
  fieldNames,
  fieldsParam,
  Id,
  idParams,
  includeParam,
  ListQuery,
  PartialDate,
  pageOf,
  Ref,
  several,
  sortParam,
  valuesParam,
} from '../../query/shapes.js';
import { Basis } from '../../records/fields.js';
import { STATEMENT_MODES } from '../tables.js';

export const StatementMode = z.enum(STATEMENT_MODES).meta({
  description: "`quote`: the speaker's own words; `paraphrase`: reported speech.",
});

const STATEMENT_FIELDS = {
  id: z.string(),
  speaker: Agent,
  date: DateValue.nullable(),
  place: Ref.nullable().meta({
    description:
      "Where it was said, when the source says: the statement's own place, never taken from its event. Null when unknown.",
  }),
  event: Ref.nullable(),
  delegation: Ref.nullable(),
  kind: z.string(),
  mode: StatementMode,
  text: z.string(),
  citations: z
    .array(Citation)
    .optional()
    .meta({ description: 'With `include=citations`: the sources behind it.' }),
};

export const StatementSummary = z.object(STATEMENT_FIELDS).meta(named('StatementSummary'));
export type StatementSummary = z.infer<typeof StatementSummary>;

export const StatementDetail = StatementSummary.extend({
  citations: z.array(Citation),
  basis: Basis,
}).meta(named('StatementDetail'));
export type StatementDetail = z.infer<typeof StatementDetail>;

export const StatementListQuery = ListQuery.extend({
  q: ListQuery.shape.q.meta({ description: 'Words to match in the text (case-insensitive).' }),
  speaker: Id.optional().meta({
    description: 'Statements by this person or organization.',
    example: 'mao-ning',
  }),
  event: valuesParam(Id)
    .optional()
    .meta({
      description: several(
        'Statements about this event.',
        'event=kim-jong-un-wreath-laying-cpv-cemetery',
      ),
    }),
  delegation: valuesParam(Id)
    .optional()
    .meta({
      description: several(
        'Statements made on this delegation.',
        'delegation=sergei-shoigu-delegation-pyongyang-2023',
      ),
    }),
  mode: valuesParam(StatementMode)
    .optional()
    .meta({
      description: several('`quote` (the words as said) or `paraphrase`.', 'mode=quote,paraphrase'),
    }),
  place: valuesParam(Id)
    .optional()
    .meta({
      description: several(
        "Statements made at this place or at any place inside it: the statement's own place, not its event's. Statements whose place is unknown never match.",
        'place=beijing,pyongyang',
      ),
    }),
  from: PartialDate.optional().meta({
    description: 'Statements made on this date or later (partial date); undated ones never match.',
    example: '2023-07-26',
  }),
  to: PartialDate.optional().meta({
    description: 'Statements made on or before this date (partial date); undated ones never match.',
    example: '2023-07-26',
  }),
  sort: sortParam(['date', 'id'], 'date'),
  include: includeParam(['citations']),
  fields: fieldsParam(fieldNames(STATEMENT_FIELDS)),
}).strict();
export type StatementListQuery = z.infer<typeof StatementListQuery>;

export const StatementPage = pageOf(StatementSummary, 'StatementPage');
export const StatementParams = idParams('mao-ning-2023-07-25-li-hongzhong-visit');
