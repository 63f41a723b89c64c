/**
 * Every route under /v1 and the tags the docs group them under, in the order the docs list them:
 * each resource kind's routes, then the timeline, the kinds' views, search, the writes of every
 * kind (with the reads of the kinds that have no resource of their own), imports and exports.
 */
import type { FastifyPluginAsync } from 'fastify';
import exportRoutes from './bundle/http/export-routes.js';
import importRoutes from './bundle/http/import-routes.js';
import delegationRoutes from './kinds/delegations/routes.js';
import eventRoutes from './kinds/events/routes.js';
import eventViews from './kinds/events/views.js';
import figureRoutes from './kinds/figures/routes.js';
import { type KindName, kindOf } from './kinds/index.js';
import organizationRoutes from './kinds/organizations/routes.js';
import peopleRoutes from './kinds/people/routes.js';
import peopleViews from './kinds/people/views.js';
import placeRoutes from './kinds/places/routes.js';
import placeViews from './kinds/places/views.js';
import sourceRoutes from './kinds/sources/routes.js';
import sourceViews from './kinds/sources/views.js';
import statementRoutes from './kinds/statements/routes.js';
import searchRoutes from './search/endpoint/routes.js';
import timelineRoutes from './timeline/routes.js';
import writesRoutes from './writes/routes.js';

/** The kinds with a resource of their own, each with its routes, in the docs' order. */
const RESOURCES: [KindName, FastifyPluginAsync][] = [
  ['events', eventRoutes],
  ['people', peopleRoutes],
  ['organizations', organizationRoutes],
  ['places', placeRoutes],
  ['delegations', delegationRoutes],
  ['statements', statementRoutes],
  ['figures', figureRoutes],
  ['sources', sourceRoutes],
];

export const API_TAGS: { name: string; description: string }[] = [
  ...RESOURCES.map(([name]) => ({ name: kindOf(name).tag, description: kindOf(name).about })),
  {
    // The kinds without a resource of their own (their definitions say `resource: false`).
    name: 'facts',
    description:
      'Positions, relations between people and participations in events: read and written one by one here, shown inside the people, organizations and events they join.',
  },
  {
    name: 'timeline',
    description:
      'One chronological feed of what happened and what was said: events, dated statements and delegations, with the filters of the lists.',
  },
  { name: 'imports', description: 'Bulk imports, exports and the bundle format.' },

  { name: 'search', description: 'Ranked full-text search over every kind.' },
  { name: 'health', description: 'Liveness of the API and its database.' },
];

export const v1Routes: FastifyPluginAsync = async (app) => {
  for (const [, routes] of RESOURCES) await app.register(routes);
  await app.register(timelineRoutes);
  // The views of items (a person's events, a source's claims), each from its kind's folder.
  for (const views of [peopleViews, placeViews, eventViews, sourceViews]) await app.register(views);
  await app.register(searchRoutes);
  await app.register(writesRoutes);
  await app.register(importRoutes);
  await app.register(exportRoutes);
};
