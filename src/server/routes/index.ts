import type { FastifyInstance } from 'fastify';
import { bulletinRoutes } from './bulletins.js';
import { entryRoutes } from './entry.js';
import { evaluationRoutes } from './evaluation.js';
import { importRoutes } from './imports.js';
import { monitoringRoutes } from './monitoring.js';
import { observationRoutes } from './observations.js';
import { periodRoutes } from './periods.js';
import { planRoutes } from './plans.js';
import { rankingRoutes } from './ranking.js';
import { reminderRoutes } from './reminders.js';
import { regionRoutes } from './regions.js';
import { reportingRoutes } from './reporting.js';
import { reviewRoutes } from './review.js';
import { seriesRoutes } from './series.js';
import { sessionRoutes } from './session.js';
import { templateRoutes } from './templates.js';
import { userRoutes } from './users.js';

export async function registerRoutes(app: FastifyInstance): Promise<void> {
  await app.register(sessionRoutes);
  await app.register(regionRoutes);
  await app.register(planRoutes);
  await app.register(observationRoutes);
  await app.register(importRoutes);
  await app.register(templateRoutes);
  await app.register(evaluationRoutes);
  await app.register(reportingRoutes);
  await app.register(reminderRoutes);
  await app.register(reviewRoutes);
  await app.register(rankingRoutes);
  await app.register(monitoringRoutes);
  await app.register(periodRoutes);
  await app.register(seriesRoutes);
  await app.register(entryRoutes);
  await app.register(userRoutes);
  await app.register(bulletinRoutes);
}
