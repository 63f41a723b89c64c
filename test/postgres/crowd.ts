/**
 * A bundle whose items pass every cap an item has (EMBEDDED_MAX of each list, ANNOTATIONS_MAX of
 * a source's annotations), for the items parity test: an event, a person, a place, an
 * organization, a source and a delegation each with one more than shown in every capped list.
 * Names are mixed in case and punctuation, some repeated, and some dates are missing or
 * partial, so that the orders (names compared byte by byte, NULLs first, ties by id) are tested,
 * not assumed. A record carries at most 100 citations (records/fields.ts), so no item passes
 * CITATIONS_MAX: the crowded event has exactly that many.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ANNOTATIONS_MAX } from '../../src/kinds/sources/schemas.js';
import { CITATIONS_MAX, EMBEDDED_MAX } from '../../src/query/shapes.js';

const N = EMBEDDED_MAX + 1;
const WORDS = ANNOTATIONS_MAX + CITATIONS_MAX;
const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const pad = (i: number) => String(i).padStart(3, '0');
/** A word of the crowd's source text, once in it: what a citation quotes. */
const word = (i: number) => `entry-${pad(i)}`;
/** Names whose byte order is not their case-blind order, one repeated. */
const NAMES = ['Zeta', 'alpha', 'Beta', '_under', 'beta', 'Alpha', 'zeta'];
const nameOf = (i: number, noun: string) => `${NAMES[i % NAMES.length]} ${noun} ${i % 5}`;
/** Partial dates of every form, some repeated, some missing. */
const DATES = ['2001', '2001-05', '2001-W05', '2001-05-03', '2001~', null, '2000-12-31?', '2001'];
const dateOf = (i: number) => DATES[i % DATES.length] ?? null;

const cite = (i: number, steps: object[] = []) => ({
  source: 'crowd-text',
  excerpt: word(i),
  ...(steps.length > 0 ? { according_to: steps } : {}),
});

