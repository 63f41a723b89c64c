/**
 * How each kind of bundle record becomes rows: its own row, its child rows (names, members,
 * receivers, cited sources) and its citations. Derived columns (first/last days, figure bounds)
 * are computed here, so a record never carries them.
 */
import { boundsOf } from '../domain/figures.js';
import { firstDay, lastDay, spanClassOf } from '../domain/partial-date.js';
import type { AgentInput, Bundle } from './schema.js';

type Records<K extends keyof Bundle> = Bundle[K] extends (infer R)[] ? R : never;

export function agentColumns(agent: AgentInput) {
  return {
    personId: agent.kind === 'person' ? agent.id : null,
    organizationId: agent.kind === 'organization' ? agent.id : null,
    groupLabel: agent.kind === 'group' ? agent.label : null,
  };
}

export const toRow = {
  sources: (r: Records<'sources'>) => ({
    id: r.id,
    title: r.title,
    publisher: r.publisher ?? null,
    published: r.published ?? null,
    url: r.url ?? null,
    text: r.text ?? null,
  }),
  places: (r: Records<'places'>) => ({
    id: r.id,
    name: r.name,
    type: r.type,
    aliases: r.aliases,
    parentId: r.parent ?? null,
  }),
  organizations: (r: Records<'organizations'>) => ({
    id: r.id,
    name: r.name,
    type: r.type,
    aliases: r.aliases,
    countryId: r.country ?? null,
    parentId: r.parent ?? null,
    description: r.description ?? null,
  }),
  people: (r: Records<'people'>) => ({
    id: r.id,
    name: r.name,
    aliases: r.aliases,
    countryId: r.country ?? null,
    description: r.description ?? null,
  }),
  positions: (r: Records<'positions'>) => ({
    id: r.id,
    personId: r.person,
    organizationId: r.organization ?? null,
    title: r.title,
    start: r.start ?? null,
    end: r.end ?? null,
  }),
  relations: (r: Records<'relations'>) => ({
    id: r.id,
    personId: r.person,
    relation: r.relation,
    relatedPersonId: r.related_person,
  }),
  events: (r: Records<'events'>) => ({
    id: r.id,
    type: r.type,
    title: r.title,
    summary: r.summary ?? null,
    start: r.start,
    end: r.end ?? null,
    startFirstDay: firstDay(r.start),
    endLastDay: lastDay(r.end ?? r.start),
    spanClass: spanClassOf(firstDay(r.start), lastDay(r.end ?? r.start)),
    placeId: r.place ?? null,
    parentId: r.parent ?? null,
    commemoratesId: r.commemorates ?? null,
  }),
  participations: (r: Records<'participations'>) => ({
    id: r.id,
    eventId: r.event,
    ...agentColumns(r.participant),
    role: r.role,
  }),
  delegations: (r: Records<'delegations'>) => ({
    id: r.id,
    name: r.name,
    leaderId: r.leader ?? null,
    senderId: r.sender ?? null,
    destinationId: r.destination ?? null,
    eventId: r.event ?? null,
    arrival: r.arrival ?? null,
    arrivalFirstDay: r.arrival ? firstDay(r.arrival) : null,
    arrivalPlaceId: r.arrival_place ?? null,
    purpose: r.purpose ?? null,
  }),
  statements: (r: Records<'statements'>) => ({
    id: r.id,
    speakerPersonId: r.speaker.kind === 'person' ? r.speaker.id : null,
    speakerOrganizationId: r.speaker.kind === 'organization' ? r.speaker.id : null,
    date: r.date ?? null,
    dateFirstDay: r.date ? firstDay(r.date) : null,
    dateLastDay: r.date ? lastDay(r.date) : null,
    eventId: r.event ?? null,
    delegationId: r.delegation ?? null,
    kind: r.kind,
    mode: r.mode,
    text: r.text,
  }),
  figures: (r: Records<'figures'>) => {
    const bounds = boundsOf(r.qualifier, r.value);
    return {
      id: r.id,
      subjectId: r.subject,
      eventId: r.event ?? null,
      measure: r.measure,
      value: r.value,
      qualifier: r.qualifier,
      lowerBound: bounds.lower,
      lowerInclusive: bounds.lowerInclusive,
      upperBound: bounds.upper,
      upperInclusive: bounds.upperInclusive,
      unit: r.unit,
      asStated: r.as_stated,
      note: r.note ?? null,
    };
  },
};
