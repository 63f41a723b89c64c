/**
 * The incremental import (d): `total` records for the database the generated bundle of `events`
 * events loaded, written as NDJSON, the same for the same arguments. Four in ten are existing
 * events changed (their title revised) and one in ten existing people changed (their description
 * revised), at most half of each; the rest are new events and new participations, one on each
 * new event and the others on existing events, naming existing people and organizations.
 */
import { writeFileSync } from 'node:fs';
import { ids, planFor } from '../lib/plan.js';
import { World } from '../lib/world.js';

export interface IncrementalPlan {
  file: string;
  records: number;
  changedEvents: number;
  changedPeople: number;
  newEvents: number;
  newParticipations: number;
  /** What the import's report should count. */
  expected: { created: number; updated: number };
}

/** `count` indexes spread evenly over [0, n). */
const spread = (count: number, n: number) =>
  Array.from({ length: count }, (_, i) => Math.floor((i * n) / count));

export function writeIncremental(events: number, file: string, total = 10_000): IncrementalPlan {
  const world = new World(planFor(events));
  const { plan } = world;
  const changedEvents = Math.min(Math.round(total * 0.4), Math.floor(plan.events / 2));
  const changedPeople = Math.min(Math.round(total * 0.1), Math.floor(plan.people / 2));
  const rest = total - changedEvents - changedPeople;
  const newEvents = Math.round(rest * 0.4);
  const newParticipations = rest - newEvents;
  const lines: string[] = [];
  const line = (kind: string, record: unknown) => lines.push(JSON.stringify({ kind, record }));

  for (const e of spread(changedEvents, plan.events)) {
    const { record } = world.event(e);
    line('events', { ...record, title: `${record.title} (revised)` });
  }
  for (const j of spread(changedPeople, plan.people)) {
    const person = world.person(j);
    line('people', { ...person, description: `${person.description ?? person.name}. Revised.` });
  }
  const onNew = Math.min(newEvents, newParticipations);
  for (let i = 0; i < newEvents; i++) {
    const e = plan.events + i;
    const { record, rng } = world.event(e);
    line('events', record);
    if (i < onNew) line('participations', world.participation(e, 0, rng));
  }
  // Existing events have participations 0 to 4: these take 9 and on.
  const onExisting = newParticipations - onNew;
  for (let i = 0; i < onExisting; i++) {
    // Spread over the events; a second round (k = 10) only when there are more than events.
    const round = Math.floor(i / plan.events);
    const inRound = Math.min(onExisting - round * plan.events, plan.events);
    const e = Math.floor(((i % plan.events) * plan.events) / inRound);
    const k = 9 + round;
    const participation = world.participation(e, k, world.rng('incremental', i));
    line('participations', {
      ...participation,
      id: `participation-${e}-${k}`,
      event: ids.event(e),
    });
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
  return {
    file,
    records: lines.length,
    changedEvents,
    changedPeople,
    newEvents,
    newParticipations,
    expected: { created: newEvents + newParticipations, updated: changedEvents + changedPeople },
  };
}
