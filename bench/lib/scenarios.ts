/**
 * The HTTP scenarios: what Annals is asked, what the naive peer is asked for the same answer
 * (when it has one), and the target issue 11 sets for each (× bare and p99 at 50 connections).
 */
import { ids } from './plan.js';
import type { Sidecar } from './sidecar.js';
import { drawIndices } from './targets.js';

export interface Target {
  /** Annals' throughput at least this × bare Fastify's, measured alternately in the same run. */
  ratio?: number;
  p99Ms: number;
}

export interface Scenario {
  /** A short stable name for the JSON and the pool-scaling table. */
  key: string;
  name: string;
  /** Annals' request targets, taken in turn. */
  paths: string[];
  /** The naive peer's targets for the same question, when it serves one. */
  naivePaths?: string[];
  /** A category per path, for the probe's breakdown (search). */
  categories?: string[];
  target: Target;
}

/** p99 ≤ 100 ms at 50 connections in every scenario (issue 11, Targets). */
const P99_MS = 100;

export function scenariosFor(side: Sidecar): Scenario[] {
  const q = (value: string) => encodeURIComponent(value);
  const eventIds = (draw: 'uniform' | 'zipf') =>
    drawIndices(side.plan.events, draw, 1).map((i) => ids.event(i));
  const personIds = (draw: 'uniform' | 'zipf') =>
    drawIndices(side.plan.people, draw, 2).map((i) => ids.person(i));
  const eventItem = (key: string, name: string, ids: string[], ratio: number): Scenario => ({
    key,
    name,
    paths: ids.map((id) => `/v1/events/${id}`),
    naivePaths: ids.map((id) => `/events/${id}`),
    target: { ratio, p99Ms: P99_MS },
  });
  const personItem = (key: string, name: string, ids: string[]): Scenario => ({
    key,
    name,
    paths: ids.map((id) => `/v1/people/${id}`),
    target: { ratio: 0.15, p99Ms: P99_MS },
  });
  return [
    {
      key: 'health',
      name: 'GET /health (the whole plugin stack)',
      paths: ['/health'],
      target: { ratio: 0.6, p99Ms: P99_MS },
    },
    eventItem('event-uniform', 'event item, uniform ids', eventIds('uniform'), 0.2),
    eventItem('event-zipf', 'event item, Zipf ids', eventIds('zipf'), 0.4),
    personItem('person-uniform', 'person item, uniform ids', personIds('uniform')),
    personItem('person-zipf', 'person item, Zipf ids', personIds('zipf')),
    {
      key: 'year-list',
      name: 'events in a year, limit=50',
      paths: side.years.map((y) => `/v1/events?from=${y}&to=${y}&limit=50`),
      naivePaths: side.years.map((y) => `/events?year=${y}`),
      target: { ratio: 0.06, p99Ms: P99_MS },
    },
    {
      // Issue 14: the counts behind a timeline histogram, whole and for a year's events.
      key: 'facets',
      name: 'GET /v1/events/facets?by=type,year,place (whole, and a year)',
      paths: [
        '/v1/events/facets?by=type,year,place',
        ...side.years.map((y) => `/v1/events/facets?by=type,year,place&from=${y}&to=${y}`),
      ],
      target: { p99Ms: P99_MS },
    },
    {
      key: 'search',
      name: 'GET /v1/search (mixed queries)',
      paths: side.queries.map((query) => `/v1/search?q=${q(query.q)}`),
      categories: side.queries.map((query) => query.category),
      target: { ratio: 0.02, p99Ms: P99_MS },
    },
    {
      key: 'filtered-include',
      name: 'events filtered, include=place,participants',
      paths: side.filters.map((f) => `/v1/events?${f}&include=place,participants&limit=20`),
      target: { p99Ms: P99_MS },
    },
    {
      key: 'timeline',
      name: 'timeline of a month',
      paths: side.months.map((m) => `/v1/timeline?from=${m}&to=${m}`),
      target: { p99Ms: P99_MS },
    },
    {
      key: 'person-events',
      name: 'GET /v1/people/{id}/events',
      paths: side.personIds.map((id) => `/v1/people/${id}/events`),
      target: { p99Ms: P99_MS },
    },
  ];
}

/** What the pool-scaling section measures under each READ_WORKERS / CACHE_MB setting. */
export const SCALING_KEYS = ['event-uniform', 'event-zipf', 'year-list'];
