import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { HqContext } from '../context.js';
import { pollbookDeviceRoutes } from './deviceRoutes.js';
import { pollbookService } from './service.js';
import { pollbookStaffRoutes } from './staffRoutes.js';
import { pollbookPurgeRoutes } from './purge.js';

/** The poll book's routes (issue 4): the stations' signed messages and the staff's reads. */
export function pollbookRoutes(ctx: HqContext): FastifyPluginAsyncZod {
  const service = pollbookService(ctx);
  return async (app) => {
    await app.register(pollbookDeviceRoutes(ctx, service));
    await app.register(pollbookStaffRoutes(ctx));
    await app.register(pollbookPurgeRoutes(ctx));
  };
}
