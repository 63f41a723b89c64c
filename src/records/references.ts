/**
 * What a record refers to, read from its kind's reference specs: the references an import or a
 * write checks (with the JSON pointer each sits at), and the columns a delete follows back to
 * the records that refer to it.
 */
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { AgentValue, KindDefinition, Reference, ReferenceSpec } from './definition.js';

type Fields = Record<string, unknown>;

/** What of a citation refers to other records: its source and the steps of its account. */
interface CitationReferences {
  source: string;
  according_to?: { kind: 'source' | 'person' | 'organization'; id: string }[];
}

/** The kind a step of a citation's account names. */
const STEP_TARGETS = { source: 'sources', person: 'people', organization: 'organizations' };

/** The reference an agent makes, when it names a person or an organization. */
function agentReference(pointer: string, agent: unknown): Reference[] {
  const value = agent as AgentValue | undefined;
  if (value?.kind === 'person') return [{ pointer: `${pointer}/id`, kind: 'people', id: value.id }];
  if (value?.kind === 'organization') {
    return [{ pointer: `${pointer}/id`, kind: 'organizations', id: value.id }];
  }
  return [];
}

const isField = (spec: ReferenceSpec): spec is Extract<ReferenceSpec, { target: string }> =>
  'target' in spec && !('list' in spec);

function referencesAt(spec: ReferenceSpec, record: Fields): Reference[] {
  if ('list' in spec) {
    const entries = (record[spec.list] ?? []) as unknown[];
    return entries.flatMap((entry, i) =>
      spec.entries.flatMap((at) => {
        const pointer = `/${spec.list}/${i}${at.field === undefined ? '' : `/${at.field}`}`;
        const value = at.field === undefined ? entry : (entry as Fields)[at.field];
        if ('agent' in at) return agentReference(pointer, value);
        return typeof value === 'string' ? [{ pointer, kind: at.target, id: value }] : [];
      }),
    );
  }
  if ('agent' in spec) return agentReference(`/${spec.field}`, record[spec.field]);
  const id = record[spec.field];
  return typeof id === 'string' ? [{ pointer: `/${spec.field}`, kind: spec.target, id }] : [];
}

/**
 * Every id a record refers to, with its JSON pointer within the record: its plain reference
 * fields, then its citations' sources, then its agents and list entries.
 */
export function referencesOf(
  kind: Pick<KindDefinition, 'references'>,
  record: { citations: CitationReferences[] },
): Reference[] {
  const fields = record as unknown as Fields;
  return [
    ...kind.references.filter(isField).flatMap((spec) => referencesAt(spec, fields)),
    ...record.citations.flatMap((c, i) => [
      { pointer: `/citations/${i}/source`, kind: 'sources', id: c.source },
      ...(c.according_to ?? []).map((step, j) => ({
        pointer: `/citations/${i}/according_to/${j}/id`,
        kind: STEP_TARGETS[step.kind],
        id: step.id,
      })),
    ]),
    ...kind.references
      .filter((spec) => !isField(spec))
      .flatMap((spec) => referencesAt(spec, fields)),
  ];
}

/** A column that refers to a record of `target`, held by a record of `holder`. */
export interface Link {
  holder: string;
  /** The holder's id: its own id column, or the column of a child row that names its record. */
  holderId: SQLiteColumn;
  column: SQLiteColumn;
  target: string;
}

/** The columns through which records of a kind refer to others. */
export function linksOf(kind: KindDefinition): Link[] {
  const link = (holderId: SQLiteColumn, column: SQLiteColumn, target: string): Link => ({
    holder: kind.name,
    holderId,
    column,
    target,
  });
  return kind.references.flatMap((spec) => {
    const holderId = 'list' in spec ? spec.owner : kind.table.id;
    const ats = 'list' in spec ? spec.entries : [spec];
    return ats.flatMap((at) =>
      'agent' in at
        ? [
            link(holderId, at.agent.person, 'people'),
            link(holderId, at.agent.organization, 'organizations'),
          ]
        : [link(holderId, at.column, at.target)],
    );
  });
}
