import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { HqContext } from '../context.js';
import { incidentRoutes } from './routes.js';
import { logisticsRoutes } from '../logistics/routes.js';
import { staffingRoutes } from '../staffing/routes.js';
import { trainingRoutes } from '../training/routes.js';

/**
 * Election-day operations (issue 8), registered as one plugin so that server.ts names it
 * once: incidents and their sweep, supplies, staff in place, mobile branches and the speed of
 * voting, and the public "try the ballot" of training mode.
 */
export function operationsRoutes(ctx: HqContext): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(incidentRoutes(ctx));
    await app.register(logisticsRoutes(ctx));
    await app.register(staffingRoutes(ctx));
    await app.register(trainingRoutes(ctx));
  };
}
