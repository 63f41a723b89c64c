import { z } from 'zod';
import { Id, PartialDate } from '../../query/shapes.js';
import { AgentInput, based, cited, optional, text } from '../../records/fields.js';

export const StatementRecord = z
  .object({
    id: Id,
    speaker: AgentInput.refine((agent) => agent.kind !== 'group', {
      message: 'a statement is attributed to a person or an organization',
    }),
    date: optional(PartialDate),
    place: optional(Id).meta({
      description:
        "Where it was said, when the source says (or the knowledge base infers it): the statement's own place, not the place of the event it is about. Null or absent when unknown; such a statement has no place in the timeline and never matches `place=`.",
      example: 'beijing',
    }),
    event: optional(Id),
    delegation: optional(Id),
    kind: text(60).meta({ example: 'remarks' }),
    mode: z.enum(['quote', 'paraphrase']),
    text: text(20_000),
    ...cited,
    ...based,
  })
  .strict();
export type StatementRecord = z.infer<typeof StatementRecord>;
