import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { problem } from '@sandogh/core';
import { sendProblems } from '../plugins/problems.js';
import type { HqContext } from '../context.js';

const status = z.object({
  status: z.enum(['ok']),
  engine: z.enum(['sqlite', 'postgres']).optional(),
});

/** Liveness says the process answers; readiness says it can serve (store reachable, not draining). */
export function healthRoutes(ctx: HqContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/health',
      {
        config: { action: 'health.read' },
        schema: { tags: ['health'], summary: 'Liveness', response: { 200: status } },
      },
      () => ({ status: 'ok' as const }),
    );
    app.get(
      '/ready',
      {
        config: { action: 'health.read' },
        schema: {
          tags: ['health'],
          summary: 'Readiness: the store answers and the server is not shutting down',
        },
      },
      async (_request, reply) => {
        if (ctx.draining()) return sendProblems(reply, [problem('SERVER_SHUTTING_DOWN')]);
        try {
          await ctx.store.ping();
        } catch {
          return sendProblems(reply, [problem('STORE_UNAVAILABLE')]);
        }
        return { status: 'ok' as const, engine: ctx.store.engine };
      },
    );
    await Promise.resolve();
  };
}
