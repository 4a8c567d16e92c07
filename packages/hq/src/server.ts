import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Store } from '@sandogh/store';
import type { HqConfig } from './config.js';
import type { HqContext } from './context.js';
import {
  frameworkErrors,
  problems,
  sendProblems,
  zodValidatorCompiler,
} from './plugins/problems.js';
import { problem } from '@sandogh/core';
import { openapi } from './plugins/openapi.js';
import { healthRoutes } from './health/routes.js';
import { setupRoutes } from './setup/routes.js';

export interface BuildOptions {
  readonly config: HqConfig;
  readonly store: Store;
  /** Tests pass false to keep their output quiet; pino otherwise. */
  readonly logger?: boolean;
}

/**
 * The HQ server: one Fastify plugin per area of the election (STYLE: Fastify's habit), each
 * with its routes' zod schemas that both validate input and document the API.
 */
export async function buildServer(options: BuildOptions): Promise<FastifyInstance> {
  let draining = false;
  const app = Fastify({
    logger:
      options.logger === false
        ? false
        : {
            level: options.config.logLevel,
            // No secret or personal data in logs (issue 3): credentials never reach a log line.
            redact: [
              'req.headers.authorization',
              'req.headers.cookie',
              'req.headers["x-csrf-token"]',
            ],
          },
    bodyLimit: options.config.bodyLimit,
    genReqId: () => randomUUID(),
    // Refusals while draining go through the hook below, in the one error shape.
    return503OnClosing: false,
    frameworkErrors,
  }).withTypeProvider<ZodTypeProvider>();
  // The API speaks JSON only; anything else is refused with INPUT_UNSUPPORTED_MEDIA.
  app.removeContentTypeParser('text/plain');
  app.setValidatorCompiler(zodValidatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('preClose', () => {
    draining = true;
  });
  app.addHook('onRequest', async (request, reply) => {
    // Requests already past this point when shutdown begins run to completion (graceful stop).
    if (draining && request.url !== '/health')
      await sendProblems(reply, [problem('SERVER_SHUTTING_DOWN')]);
  });

  const ctx: HqContext = { store: options.store, draining: () => draining };
  await app.register(problems);
  await app.register(openapi);
  await app.register(healthRoutes(ctx));
  await app.register(setupRoutes(ctx), { prefix: '/api/v1' });
  await app.ready();
  return app;
}
