import type { FastifyPluginAsync } from 'fastify';
import eventRoutes from './events/routes.js';

/** Every resource under /v1, one plugin per folder. */
export const v1Routes: FastifyPluginAsync = async (app) => {
  await app.register(eventRoutes);
};
