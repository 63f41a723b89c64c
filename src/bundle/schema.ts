/**
 * The bundle: the format the seed is written in, imports read and exports write. One JSON object
 * with an array per kind; references are ids, and may point to records defined later in the same
 * bundle. Citations sit inside the record they support.
 */
import { z } from 'zod';
import { QUALIFIERS } from '../domain/figures.js';
import { firstDay, lastDay, partialDateError } from '../domain/partial-date.js';
import { Id, PartialDate } from '../query/shapes.js';

const text = (max = 2000) => z.string().trim().min(1).max(max);
const optional = <T extends z.ZodType>(schema: T) => schema.nullable().optional();

/** A list in which no two items share a key: a source cited twice, a member listed twice. */
function distinct<T>(key: (item: T) => string, what: string, field?: string) {
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
function endsAfterStart(
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

export const CitationInput = z
  .object({
    source: Id,
    excerpt: text(5000).meta({ description: 'The words of the source, verbatim.' }),
  })
  .strict();

const cited = { citations: z.array(CitationInput).max(100).default([]) };
const aliases = z.array(text(300)).max(100).default([]);

/** A person, an organization, or an unnamed group ("senior officials"). */
export const AgentInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('person'), id: Id }).strict(),
  z.object({ kind: z.literal('organization'), id: Id }).strict(),
  z.object({ kind: z.literal('group'), label: text(300) }).strict(),
]);
export type AgentInput = z.infer<typeof AgentInput>;

export const SourceRecord = z
  .object({
    id: Id,
    title: text(500),
    publisher: optional(text(300)),
    published: optional(PartialDate),
    url: optional(z.url().max(2000)),
    text: optional(z.string().max(1_000_000)),
    cites: z
      .array(Id)
      .max(100)
      .superRefine(distinct((id) => id, 'source'))
      .default([]),
    ...cited,
  })
  .strict();

export const PlaceRecord = z
  .object({
    id: Id,
    name: text(300),
    type: text(60),
    aliases,
    parent: optional(Id),
    ...cited,
  })
  .strict();

export const OrganizationRecord = z
  .object({
    id: Id,
    name: text(300),
    type: text(60),
    aliases,
    country: optional(Id),
    parent: optional(Id),
    description: optional(text()),
    ...cited,
  })
  .strict();

export const PersonRecord = z
  .object({
    id: Id,
    name: text(300),
    aliases,
    country: optional(Id),
    description: optional(text()),
    ...cited,
  })
  .strict();

const PositionObject = z
  .object({
    id: Id,
    person: Id,
    organization: optional(Id),
    title: text(300),
    start: optional(PartialDate),
    end: optional(PartialDate),
    ...cited,
  })
  .strict();
export const PositionRecord = PositionObject.superRefine(endsAfterStart);

export const RelationRecord = z
  .object({
    id: Id,
    person: Id,
    relation: text(100).meta({ example: 'eldest son of' }),
    related_person: Id,
    ...cited,
  })
  .strict();

export const EventNameInput = z
  .object({ name: text(300), used_by: text(100).meta({ example: 'DPRK' }) })
  .strict();

const EventObject = z
  .object({
    id: Id,
    type: text(60),
    title: text(500),
    summary: optional(text(5000)),
    start: PartialDate,
    end: optional(PartialDate),
    place: optional(Id),
    parent: optional(Id),
    commemorates: optional(Id),
    names: z.array(EventNameInput).max(100).default([]),
    ...cited,
  })
  .strict();
export const EventRecord = EventObject.superRefine(endsAfterStart);

export const ParticipationRecord = z
  .object({ id: Id, event: Id, participant: AgentInput, role: text(100), ...cited })
  .strict();

export const DelegationRecord = z
  .object({
    id: Id,
    name: text(300),
    leader: optional(Id),
    sender: optional(Id),
    destination: optional(Id),
    event: optional(Id),
    arrival: optional(PartialDate),
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
  })
  .strict();

export const StatementRecord = z
  .object({
    id: Id,
    speaker: AgentInput.refine((agent) => agent.kind !== 'group', {
      message: 'a statement is attributed to a person or an organization',
    }),
    date: optional(PartialDate),
    event: optional(Id),
    delegation: optional(Id),
    kind: text(60).meta({ example: 'remarks' }),
    mode: z.enum(['quote', 'paraphrase']),
    text: text(20_000),
    ...cited,
  })
  .strict();

export const FigureRecord = z
  .object({
    id: Id,
    subject: Id.meta({ description: 'The organization the figure is about.' }),
    event: optional(Id),
    measure: text(300),
    value: z.number().finite(),
    qualifier: z.enum(QUALIFIERS),
    unit: text(60),
    as_stated: text(300).meta({ example: 'Nearly 180,000' }),
    note: optional(text()),
    ...cited,
  })
  .strict();

/** Each kind of record, by the name of its array in the bundle, in an order that loads cleanly. */
export const RECORD_SCHEMAS = {
  sources: SourceRecord,
  places: PlaceRecord,
  organizations: OrganizationRecord,
  people: PersonRecord,
  positions: PositionRecord,
  relations: RelationRecord,
  events: EventRecord,
  participations: ParticipationRecord,
  delegations: DelegationRecord,
  statements: StatementRecord,
  figures: FigureRecord,
} as const;

/**
 * The records' object schemas before their cross-field checks, for what needs the plain shape
 * (`.shape`, `.partial()`): CSV columns, PUT bodies. Validate with RECORD_SCHEMAS.
 */
export const RECORD_OBJECTS = {
  sources: SourceRecord,
  places: PlaceRecord,
  organizations: OrganizationRecord,
  people: PersonRecord,
  positions: PositionObject,
  relations: RelationRecord,
  events: EventObject,
  participations: ParticipationRecord,
  delegations: DelegationRecord,
  statements: StatementRecord,
  figures: FigureRecord,
} as const;

/** The cross-field checks of a kind (none for most), to add back to a reshaped object schema. */
export function refinementOf(kind: BundleKind) {
  return kind === 'events' || kind === 'positions' ? endsAfterStart : () => undefined;
}

export type BundleKind = keyof typeof RECORD_SCHEMAS;
export const BUNDLE_KINDS = Object.keys(RECORD_SCHEMAS) as BundleKind[];

export const Bundle = z
  .object({
    format: z.literal('annals-bundle'),
    version: z.literal(1),
    sources: z.array(SourceRecord).default([]),
    places: z.array(PlaceRecord).default([]),
    organizations: z.array(OrganizationRecord).default([]),
    people: z.array(PersonRecord).default([]),
    positions: z.array(PositionRecord).default([]),
    relations: z.array(RelationRecord).default([]),
    events: z.array(EventRecord).default([]),
    participations: z.array(ParticipationRecord).default([]),
    delegations: z.array(DelegationRecord).default([]),
    statements: z.array(StatementRecord).default([]),
    figures: z.array(FigureRecord).default([]),
  })
  .strict()
  .meta({
    id: 'Bundle',
    description: 'A set of records of every kind, as the seed and imports use.',
  });
export type Bundle = z.infer<typeof Bundle>;
export type BundleInput = z.input<typeof Bundle>;
