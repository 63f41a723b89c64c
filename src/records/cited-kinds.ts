/** The kinds of row a citation can support. */
export const CITED_KINDS = [
  'source',
  'place',
  'organization',
  'person',
  'position',
  'relation',
  'event',
  'participation',
  'delegation',
  'statement',
  'figure',
] as const;
export type CitedKind = (typeof CITED_KINDS)[number];
