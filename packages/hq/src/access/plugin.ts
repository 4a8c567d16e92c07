import type { FastifyInstance, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import { accessPolicy, isAction, problem, ProblemError, type ActionSpec } from '@sandogh/core';
import type { HqConfig } from '../config.js';
import type { HqContext } from '../context.js';
import type { AuditTap } from './auditPort.js';
import { enforcement } from './enforce.js';
import { parseLocator, type RegisteredRoute } from './routeConfig.js';
import { accessSettings } from './settings.js';

export interface AccessPluginOptions {
  readonly ctx: HqContext;
  readonly config: HqConfig;
  readonly clock?: (() => number) | undefined;
  readonly tap?: AuditTap | undefined;
}

/**
 * Security headers (helmet). The API answers JSON only, so its policy forbids everything a page
 * could load; the documentation at /docs (Swagger UI, served from the package: scripts and
 * styles from this origin, inline style attributes, data: images) gets what it needs and no
 * more. No `upgrade-insecure-requests`: HSTS does that job where TLS is on, and the plain-http
 * loopback demo must keep working.
 */
const API_CSP = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'none'"],
    baseUri: ["'none'"],
    formAction: ["'none'"],
    frameAncestors: ["'none'"],
  },
};

export const DOCS_CSP = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:'],
    fontSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
};

/** Routes of the documentation plugin: GET only, public, and nothing else under /docs. */
function isDocsRoute(route: RouteOptions): boolean {
  const methods = Array.isArray(route.method) ? route.method : [route.method];
  return (
    (route.url === '/docs' || route.url.startsWith('/docs/')) &&
    methods.every((m) => m === 'GET' || m === 'HEAD')
  );
}

async function accessPlugin(app: FastifyInstance, options: AccessPluginOptions): Promise<void> {
  const settings = accessSettings(options.config, options.clock);
  const routes: RegisteredRoute[] = [];
  app.decorate('accessControl', {
    settings,
    store: options.ctx.store,
    routes: () => routes,
    tap: options.tap,
  });
  app.decorateRequest('access', null);

  // Every route registered from here on is checked and recorded; its hooks come from below.
  app.addHook('onRoute', (route) => {
    let config = { ...(route.config ?? {}) };
    if (config.action === undefined && isDocsRoute(route)) {
      config = { ...config, action: 'docs.read' };
      route.helmet = { contentSecurityPolicy: DOCS_CSP };
    }
    const action = config.action;
    if (action !== undefined && !isAction(action))
      throw new Error(`access: ${route.url} declares "${String(action)}", not a policy action`);
    if (config.object !== undefined) parseLocator(config.object);
    const spec: ActionSpec | undefined = action === undefined ? undefined : accessPolicy[action];
    if (spec?.audience === 'public' && config.rateLimit === undefined)
      config = {
        ...config,
        rateLimit: { max: settings.rateLimits.publicPerAddress, timeWindow: 60_000 },
      };
    route.config = config;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods)
      routes.push({ method, url: route.url, action: config.action, object: config.object });
  });

  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: API_CSP,
    referrerPolicy: { policy: 'no-referrer' },
    hsts: { maxAge: 365 * 24 * 60 * 60, includeSubDomains: true },
  });
  // Only routes that ask (public ones, sign-in) are limited; answers in the one error shape.
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: () => new ProblemError(problem('HTTP_RATE_LIMITED')),
  });

  const hooks = enforcement(options.ctx);
  app.addHook('onRequest', hooks.onRequest);
  app.addHook('preHandler', hooks.preHandler);
  app.addHook('onSend', hooks.onSend);
}

export const access = fp(accessPlugin, { name: 'sandogh-access' });
