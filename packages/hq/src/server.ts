import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
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
import { access, sessionRoutes, staffRoutes, type AuditTap } from './access/index.js';
import { auditRoutes, openHqAudit, type HqAuditOptions } from './audit/index.js';
import { tallyRoutes } from './ceremony/routes.js';
import { resultsRoutes } from './results/routes.js';
import { deviceRoutes } from './devices/routes.js';
import { resolvePackageKey } from './devices/package.js';
import { deviceReadinessRoutes } from './devices/readiness.js';
import { trainingGuard } from './training/guard.js';
import { ballotRoutes } from './ballots/routes.js';
import { branchRoutes } from './branches/routes.js';
import { operationsRoutes } from './incidents/operations.js';
import { pollbookRoutes } from './pollbook/index.js';
import { registryRoutes } from './registry/routes.js';
import { isBuiltApp, webApp } from './web/plugin.js';

export interface BuildOptions {
  readonly config: HqConfig;
  readonly store: Store;
  /** Tests pass false to keep their output quiet; pino otherwise. */
  readonly logger?: boolean;
  /** The HQ checkpoint key and timer (docs/AUDIT.md); defaults from the environment. */
  readonly audit?: HqAuditOptions;
  /** Tests: the clock access control reads (lockout, session timeouts, TOTP). */
  readonly clock?: () => number;
  /** Tests: every access entry as it is written to the audit log. */
  readonly auditTap?: AuditTap;
  /** Tests: where log lines go (default: standard output). */
  readonly logStream?: { write(line: string): void };
}

/** Paths pino replaces with "[Redacted]" wherever they appear in a log line. */
const LOG_REDACT = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.totp',
  '*.token',
  '*.csrfToken',
  '*.totpSecret',
];

/** A request as log lines show it: method and path, never the query string or headers. */
function requestForLog(req: FastifyRequest) {
  return { method: req.method, url: req.url.split('?')[0] ?? '', remoteAddress: req.ip };
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
            // No secret or personal data in logs (issue 3): credentials never reach a log line,
            // and neither does a query string (it may carry a national code); see SECURITY.md.
            redact: LOG_REDACT,
            serializers: { req: requestForLog },
            ...(options.logStream === undefined ? {} : { stream: options.logStream }),
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

  const audit = openHqAudit(options.store, options.config.databaseUrl, options.audit);
  const ctx: HqContext = { store: options.store, draining: () => draining, audit };
  await app.register(problems);
  // Before every route: each is checked for its declared action as it is registered.
  await app.register(access, {
    ctx,
    config: options.config,
    clock: options.clock,
    tap: options.auditTap,
  });
  // Issue 8: a message made in training mode is refused by name on every route, before anything.
  await app.register(trainingGuard, { ctx });
  await app.register(openapi);
  await app.register(healthRoutes(ctx));
  await app.register(setupRoutes(ctx), { prefix: '/api/v1' });
  await app.register(sessionRoutes(ctx), { prefix: '/api/v1' });
  await app.register(staffRoutes(ctx), { prefix: '/api/v1' });
  await app.register(auditRoutes(ctx), { prefix: '/api/v1/audit' });
  await app.register(tallyRoutes(ctx, { recordDir: options.config.recordDir }), {
    prefix: '/api/v1',
  });
  await app.register(pollbookRoutes(ctx), { prefix: '/api/v1' });
  await app.register(resultsRoutes(ctx), { prefix: '/api/v1' });
  await app.register(registryRoutes(ctx), { prefix: '/api/v1' });
  await app.register(operationsRoutes(ctx), { prefix: '/api/v1' });
  // Devices, configuration packages and ballot intake (issue 5): packages signed with HQ's key.
  const packageKey = resolvePackageKey(options.config.databaseUrl, options.audit);
  await app.register(deviceRoutes(ctx, { packageKey }), { prefix: '/api/v1' });
  await app.register(deviceReadinessRoutes(ctx, { packageKey }), { prefix: '/api/v1' });
  await app.register(ballotRoutes(ctx, { packageKey }), { prefix: '/api/v1' });
  await app.register(branchRoutes(ctx), { prefix: '/api/v1' });
  // The web app (docs/WEB.md), only when configured and built: without it `/` is a 404.
  if (isBuiltApp(options.config.webDir)) await app.register(webApp, { dir: options.config.webDir });
  await app.ready();
  return app;
}