export function crowdBundle() {
  const people = range(N).map((i) => ({
    id: `crowd-person-${pad(i)}`,
    name: nameOf(i, 'person'),
    aliases: [],
    country: null,
    description: null,
    citations: [],
  }));
  const hub = { ...(people[0] as object), id: 'crowd-hub', name: 'Crowd hub' };
  const children = range(N).map((i) => ({
    id: `crowd-child-${pad(N - i)}`,
    type: 'meeting',
    title: nameOf(i, 'meeting'),
    summary: null,
    start: dateOf(i) ?? '2002',
    end: null,
    status: 'held',
    place: `crowd-place-${pad(i % 3)}`,
    parent: 'crowd-event',
    commemorates: null,
    names: [],
    citations: [cite(WORDS - N + i)],
  }));
  return {
    format: 'annals-bundle',
    version: 1,
    sources: [
      {
        id: 'crowd-text',
        title: 'Crowd text',
        publisher: null,
        published: '2001',
        url: null,
        text: range(WORDS).map(word).join(' '),
        cites: range(N).map((i) => `crowd-cited-${pad(i)}`),
        citations: [],
      },
      ...range(N).map((i) => ({
        id: `crowd-cited-${pad(i)}`,
        title: nameOf(i, 'source'),
        publisher: null,
        published: null,
        url: null,
        text: null,
        cites: i % 2 === 0 ? ['crowd-text'] : [],
        citations: [],
      })),
      ...range(N).map((i) => ({
        id: `crowd-citing-${pad(i)}`,
        title: nameOf(i, 'report'),
        publisher: null,
        published: null,
        url: null,
        text: null,
        cites: ['crowd-text'],
        citations: [],
      })),
    ],
    places: [
      { id: 'crowd-place', name: 'Crowd place', type: 'city', aliases: [], parent: null },
      ...range(N).map((i) => ({
        id: `crowd-place-${pad(i)}`,
        name: nameOf(i, 'district'),
        type: 'district',
        aliases: [],
        parent: 'crowd-place',
      })),
    ],
    organizations: [
      {
        id: 'crowd-org',
        name: 'Crowd organization',
        type: 'party',
        aliases: ['Crowd'],
        country: null,
        parent: null,
        description: null,
      },
      ...range(N).map((i) => ({
        id: `crowd-org-${pad(i)}`,
        name: nameOf(i, 'bureau'),
        type: 'bureau',
        aliases: [],
        country: null,
        parent: 'crowd-org',
        description: null,
      })),
    ],
    people: [hub, ...people],
    positions: [
      ...range(N).map((i) => ({
        id: `crowd-hub-post-${pad(N - i)}`,
        person: 'crowd-hub',
        organization: i % 4 === 0 ? null : 'crowd-org',
        title: nameOf(i, 'post'),
        start: dateOf(i),
        end: null,
        as_of: null,
        citations: [cite(i)],
      })),
      ...range(N).map((i) => ({
        id: `crowd-member-${pad(i)}`,
        person: `crowd-person-${pad(i)}`,
        organization: 'crowd-org',
        title: 'member',
        start: null,
        end: null,
        as_of: null,
      })),
    ],
    relations: range(N).map((i) => ({
      id: `crowd-relation-${pad(N - i)}`,
      person: i % 2 === 0 ? 'crowd-hub' : `crowd-person-${pad(i)}`,
      relation: 'colleague of',
      related_person: i % 2 === 0 ? `crowd-person-${pad(i)}` : 'crowd-hub',
      citations: [cite(i + N)],
    })),
    events: [
      {
        id: 'crowd-event',
        type: 'congress',
        title: 'Crowd congress',
        summary: null,
        start: '2001',
        end: '2002',
        status: 'held',
        place: 'crowd-place',
        parent: null,
        commemorates: null,
        // A party named beyond ASCII: SQLite's nocase folds ASCII letters only, as lower() on "C".
        names: range(N).map((i) => ({
          name: nameOf(i, 'congress'),
          used_by: i === 3 ? 'Émigrés' : `Party ${i % 5}`,
        })),
        citations: range(CITATIONS_MAX).map((i) =>
          cite(i, i % 10 === 0 ? [{ kind: 'person', id: 'crowd-hub' }] : []),
        ),
      },
      ...children,
    ],
    participations: [
      ...range(N).map((i) => ({
        id: `crowd-attendance-${pad(N - i)}`,
        event: 'crowd-event',
        participant:
          i % 3 === 0
            ? { kind: 'group', label: nameOf(i, 'group') }
            : { kind: 'person', id: `crowd-person-${pad(i)}` },
        role: 'attended',
        citations: [cite(CITATIONS_MAX + i)],
      })),
      ...children.flatMap((child, i) => [
        {
          id: `${child.id}-hub`,
          event: child.id,
          participant: { kind: 'person', id: 'crowd-hub' },
          role: 'chaired',
        },
        {
          id: `${child.id}-org`,
          event: child.id,
          participant: { kind: 'organization', id: 'crowd-org' },
          role: `host ${i}`,
        },
      ]),
    ],
    delegations: [
      {
        id: 'crowd-delegation',
        name: 'Crowd delegation',
        leader: 'crowd-hub',
        sender: 'crowd-org',
        destination: 'crowd-place',
        event: 'crowd-event',
        arrival: '2001-05',
        status: 'held',
        arrival_place: null,
        purpose: null,
        members: range(N).map((i) => ({
          person: `crowd-person-${pad(N - 1 - i)}`,
          role: i % 2 ? 'aide' : null,
        })),
        receivers: range(N).map((i) => ({
          receiver:
            i % 2 === 0
              ? { kind: 'person', id: `crowd-person-${pad(i)}` }
              : { kind: 'group', label: nameOf(i, 'officials') },
          role: 'greeted',
          place: i % 3 === 0 ? `crowd-place-${pad(i)}` : null,
        })),
      },
      ...range(N).map((i) => ({
        id: `crowd-delegation-${pad(i)}`,
        name: nameOf(i, 'delegation'),
        leader: 'crowd-hub',
        status: 'held',
        members: [],
        receivers: [],
      })),
    ],
    statements: [
      ...range(N).map((i) => ({
        id: `crowd-said-${pad(N - i)}`,
        speaker: { kind: 'person', id: 'crowd-hub' },
        date: dateOf(i),
        delegation: 'crowd-delegation',
        kind: 'remarks',
        mode: 'paraphrase',
        text: nameOf(i, 'remark'),
        citations: [cite(2 * N + i)],
      })),
      ...range(N).map((i) => ({
        id: `crowd-org-said-${pad(i)}`,
        speaker: { kind: 'organization', id: 'crowd-org' },
        date: dateOf(i + 1),
        kind: 'statement',
        mode: 'quote',
        text: nameOf(i, 'statement'),
      })),
    ],
    figures: [],
  };
}

/** The crowd bundle written to `dir`, for loadSeed and loadSeedPostgres. */
export function writeCrowdBundle(dir: string): string {
  const path = join(dir, 'crowd.json');
  writeFileSync(path, JSON.stringify(crowdBundle()));
  return path;
}
