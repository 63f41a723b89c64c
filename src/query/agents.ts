/** Turns the person / organization / group columns of a row into one Agent. */
import type { Agent } from './shapes.js';

export interface AgentColumns {
  personId: string | null;
  personName: string | null;
  organizationId: string | null;
  organizationName: string | null;
  groupLabel?: string | null;
}

export function toAgent(row: AgentColumns): Agent {
  if (row.personId !== null)
    return { kind: 'person', id: row.personId, name: row.personName ?? '' };
  if (row.organizationId !== null) {
    return { kind: 'organization', id: row.organizationId, name: row.organizationName ?? '' };
  }
  return { kind: 'group', label: row.groupLabel ?? '' };
}

/** A `{ id, name }` reference, or null when the row has no such link. */
export function ref(id: string | null, name: string | null): { id: string; name: string } | null {
  return id === null ? null : { id, name: name ?? '' };
}
