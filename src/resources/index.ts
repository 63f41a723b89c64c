import type { FastifyPluginAsync } from 'fastify';
import writesRoutes from '../writes/routes.js';
import delegationRoutes from './delegations/routes.js';
import eventRoutes from './events/routes.js';
import exportRoutes from './export/routes.js';
import figureRoutes from './figures/routes.js';
import importRoutes from './imports/routes.js';
import organizationRoutes from './organizations/routes.js';
import peopleRoutes from './people/routes.js';
import placeRoutes from './places/routes.js';
import searchRoutes from './search/routes.js';
import sourceRoutes from './sources/routes.js';
import statementRoutes from './statements/routes.js';
import timelineRoutes from './timeline/routes.js';
import viewRoutes from './views/routes.js';

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
