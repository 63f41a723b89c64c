/**
 * The building blocks of the kinds' record schemas: bounded texts, optional references,
 * citations, agents, and the checks more than one kind makes (no duplicates in a list, a span
 * that does not end before it starts).
 */
import { z } from 'zod';
import { firstDay, lastDay, partialDateError } from '../domain/partial-date.js';
import { Id } from '../query/shapes.js';

export const text = (max = 2000) => z.string().trim().min(1).max(max);
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
  .strict();
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
  });

/** The `citations` field every record has. */
export const cited = { citations: z.array(CitationInput).max(100).default([]) };
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
