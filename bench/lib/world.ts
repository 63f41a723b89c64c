/**
 * The generated knowledge base, one entity at a time: every record is a pure function of its
 * kind and index (plus, for citations, how many facts came before it), so nothing but a few
 * small tables is held in memory whatever the size. Record shapes are the bundle's
 * (src/bundle/schema.ts).
 */
import { QUALIFIERS } from '../../src/domain/figures.js';
import { endAfter, format, type GenDate, randomDate } from './dates.js';
import {
  EVENT_TYPES,
  GROUPS,
  MEASURE_VERBS,
  ORG_NOUNS,
  ORG_TYPES,
  PLACE_TYPES,
  PUBLISHERS,
  QUALIFIER_WORDS,
  ROLES,
  STATEMENT_KINDS,
  UNITS,
} from './lexicon.js';
import { FACTS_PER_SOURCE, ids, type Plan, SEED } from './plan.js';
import { int, pick, type Rng, rngFor, scatter, Zipf } from './random.js';
import {
  ALIAS_SCRIPTS,
  capitalize,
  PARTIES,
  properName,
  transliterate,
  Vocabulary,
} from './vocabulary.js';

type Citation = { source: string; excerpt: string };
type Agent = { kind: 'person' | 'organization'; id: string } | { kind: 'group'; label: string };

