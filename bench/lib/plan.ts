/** How big the generated knowledge base is, and how its entities are named. */

export const SEED = 20230727;
/** Facts (records with citations) per source. */
export const FACTS_PER_SOURCE = 1000;

export interface Plan {
  events: number;
  people: number;
  places: number;
  organizations: number;
  /** The first `states` organizations are states and the first `states` places their countries. */
  states: number;
  sources: number;
}

/** How many of each kind for `events` events: the ratios of issue 5. */
export function planFor(events: number): Plan {
  const people = Math.max(10, Math.round(events * 0.2));
  const places = Math.max(40, Math.round(events * 0.02));
  const organizations = Math.max(60, Math.round(events * 0.005));
  // Facts per event: the event, 3 participations, 2 statements, 0.05 delegations, 0.1 figures,
  // and its share of people, places and organizations.
  const facts = events * 6.15 + people + places + organizations;
  return {
    events,
    people,
    places,
    organizations,
    states: 30,
    sources: Math.max(1, Math.ceil(facts / FACTS_PER_SOURCE)),
  };
}

export const ids = {
  event: (i: number) => `event-${i}`,
  person: (i: number) => `person-${i}`,
  place: (i: number) => `place-${i}`,
  organization: (i: number) => `org-${i}`,
  source: (i: number) => `source-${i}`,
};
