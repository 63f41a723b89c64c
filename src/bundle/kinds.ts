/** The kinds of record a bundle holds: their tables, citation kinds and references. */
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { CitedKind } from '../kinds/tables.js';
import * as t from '../kinds/tables.js';
import type { AgentInput, Bundle, BundleKind } from './schema.js';

export const CITED_KIND_OF: Record<BundleKind, CitedKind> = {
  sources: 'source',
  places: 'place',
  organizations: 'organization',
  people: 'person',
  positions: 'position',
  relations: 'relation',
  events: 'event',
  participations: 'participation',
  delegations: 'delegation',
  statements: 'statement',
  figures: 'figure',
};

export const TABLE_OF = {
  sources: t.sources,
  places: t.places,
  organizations: t.organizations,
  people: t.people,
  positions: t.positions,
  relations: t.relations,
  events: t.events,
  participations: t.participations,
  delegations: t.delegations,
  statements: t.statements,
  figures: t.figures,
} satisfies Record<BundleKind, SQLiteTable>;

/** A reference a record makes: where in the record, and to which kind and id. */
export interface Reference {
  pointer: string;
  kind: BundleKind;
  id: string;
}

type AnyRecord = Bundle[BundleKind][number];

function agentReference(pointer: string, agent: AgentInput): Reference[] {
  if (agent.kind === 'person') return [{ pointer: `${pointer}/id`, kind: 'people', id: agent.id }];
  if (agent.kind === 'organization') {
    return [{ pointer: `${pointer}/id`, kind: 'organizations', id: agent.id }];
  }
  return [];
}

/** Each kind's references, by field: the bundle field and the kind it names. */
const FIELDS: Record<BundleKind, [string, BundleKind][]> = {
  sources: [],
  places: [['parent', 'places']],
  organizations: [
    ['country', 'organizations'],
    ['parent', 'organizations'],
  ],
  people: [['country', 'organizations']],
  positions: [
    ['person', 'people'],
    ['organization', 'organizations'],
  ],
  relations: [
    ['person', 'people'],
    ['related_person', 'people'],
  ],
  events: [
    ['place', 'places'],
    ['parent', 'events'],
    ['commemorates', 'events'],
  ],
  participations: [['event', 'events']],
  delegations: [
    ['leader', 'people'],
    ['sender', 'organizations'],
    ['destination', 'places'],
    ['event', 'events'],
    ['arrival_place', 'places'],
  ],
  statements: [
    ['event', 'events'],
    ['delegation', 'delegations'],
  ],
  figures: [
    ['subject', 'organizations'],
    ['event', 'events'],
  ],
};

/** Every id a record refers to, with the JSON pointer (within the record) of the reference. */
export function referencesOf(kind: BundleKind, record: AnyRecord): Reference[] {
  const refs: Reference[] = [];
  const fields = record as unknown as Record<string, unknown>;
  for (const [field, target] of FIELDS[kind]) {
    const id = fields[field];
    if (typeof id === 'string') refs.push({ pointer: `/${field}`, kind: target, id });
  }
  record.citations.forEach((c, i) => {
    refs.push({ pointer: `/citations/${i}/source`, kind: 'sources', id: c.source });
  });
  if (kind === 'sources') {
    (record as Bundle['sources'][number]).cites.forEach((id, i) => {
      refs.push({ pointer: `/cites/${i}`, kind: 'sources', id });
    });
  } else if (kind === 'participations') {
    refs.push(
      ...agentReference('/participant', (record as Bundle['participations'][number]).participant),
    );
  } else if (kind === 'statements') {
    refs.push(...agentReference('/speaker', (record as Bundle['statements'][number]).speaker));
  } else if (kind === 'delegations') {
    const delegation = record as Bundle['delegations'][number];
    delegation.members.forEach((m, i) => {
      refs.push({ pointer: `/members/${i}/person`, kind: 'people', id: m.person });
    });
    delegation.receivers.forEach((r, i) => {
      refs.push(...agentReference(`/receivers/${i}/receiver`, r.receiver));
      if (r.place) refs.push({ pointer: `/receivers/${i}/place`, kind: 'places', id: r.place });
    });
  }
  return refs;
}
