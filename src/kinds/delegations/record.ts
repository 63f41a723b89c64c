import { z } from 'zod';
import { Id, PartialDate } from '../../query/shapes.js';
import { AgentInput, based, cited, distinct, optional, text } from '../../records/fields.js';
import { eventStatus } from '../events/record.js';

export const DelegationRecord = z
  .object({
    id: Id,
    name: text(300),
    leader: optional(Id),
    sender: optional(Id),
    destination: optional(Id),
    event: optional(Id),
    arrival: optional(PartialDate),
    status: eventStatus,
    arrival_place: optional(Id),
    purpose: optional(text()),
    members: z
      .array(z.object({ person: Id, role: optional(text(100)) }).strict())
      .max(500)
      .superRefine(distinct((m) => m.person, 'person', 'person'))
      .default([]),
    receivers: z
      .array(z.object({ receiver: AgentInput, role: text(100), place: optional(Id) }).strict())
      .max(500)
      .default([]),
    ...cited,
    ...based,
  })
  .strict();
export type DelegationRecord = z.infer<typeof DelegationRecord>;
