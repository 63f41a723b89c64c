import { z } from 'zod';
import { kindNamed } from '../../kinds/index.js';
import { SEARCH_KINDS, type SearchKind as SearchKindName } from '../../kinds/tables.js';
import { named } from '../../query/examples.js';
import { limitParam, pageOf } from '../../query/shapes.js';

export const SearchKind = z.enum(SEARCH_KINDS).meta({ description: 'The kind of item.' });

/** The collections' names (`events`), as every other route says them, beside the singulars. */
const COLLECTIONS: string[] = SEARCH_KINDS.map((kind) => kindNamed(kind)?.name ?? kind);

/** `kind=`: a collection's name or its singular (`events` or `event`), read as the singular. */
const SearchKindParam = z
  .enum([...SEARCH_KINDS, ...COLLECTIONS] as [string, ...string[]])
  .transform((name) => kindNamed(name)?.singular as SearchKindName)
  .meta({
    description: `Only this kind: a collection's name as the other routes say it (${COLLECTIONS.join(', ')}) or its singular (\`event\`); hits name their kind in the singular.`,
    example: 'events',
  });

export const SearchHit = z
  .object({
    kind: SearchKind,
    id: z.string(),
    title: z.string(),
    snippet: z.string().meta({
      description:
        'The best matching passage as HTML: the text is escaped and the matched words are wrapped in <mark>.',
    }),
    score: z.number().meta({
      description:
        'Relevance, higher is better: bm25 (names weigh 10, text 1). A query with a word in 5,000 items or more ranks its newest 5,000 matches by where they matched: 10 for a name, 1 for the text.',
    }),
  })
  .meta(named('SearchHit'));

export const SearchQuery = z
  .object({
    q: z.string().max(200).meta({
      description:
        'Words to find, regardless of case and diacritics. Each word also matches as a prefix (`Pyong` finds Pyongyang), unless it is itself in 5,000 items or more; text in double quotes matches as a phrase. Operators and symbols are read as plain text.',
      example: 'wreath',
    }),
    kind: SearchKindParam.optional(),
    limit: limitParam('Hits'),
    cursor: z
      .string()
      .max(500)
      .optional()
      .meta({ description: 'The `next_cursor` of the previous page; opaque.' }),
  })
  .strict();

export const SearchPage = pageOf(SearchHit, 'SearchPage');
