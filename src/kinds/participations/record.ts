import { z } from 'zod';
import { Id } from '../../query/shapes.js';
import { AgentInput, based, cited, text } from '../../records/fields.js';

export const ParticipationRecord = z
  .object({ id: Id, event: Id, participant: AgentInput, role: text(100), ...cited, ...based })
  .strict();
export type ParticipationRecord = z.infer<typeof ParticipationRecord>;
