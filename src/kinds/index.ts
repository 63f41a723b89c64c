/**
 * KINDS: every kind of record, in the order a bundle lists them (each after the kinds it refers
 * to, as far as that goes: events refer to events). Import, export, writes, deletes, the bundle's
 * JSON Schema and the OpenAPI document loop over this list; a new kind is a folder and a line here.
 */
import type { z } from 'zod';
import { delegationsKind } from './delegations/definition.js';
import { eventsKind } from './events/definition.js';
import { figuresKind } from './figures/definition.js';
import { organizationsKind } from './organizations/definition.js';
import { participationsKind } from './participations/definition.js';
import { peopleKind } from './people/definition.js';
import { placesKind } from './places/definition.js';
import { positionsKind } from './positions/definition.js';
import { relationsKind } from './relations/definition.js';
import { sourcesKind } from './sources/definition.js';
import { statementsKind } from './statements/definition.js';

export const KINDS = [
  sourcesKind,
  placesKind,
  organizationsKind,
  peopleKind,
  positionsKind,
  relationsKind,
  eventsKind,
  participationsKind,
  delegationsKind,
  statementsKind,
  figuresKind,
] as const;

export type Kind = (typeof KINDS)[number];
export type KindName = Kind['name'];
export type KindNamed<N extends KindName> = Extract<Kind, { name: N }>;
/** A record of a kind, as validated (defaults filled in). */
export type RecordOf<N extends KindName = KindName> = z.infer<KindNamed<N>['record']>;

export const KIND_NAMES = KINDS.map((kind) => kind.name) as KindName[];

const BY_NAME = new Map<string, Kind>(
  KINDS.flatMap((kind) => [
    [kind.name, kind],
    [kind.singular, kind],
  ]),
);

/**
 * A kind by its plural or singular name (`events`, `event`). A Map, not an object: `__proto__`
 * or `constructor` must not pass for a kind.
 */
export function kindNamed(name: unknown): Kind | undefined {
  return typeof name === 'string' ? BY_NAME.get(name) : undefined;
}

/** The kind of a known name. */
export function kindOf<N extends KindName>(name: N): KindNamed<N> {
  return BY_NAME.get(name) as KindNamed<N>;
}