function shuffled<T>(rng: Rng, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

export class World {
  readonly vocabulary = new Vocabulary(50_000, SEED);
  private readonly typeZipf = new Zipf(EVENT_TYPES.length, 1.1);
  private readonly roleZipf = new Zipf(ROLES.length, 1.2);
  private readonly personZipf: Zipf;
  private readonly orgZipf: Zipf;
  private readonly placeZipf: Zipf;
  private readonly personAt: (rank: number) => number;
  private readonly orgAt: (rank: number) => number;
  private readonly placeAt: (rank: number) => number;
  private readonly sourceWords = new Map<number, string[]>();
  /** Facts written so far: which source the next citation comes from. */
  private facts = 0;

  constructor(readonly plan: Plan) {
    this.personZipf = new Zipf(plan.people, 0.9);
    this.orgZipf = new Zipf(plan.organizations, 1.0);
    this.placeZipf = new Zipf(plan.places, 0.8);
    this.personAt = scatter(plan.people, 7);
    this.orgAt = scatter(plan.organizations, 3);
    this.placeAt = scatter(plan.places, 5);
  }

  rng(kind: string, index: number): Rng {
    return rngFor(SEED, kind, index);
  }

  /** The most cited people, most popular first (for the heavy cases). */
  popularPerson(rank: number): string {
    return ids.person(this.personAt(rank));
  }

  private anyPerson = (rng: Rng) => ids.person(this.personAt(this.personZipf.sample(rng)));
  private anyOrganization = (rng: Rng) => ids.organization(this.orgAt(this.orgZipf.sample(rng)));
  private anyPlace = (rng: Rng) => ids.place(this.placeAt(this.placeZipf.sample(rng)));
  private anyState = (rng: Rng) => ids.organization(int(rng, 0, this.plan.states - 1));

  stateName(k: number): string {
    return properName(this.rng('state', k));
  }

  placeName(j: number): string {
    return j < this.plan.states ? this.stateName(j) : properName(this.rng('place-name', j));
  }

  private wordsOfSource(s: number): string[] {
    let words = this.sourceWords.get(s);
    if (!words) {
      const rng = this.rng('source-text', s);
      words = this.vocabulary.text(rng, int(rng, 60, 120)).split(' ');
      this.sourceWords.set(s, words);
    }
    return words;
  }

  /** One citation (sometimes two) from the source this stretch of facts comes from. */
  private cite(rng: Rng): Citation[] {
    const s = Math.min(Math.floor(this.facts / FACTS_PER_SOURCE), this.plan.sources - 1);
    this.facts += 1;
    const excerpt = (source: number): Citation => {
      const words = this.wordsOfSource(source);
      const length = int(rng, 5, 12);
      const from = int(rng, 0, Math.max(0, words.length - length));
      return { source: ids.source(source), excerpt: words.slice(from, from + length).join(' ') };
    };
    const out = [excerpt(s)];
    if (rng() < 0.1 && this.plan.sources > 1) out.push(excerpt(s > 0 ? s - 1 : s + 1));
    return out;
  }

  private aliases(rng: Rng, name: string): string[] {
    const count = int(rng, 0, 2);
    const out = new Set<string>();
    for (let i = 0; i < count; i++) out.add(transliterate(name, pick(rng, ALIAS_SCRIPTS)));
    return [...out];
  }

  private prose(rng: Rng, min: number, max: number): string {
    return capitalize(this.vocabulary.text(rng, int(rng, min, max)));
  }

  source(s: number) {
    const rng = this.rng('source', s);
    return {
      id: ids.source(s),
      title: this.prose(rng, 3, 9),
      publisher: pick(rng, PUBLISHERS),
      published: format(randomDate(rng)),
      url: `https://example.org/sources/${s}`,
      text: this.wordsOfSource(s).join(' '),
      cites: s > 0 && rng() < 0.1 ? [ids.source(s - 1)] : [],
    };
  }

  place(j: number) {
    const rng = this.rng('place', j);
    const { states, places } = this.plan;
    const provincesEnd = states + Math.floor((places - states) * 0.2);
    const name = this.placeName(j);
    let type = 'country';
    let parent: string | null = null;
    if (j >= provincesEnd) {
      type = pick(rng, PLACE_TYPES);
      parent = ids.place(int(rng, states, Math.max(states, provincesEnd - 1)));
    } else if (j >= states) {
      type = 'province';
      parent = ids.place(int(rng, 0, states - 1));
    }
    return {
      id: ids.place(j),
      name,
      type,
      aliases: this.aliases(rng, name),
      parent,
      citations: this.cite(rng),
    };
  }

  organization(k: number) {
    const rng = this.rng('organization', k);
    const { states } = this.plan;
    if (k < states) {
      const name = `Republic of ${this.stateName(k)}`;
      return {
        id: ids.organization(k),
        name,
        type: 'state',
        aliases: this.aliases(rng, this.stateName(k)),
        country: null,
        parent: null,
        description: this.prose(rng, 8, 20),
        citations: this.cite(rng),
      };
    }
    const name = `${capitalize(this.vocabulary.word(rng))} ${pick(rng, ORG_NOUNS)}`;
    return {
      id: ids.organization(k),
      name,
      type: pick(rng, ORG_TYPES),
      aliases: this.aliases(rng, name),
      country: this.anyState(rng),
      // Parents come earlier: no cycles in the organization tree.
      parent: k > states && rng() < 0.2 ? ids.organization(int(rng, states, k - 1)) : null,
      description: this.prose(rng, 8, 30),
      citations: this.cite(rng),
    };
  }

  person(j: number) {
    const rng = this.rng('person', j);
    const name = properName(rng, 2);
    return {
      id: ids.person(j),
      name,
      aliases: this.aliases(rng, name),
      country: rng() < 0.8 ? this.anyState(rng) : null,
      description: rng() < 0.7 ? this.prose(rng, 10, 30) : null,
      citations: this.cite(rng),
    };
  }

  event(e: number): { record: Record<string, unknown>; start: GenDate; rng: Rng } {
    const rng = this.rng('event', e);
    const type = EVENT_TYPES[this.typeZipf.sample(rng)] as string;
    const r = rng();
    let title: string;
    if (r < 0.5) title = this.prose(rng, 3, 6);
    else if (r < 0.8) {
      const j = this.placeAt(this.placeZipf.sample(rng));
      title = `${capitalize(type.replace('_', ' '))} of ${this.placeName(j)} ${this.vocabulary.word(rng)}`;
    } else title = `${this.prose(rng, 2, 3)} of ${randomDate(rng).year}`;
    const start = randomDate(rng);
    const end = rng() < 0.3 ? format(endAfter(rng, start)) : null;
    // Events in blocks of 50 hang under the block's middle event: parents point both ways.
    const hub = Math.floor(e / 50) * 50 + 25;
    const parent = e !== hub && hub < this.plan.events && rng() < 0.3 ? ids.event(hub) : null;
    const commemorates =
      rng() < 0.02 && this.plan.events > 1
        ? ids.event((e + int(rng, 1, this.plan.events - 1)) % this.plan.events)
        : null;
    const parties = shuffled(rng, PARTIES).slice(0, int(rng, 0, 2));
    const names = parties.map((p) => ({
      name: p.script === 'latin' ? this.prose(rng, 2, 4) : transliterate(title, p.script),
      used_by: p.usedBy,
    }));
    const record = {
      id: ids.event(e),
      type,
      title,
      summary: rng() < 0.8 ? this.prose(rng, 15, 50) : null,
      start: format(start),
      end,
      place: rng() < 0.7 ? this.anyPlace(rng) : null,
      parent,
      commemorates,
      names,
      citations: this.cite(rng),
    };
    return { record, start, rng };
  }

  participation(e: number, k: number, rng: Rng) {
    const r = rng();
    const participant: Agent =
      r < 0.6
        ? { kind: 'person', id: this.anyPerson(rng) }
        : r < 0.85
          ? { kind: 'organization', id: this.anyOrganization(rng) }
          : { kind: 'group', label: pick(rng, GROUPS) };
    return {
      id: `participation-${e}-${k}`,
      event: ids.event(e),
      participant,
      role: ROLES[this.roleZipf.sample(rng)] as string,
      citations: this.cite(rng),
    };
  }

  delegation(e: number, start: GenDate, rng: Rng) {
    const members = new Set<string>();
    for (let i = int(rng, 0, 3); i > 0; i--) members.add(this.anyPerson(rng));
    const receivers: { receiver: Agent; role: string; place: string | null }[] = [];
    for (let i = int(rng, 0, 2); i > 0; i--) {
      const receiver: Agent =
        rng() < 0.6
          ? { kind: 'person', id: this.anyPerson(rng) }
          : { kind: 'group', label: pick(rng, GROUPS) };
      receivers.push({ receiver, role: 'greeted', place: rng() < 0.5 ? this.anyPlace(rng) : null });
    }
    const sender = int(rng, 0, this.plan.states - 1);
    return {
      id: `delegation-${e}`,
      name: `Delegation of ${this.stateName(sender)} ${this.vocabulary.word(rng)}`,
      leader: this.anyPerson(rng),
      sender: ids.organization(sender),
      destination: this.anyPlace(rng),
      event: ids.event(e),
      arrival: format(start),
      arrival_place: rng() < 0.5 ? this.anyPlace(rng) : null,
      purpose: this.prose(rng, 5, 15),
      members: [...members].map((person) => ({ person, role: rng() < 0.5 ? 'member' : null })),
      receivers,
      citations: this.cite(rng),
    };
  }

  statement(e: number, k: number, start: GenDate, delegation: string | null, rng: Rng) {
    const aboutEvent = rng() < 0.85;
    const r = rng();
    const date = r < 0.15 ? null : aboutEvent ? format(start) : format(randomDate(rng));
    return {
      id: `statement-${e}-${k}`,
      speaker:
        rng() < 0.8
          ? { kind: 'person' as const, id: this.anyPerson(rng) }
          : { kind: 'organization' as const, id: this.anyOrganization(rng) },
      date,
      event: aboutEvent ? ids.event(e) : null,
      delegation: delegation && rng() < 0.3 ? delegation : null,
      kind: pick(rng, STATEMENT_KINDS),
      mode: rng() < 0.5 ? 'quote' : 'paraphrase',
      text: this.prose(rng, 12, 60),
      citations: this.cite(rng),
    };
  }

  figure(e: number, rng: Rng) {
    const value = int(rng, 10, 2_000_000);
    const qualifier = pick(rng, QUALIFIERS);
    return {
      id: `figure-${e}`,
      subject: this.anyOrganization(rng),
      event: rng() < 0.9 ? ids.event(e) : null,
      measure: `${this.vocabulary.word(rng)} ${pick(rng, MEASURE_VERBS)}`,
      value,
      qualifier,
      unit: pick(rng, UNITS),
      as_stated: `${QUALIFIER_WORDS[qualifier]}${value.toLocaleString('en-US')}`,
      note: rng() < 0.3 ? this.prose(rng, 4, 12) : null,
      citations: this.cite(rng),
    };
  }
}
