/**
 * The incremental import (d): `total` records for the database the generated bundle of `events`
 * events loaded, written as NDJSON, the same for the same arguments. Four in ten are existing
 * events changed (their title revised) and one in ten existing people changed (their description
 * revised), at most half of each; the rest are new events and new participations, one on each
 * new event and the others on existing events, naming existing people and organizations.
 *
 * A changed record is the loaded one, read from the bundle's NDJSON file, with that one field
 * revised: the world cannot make it again alone, since which source a record cites depends on
 * how many facts the generator wrote before it (lib/world.ts). Until this was so, every changed
 * record also cited another source, and (d) rewrote their citations too.
 */
import { closeSync, openSync, readSync, writeFileSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
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

/** A record's key in `recordsIn`: its kind and id, as in `events/event-7`. */
const keyOf = (kind: string, id: string) => `${kind}/${id}`;

/**
 * The records with these keys (`keyOf`) in an NDJSON bundle, by key: the file is scanned once, a
 * MiB at a time, until all are found, and only their lines are parsed (3 GB for the 1M bundle).
 */
function recordsIn(bundle: string, wanted: Set<string>): Map<string, Record<string, unknown>> {
  const found = new Map<string, Record<string, unknown>>();
  const fd = openSync(bundle, 'r');
  const chunk = Buffer.alloc(1 << 20);
  // A chunk may end inside a character: the decoder keeps its first bytes for the next.
  const decoder = new StringDecoder('utf8');
  // The bundle's lines, as bench/generate.ts writes them: {"kind":"events","record":{"id":"event-7",...
  const line = /^\{"kind":"([a-z]+)","record":\{"id":("[^"]*")/;
  let rest = '';
  try {
    for (let n = readSync(fd, chunk); n > 0 && found.size < wanted.size; n = readSync(fd, chunk)) {
      const lines = (rest + decoder.write(chunk.subarray(0, n))).split('\n');
      rest = lines.pop() ?? '';
      for (const text of lines) {
        const head = line.exec(text);
        const key = head && keyOf(head[1] as string, JSON.parse(head[2] as string));
        if (key && wanted.has(key)) found.set(key, JSON.parse(text).record);
      }
    }
  } finally {
    closeSync(fd);
  }
  const missing = [...wanted].filter((key) => !found.has(key));
  if (missing.length > 0) throw new Error(`${bundle} lacks ${missing.slice(0, 3).join(', ')}…`);
  return found;
}

export function writeIncremental(
  events: number,
  file: string,
  /** The NDJSON bundle the database was loaded from: the changed records are its own. */
  bundle: string,
  total = 10_000,
): IncrementalPlan {
  const world = new World(planFor(events));
  const { plan } = world;
  const changedEvents = Math.min(Math.round(total * 0.4), Math.floor(plan.events / 2));
  const changedPeople = Math.min(Math.round(total * 0.1), Math.floor(plan.people / 2));
  const rest = total - changedEvents - changedPeople;
  const newEvents = Math.round(rest * 0.4);
  const newParticipations = rest - newEvents;
  const lines: string[] = [];
  const line = (kind: string, record: unknown) => lines.push(JSON.stringify({ kind, record }));

  const changed = [
    ...spread(changedEvents, plan.events).map((e) => keyOf('events', ids.event(e))),
    ...spread(changedPeople, plan.people).map((j) => keyOf('people', ids.person(j))),
  ];
  const loaded = recordsIn(bundle, new Set(changed));
  for (const key of changed) {
    const record = loaded.get(key) as Record<string, unknown>;
    if (key.startsWith('events/'))
      line('events', { ...record, title: `${record.title} (revised)` });
    else
      line('people', { ...record, description: `${record.description ?? record.name}. Revised.` });
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
