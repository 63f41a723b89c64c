/**
 * A knowledge base in which every list an item embeds runs past the cap: `CROWD` of each, so
 * that an item shows the first `EMBEDDED_MAX` and says how many there are.
 */
import { type Bundle, type BundleInput, Bundle as BundleSchema } from '../src/bundle/schema.js';

export const CROWD = 25;

/** `prefix-01` to `prefix-25`: ids that sort as their numbers do. */
const numbered = (prefix: string) =>
  Array.from({ length: CROWD }, (_, i) => `${prefix}-${String(i + 1).padStart(2, '0')}`);

const SOURCE = 'crowd-source';
const cite = [{ source: SOURCE, excerpt: 'crowd' }];

export const STAR = 'star';
export const BODY = 'crowd-body';
export const LAND = 'crowd-land';
export const GATHERING = 'crowd-gathering';
export const VISIT = 'crowd-visit';
export const PEOPLE = numbered('crowd-person');
export const TOWNS = numbered('crowd-town');
export const BODIES = numbered('crowd-sub-body');
export const PARTS = numbered('crowd-part');
export const CITING = numbered('crowd-citing');
export const CITED = numbered('crowd-cited');
export const TRIPS = numbered('crowd-trip');

/** Day `i` (0-based) of January 2000, so that the parts of the gathering sort by number. */
const day = (i: number) => `2000-01-${String(i + 1).padStart(2, '0')}`;

export function crowdedBundle(): Bundle {
  const input: BundleInput = {
    format: 'annals-bundle',
    version: 1,
    sources: [
      { id: SOURCE, title: 'The crowd', cites: [...CITED] },
      ...CITED.map((id) => ({ id, title: id })),
      ...CITING.map((id) => ({ id, title: id, cites: [SOURCE] })),
    ],
    places: [
      { id: LAND, name: 'Crowd Land', type: 'country' },
      ...TOWNS.map((id) => ({ id, name: id, type: 'city', parent: LAND })),
    ],
    organizations: [
      { id: BODY, name: 'Crowd Body', type: 'party' },
      ...BODIES.map((id) => ({ id, name: id, type: 'party_body', parent: BODY })),
    ],
    people: [
      { id: STAR, name: 'Star', citations: cite },
      ...PEOPLE.map((id) => ({ id, name: id })),
    ],
    positions: [
      ...PEOPLE.map((person, i) => ({
        id: `${person}-post`,
        person,
        organization: BODY,
        title: 'member',
        start: String(1990 + i),
      })),
      ...PEOPLE.map((_, i) => ({
        id: `star-post-${String(i + 1).padStart(2, '0')}`,
        person: STAR,
        organization: BODIES[i],
        title: 'chair',
        start: String(1990 + i),
        citations: cite,
      })),
    ],
    relations: PEOPLE.map((related_person, i) => ({
      id: `star-relation-${String(i + 1).padStart(2, '0')}`,
      person: STAR,
      relation: 'friend of',
      related_person,
    })),
    events: [
      {
        id: GATHERING,
        type: 'gathering',
        title: 'The gathering',
        start: '2000',
        names: PEOPLE.map((id) => ({ name: `Gathering of ${id}`, used_by: id })),
      },
      ...PARTS.map((id, i) => ({
        id,
        type: 'meeting',
        title: id,
        start: day(i),
        place: TOWNS[i],
        parent: GATHERING,
      })),
    ],
    participations: [
      ...PEOPLE.map((id) => ({
        id: `${id}-at-gathering`,
        event: GATHERING,
        participant: { kind: 'person' as const, id },
        role: 'attended',
        citations: cite,
      })),
      ...PARTS.map((event) => ({
        id: `star-at-${event}`,
        event,
        participant: { kind: 'person' as const, id: STAR },
        role: 'spoke',
      })),
      ...PARTS.map((event) => ({
        id: `body-at-${event}`,
        event,
        participant: { kind: 'organization' as const, id: BODY },
        role: 'hosted',
      })),
    ],
    delegations: [
      {
        id: VISIT,
        name: 'The visit',
        members: PEOPLE.map((person) => ({ person })),
        receivers: PEOPLE.map((id) => ({
          receiver: { kind: 'person' as const, id },
          role: 'greeted',
        })),
      },
      // The star leads the first trips, joins the next and receives the rest.
      ...TRIPS.map((id, i) => ({
        id,
        name: id,
        ...(i < 9 ? { leader: STAR } : {}),
        members: i >= 9 && i < 17 ? [{ person: STAR }] : [],
        receivers:
          i >= 17 ? [{ receiver: { kind: 'person' as const, id: STAR }, role: 'met' }] : [],
      })),
    ],
    statements: [
      // The first 18 are dated latest first; the last 7 say nothing of when, so come last.
      ...PEOPLE.map((_, i) => ({
        id: `star-said-${String(i + 1).padStart(2, '0')}`,
        speaker: { kind: 'person' as const, id: STAR },
        ...(i < 18 ? { date: day(17 - i) } : {}),
        kind: 'remarks',
        mode: 'quote' as const,
        text: `Words ${i + 1}`,
      })),
      ...PEOPLE.map((_, i) => ({
        id: `body-said-${String(i + 1).padStart(2, '0')}`,
        speaker: { kind: 'organization' as const, id: BODY },
        date: day(i),
        kind: 'statement',
        mode: 'paraphrase' as const,
        text: `Declared ${i + 1}`,
        delegation: VISIT,
      })),
    ],
  };
  return BundleSchema.parse(input);
}
