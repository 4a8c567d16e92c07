import { existsSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import fastifyStatic from '@fastify/static';

/**
 * The web app (docs/WEB.md) served by the HQ itself: the built files of packages/web/dist at
 * `/`, so the browser talks to the API on the same origin (the session cookie is SameSite=Strict
 * and the CSRF check compares origins). Every route is public (`app.read`): the files hold no
 * data; what a screen shows comes from the API, behind the access layer like any other client.
 *
 * Client-side routes (`/audit`, `/track`, …) get index.html; a path under /api, /docs or
 * /health that no route answers stays a 404 in the one error shape.
 */

/** The app's own policy: scripts, styles and fonts from this origin only, nothing inline. */
export const APP_CSP = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:'],
    fontSrc: ["'self'"],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
};

const NOT_THE_APP = /^\/(api|docs|health)(\/|$)/;
/** Vite names built assets by content hash: they never change, so they may be cached for good. */
const IMMUTABLE = { maxAge: 365 * 24 * 60 * 60 * 1000, immutable: true };

/** True when `dir` holds a built app (its index.html); the HQ serves no app otherwise. */
export function isBuiltApp(dir: string | undefined): dir is string {
  return dir !== undefined && existsSync(join(dir, 'index.html'));
}

export interface WebAppOptions {
  readonly dir: string;
}

function sendPage(reply: FastifyReply): FastifyReply {
  // The page names the current asset hashes: always fetched afresh.
  return reply.header('cache-control', 'no-cache').sendFile('index.html', { cacheControl: false });
}

export async function webApp(app: FastifyInstance, options: WebAppOptions): Promise<void> {
  const root = resolve(options.dir);
  // serve: false: the routes below declare their policy action and CSP, which the plugin's
  // own routes cannot.
  await app.register(fastifyStatic, { root, serve: false, dotfiles: 'deny', index: false });
  const config = { action: 'app.read' as const };
  const helmet = { contentSecurityPolicy: APP_CSP };
  const schema = { hide: true };

  app.get('/', { config, helmet, schema }, (_request, reply) => sendPage(reply));

  app.get<{ Params: { '*': string } }>('/*', { config, helmet, schema }, (request, reply) => {
    const path = `/${request.params['*']}`;
    if (NOT_THE_APP.test(path)) {
      reply.callNotFound();
      return reply;
    }
    // A path with a file extension names a file (a missing one is a 404); any other is one of
    // the app's own screens, which the app routes itself.
    if (extname(path) === '') return sendPage(reply);
    return reply.sendFile(path.slice(1), path.startsWith('/assets/') ? IMMUTABLE : {});
  });
  await Promise.resolve();
}
