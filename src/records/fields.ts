/**
 * The building blocks of the kinds' record schemas: bounded texts, optional references,
 * citations, agents, and the checks more than one kind makes (no duplicates in a list, a span
 * that does not end before it starts).
 */
import { z } from 'zod';
import { firstDay, lastDay, partialDateError } from '../domain/partial-date.js';
import { Id } from '../query/shapes.js';

/**
 * No text of a record holds a NUL character (U+0000): PostgreSQL text cannot store one, so both
 * backends refuse it alike, naming the field, rather than PostgreSQL failing the write.
 */
export const withoutNul = (value: string) => !value.includes('\u0000');
export const NUL_MESSAGE = 'must not hold a NUL character (U+0000)';

export const text = (max = 2000) =>
  z.string().trim().min(1).max(max).refine(withoutNul, NUL_MESSAGE);
export const optional = <T extends z.ZodType>(schema: T) => schema.nullable().optional();

/** A list in which no two items share a key: a source cited twice, a member listed twice. */
export function distinct<T>(key: (item: T) => string, what: string, field?: string) {
  return (items: T[], ctx: z.RefinementCtx) => {
    const seen = new Set<string>();
    items.forEach((item, index) => {
      const k = key(item);
      if (seen.has(k)) {
        const path = field === undefined ? [index] : [index, field];
        ctx.addIssue({ code: 'custom', path, message: `${what} '${k}' is listed twice` });
      }
      seen.add(k);
    });
  };
}

/** A span cannot end before it starts (checked on partial dates' first and last days). */
export function endsAfterStart(
  span: { start?: string | null; end?: string | null },
  ctx: z.RefinementCtx,
) {
  if (!span.start || !span.end) return;
  if (partialDateError(span.start) || partialDateError(span.end)) return;
  if (lastDay(span.end) < firstDay(span.start)) {
    ctx.addIssue({
      code: 'custom',
      path: ['end'],
      message: `ends (${span.end}) before it starts (${span.start})`,
    });
  }
}

/** One step of whose account a citation gives: a source reported, or the person or body quoted. */
export const AttributionStep = z
  .object({
    kind: z.enum(['source', 'person', 'organization']),
    id: Id,
  })
  .strict()
  .meta({ id: 'AttributionStep' });
export type AttributionStep = z.infer<typeof AttributionStep>;

export const CitationInput = z
  .object({
    source: Id,
    excerpt: text(5000).meta({
      description:
        "The words of the source, verbatim: when the source's full text is held, the excerpt must occur in it exactly (same characters, same spacing), or the write is refused.",
    }),
    according_to: z
      .array(AttributionStep)
      .max(10)
      .superRefine(distinct((step) => `${step.kind} ${step.id}`, 'step'))
      .default([])
      .meta({
        description:
          'Whose account the source gives, outermost first, when it is not its own ("stated in" the source, "according to" these; Wikidata\'s model). The article reporting what KCNA\'s report says Kim said: `[{"kind":"source","id":"kcna-report-2023-07-26-wreath"},{"kind":"person","id":"kim-jong-un"}]`. Empty when the source states the fact itself.',
      }),
  })
  .strict()
  .superRefine((citation, ctx) => {
    citation.according_to.forEach((step, i) => {
      if (step.kind === 'source' && step.id === citation.source) {
        ctx.addIssue({
          code: 'custom',
          path: ['according_to', i, 'id'],
          message: `the source '${step.id}' cannot report itself: name the source it reports`,
        });
      }
    });
  })
  .meta({
    id: 'RecordCitation',
    description:
      'A citation as a record is written: the source, its words, and whose account it gives.',
  });

/** The `citations` field every record has. */
export const cited = { citations: z.array(CitationInput).max(100).default([]) };

/** A reason in one line: what a basis entry says of an inferred or background field. */
const oneLine = text(500).regex(/^[^\r\n]*$/, 'a note is one line');

/**
 * Where one field of a record comes from (src/records/basis.ts): stated by a source (one of the
 * record's citations, by its index, when the record cites several), inferred by the knowledge
 * base (with the reason), or background knowledge that no cited source states (with what it is).
 */
export const BasisEntry = z
  .discriminatedUnion('kind', [
    z
      .object({
        kind: z.literal('stated'),
        note: oneLine.optional(),
        citation: z.number().int().min(0).max(99).optional().meta({
          description: "The index in the record's `citations` of the citation that states it.",
        }),
      })
      .strict(),
    z.object({ kind: z.literal('inferred'), note: oneLine }).strict(),
    z.object({ kind: z.literal('background'), note: oneLine }).strict(),
  ])
  .meta({
    id: 'BasisEntry',
    description:
      "How a field is known: `stated` by a cited source (`citation`: which of the record's citations), `inferred` by the knowledge base from what the sources say (`note`: the reason, in a line), or `background` knowledge no cited source states (`note`: what it is).",
    example: {
      kind: 'inferred',
      note: 'the article says the airport was decorated to greet them, not that they landed there',
    },
  });
export type BasisEntry = z.infer<typeof BasisEntry>;

/** A record's basis: its fields not (or not simply) stated by its citations, by field name. */
export const Basis = z
  .record(z.string().min(1).max(100).refine(withoutNul, NUL_MESSAGE), BasisEntry)
  .meta({
    id: 'Basis',
    description:
      "The basis of the record's fields, by field name (one of the record's own fields). A field left out is stated by the record's citations; an inferred or background field says why. Answers always carry it (`{}` when every field is stated), its fields in alphabetical order.",
    example: {
      arrival_place: {
        kind: 'inferred',
        note: 'the article says the airport was decorated to greet them, not that they landed there',
      },
    },
  });
export type Basis = z.infer<typeof Basis>;

/** The `basis` field every record has, beside `citations`. */
export const based = { basis: Basis.default({}) };
export const aliases = z.array(text(300)).max(100).default([]);

/** A person, an organization, or an unnamed group ("senior officials"). */
export const AgentInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('person'), id: Id }).strict(),
  z.object({ kind: z.literal('organization'), id: Id }).strict(),
  z.object({ kind: z.literal('group'), label: text(300) }).strict(),
]);
export type AgentInput = z.infer<typeof AgentInput>;

/** An agent as its three columns (person, organization, group label): one of them set. */
export function agentColumns(agent: AgentInput) {
  return {
    personId: agent.kind === 'person' ? agent.id : null,
    organizationId: agent.kind === 'organization' ? agent.id : null,
    groupLabel: agent.kind === 'group' ? agent.label : null,
  };
}

/** The agent its columns hold (the inverse of `agentColumns`). */
export function agentOf(row: {
  personId?: unknown;
  organizationId?: unknown;
  groupLabel?: unknown;
}): AgentInput {
  if (typeof row.personId === 'string') return { kind: 'person', id: row.personId };
  if (typeof row.organizationId === 'string') {
    return { kind: 'organization', id: row.organizationId };
  }
  return { kind: 'group', label: typeof row.groupLabel === 'string' ? row.groupLabel : '' };
}
