import type { FastifyInstance } from 'fastify';
import { dataRoutes } from './data.js';
import { monitoringRoutes } from './monitoring.js';
import { planRoutes } from './plans.js';
import { rankingRoutes } from './ranking.js';
import { reviewRoutes } from './review.js';
import { sessionRoutes } from './session.js';

export async function registerRoutes(app: FastifyInstance): Promise<void> {
  await app.register(sessionRoutes);
  await app.register(planRoutes);
  await app.register(dataRoutes);
  await app.register(reviewRoutes);
  await app.register(rankingRoutes);
  await app.register(monitoringRoutes);
}
