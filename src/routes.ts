import type { FastifyPluginAsync } from 'fastify';
import exportRoutes from './bundle/http/export-routes.js';
import importRoutes from './bundle/http/import-routes.js';
import delegationRoutes from './kinds/delegations/routes.js';
import eventRoutes from './kinds/events/routes.js';
import figureRoutes from './kinds/figures/routes.js';
import organizationRoutes from './kinds/organizations/routes.js';
import peopleRoutes from './kinds/people/routes.js';
import placeRoutes from './kinds/places/routes.js';
import sourceRoutes from './kinds/sources/routes.js';
import statementRoutes from './kinds/statements/routes.js';
import searchRoutes from './search/endpoint/routes.js';
import timelineRoutes from './timeline/routes.js';
import viewRoutes from './views/routes.js';
import writesRoutes from './writes/routes.js';

/** Every resource under /v1, one plugin per folder. */
export const v1Routes: FastifyPluginAsync = async (app) => {
  await app.register(eventRoutes);
  await app.register(peopleRoutes);
  await app.register(organizationRoutes);
  await app.register(placeRoutes);
  await app.register(delegationRoutes);
  await app.register(statementRoutes);
  await app.register(figureRoutes);
  await app.register(sourceRoutes);
  await app.register(timelineRoutes);
  await app.register(viewRoutes);
  await app.register(searchRoutes);
  await app.register(writesRoutes);
  await app.register(importRoutes);
  await app.register(exportRoutes);
};
