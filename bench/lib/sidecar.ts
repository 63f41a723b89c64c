/**
 * What the load driver asks the server for, written beside the import file: at least 1,000
 * distinct search queries (common, mid-frequency and rare words, prefixes, phrases, names,
 * word pairs) and random targets (event and person ids, years, months, list filters).
 */
import { monthOf, randomDate, randomYear } from './dates.js';
import { EVENT_TYPES } from './lexicon.js';
import { ids, type Plan, SEED } from './plan.js';
import { int, mulberry32, pick, type Rng } from './random.js';
import { ALIAS_SCRIPTS, properName, transliterate } from './vocabulary.js';
import type { World } from './world.js';

export type QueryCategory = 'common' | 'mid' | 'rare' | 'prefix' | 'phrase' | 'name' | 'pair';

export interface Sidecar {
  version: number;
  events: number;
  plan: Plan;
  /** Lines (records) in the import file, and how many of each kind. */
  lines: number;
  counts: Record<string, number>;
  queries: { q: string; category: QueryCategory }[];
  eventIds: string[];
  personIds: string[];
  /** The people in the most participations, most first. */
  popularPeople: string[];
  years: number[];
  months: string[];
  /** Query strings for the filtered list (without include/limit). */
  filters: string[];
}

const SAMPLES = 2000;

export function queriesFor(world: World): Sidecar['queries'] {
  const rng = mulberry32(SEED + 1);
  const words = world.vocabulary.words;
  const seen = new Set<string>();
  const out: Sidecar['queries'] = [];
  const add = (q: string, category: QueryCategory) => {
    if (q.length > 0 && !seen.has(q)) {
      seen.add(q);
      out.push({ q, category });
    }
  };
  const take = (count: number, category: QueryCategory, make: () => string) => {
    const target = out.length + count;
    for (let tries = 0; out.length < target && tries < count * 20; tries++) add(make(), category);
  };
  // The 150 commonest words, every one: the heaviest queries must be in the mix.
  let rank = 0;
  take(150, 'common', () => words[rank++] as string);
  take(250, 'mid', () => words[int(rng, 150, 4999)] as string);
  take(250, 'rare', () => words[int(rng, 5000, words.length - 1)] as string);
  take(150, 'prefix', () => (words[int(rng, 0, 3000)] as string).slice(0, int(rng, 2, 4)));
  take(150, 'phrase', () => phraseFrom(world, rng));
  take(100, 'name', () => nameQuery(world, rng));
  take(100, 'pair', () => `${words[int(rng, 0, 99)]} ${words[int(rng, 2000, words.length - 1)]}`);
  // A fixed shuffle, so that a run of consecutive requests mixes the categories.
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j] as (typeof out)[number], out[i] as (typeof out)[number]];
  }
  return out;
}

/** Two adjacent words of a generated event's text, in double quotes: a phrase that exists. */
function phraseFrom(world: World, rng: Rng): string {
  const e = int(rng, 0, world.plan.events - 1);
  const { record } = world.event(e);
  const text = String(record.summary ?? record.title).toLowerCase();
  const tokens = text.split(' ').filter((w) => /^[a-z]+$/.test(w));
  if (tokens.length < 2) return '';
  const at = int(rng, 0, tokens.length - 2);
  return `"${tokens[at]} ${tokens[at + 1]}"`;
}

/** A person's family name, a place's name, or a name as another script writes it. */
function nameQuery(world: World, rng: Rng): string {
  const r = rng();
  if (r < 0.4) {
    const name = world.person(int(rng, 0, world.plan.people - 1)).name;
    return name.split(' ')[int(rng, 0, 1)] ?? name;
  }
  if (r < 0.7) return world.placeName(int(rng, 0, world.plan.places - 1));
  return transliterate(properName(rng), pick(rng, ALIAS_SCRIPTS)).toLowerCase();
}

export function sampleTargets(world: World) {
  const rng = mulberry32(SEED + 2);
  const { plan } = world;
  const many = <T>(make: () => T) => Array.from({ length: SAMPLES }, make);
  const filters = many(() => {
    const from = randomYear(rng);
    const decade = `from=${from}&to=${from + 9}`;
    const r = rng();
    if (r < 0.5) return `type=${pick(rng, EVENT_TYPES.slice(0, 8))}&${decade}`;
    if (r < 0.75) return `place=${ids.place(int(rng, 0, plan.states - 1))}&${decade}`;
    return `participant=${ids.person(int(rng, 0, plan.people - 1))}`;
  });
  return {
    eventIds: many(() => ids.event(int(rng, 0, plan.events - 1))),
    personIds: many(() => ids.person(int(rng, 0, plan.people - 1))),
    popularPeople: Array.from({ length: 10 }, (_, rank) => world.popularPerson(rank)),
    years: many(() => randomYear(rng)),
    months: many(() => {
      const d = randomDate(rng);
      return monthOf(d.year, d.month);
    }),
    filters,
  };
}
