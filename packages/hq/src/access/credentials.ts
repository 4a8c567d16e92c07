import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AccessSettings } from './settings.js';

/**
 * How a request carries a session, and the anti-forgery checks (docs/SECURITY.md "Sessions
 * and CSRF"):
 * - the web app holds the token in a cookie: Secure, HttpOnly (no script reads it),
 *   SameSite=Strict (no other site's page sends it), `__Host-` prefixed when secure (only
 *   this origin sets it), no expiry (gone when the browser closes);
 * - an API client (CLI, simulator, station tools) sends `Authorization: Bearer <token>`: a
 *   browser never adds that header by itself, so such requests need no CSRF token.
 * A state-changing request that rides on the cookie must also carry the session's CSRF token
 * in `x-csrf-token` (a synchronizer token bound to the session: HMAC-SHA256 keyed by the
 * session token, so it is never stored, differs per session, and reveals nothing of the
 * token), and must not come from another site (`Origin`, `Sec-Fetch-Site`).
 */

export const CSRF_HEADER = 'x-csrf-token';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function isUnsafe(method: string): boolean {
  return UNSAFE.has(method.toUpperCase());
}

export function csrfTokenFor(sessionToken: string): string {
  return createHmac('sha256', sessionToken).update('sandogh csrf v1').digest('base64url');
}

export interface PresentedToken {
  readonly token: string;
  readonly via: 'cookie' | 'bearer';
}

/** The session token the request presents, if any; a bearer header wins over a cookie. */
export function presentedToken(
  request: FastifyRequest,
  settings: AccessSettings,
): PresentedToken | undefined {
  const header = request.headers.authorization;
  if (typeof header === 'string') {
    const bearer = /^Bearer +([^\s]+)$/i.exec(header);
    if (bearer?.[1] !== undefined) return { token: bearer[1], via: 'bearer' };
  }
  const cookie = request.cookies[settings.cookieName];
  return cookie === undefined || cookie === '' ? undefined : { token: cookie, via: 'cookie' };
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Refuses a request another site made the browser send: `Sec-Fetch-Site` other than
 * same-origin or none (typed by the user), or an `Origin` whose host is not this one. Older
 * browsers send neither; then the CSRF token (or SameSite) is what protects.
 */
export function crossSite(request: FastifyRequest): string | undefined {
  const fetchSite = request.headers['sec-fetch-site'];
  if (typeof fetchSite === 'string' && fetchSite !== 'same-origin' && fetchSite !== 'none')
    return `sec-fetch-site ${fetchSite}`.slice(0, 60);
  const origin = request.headers.origin;
  if (typeof origin !== 'string') return undefined;
  try {
    const from = new URL(origin);
    // The Host header read with the origin's scheme, so that default ports compare equal.
    const self = new URL(`${from.protocol}//${request.headers.host ?? ''}`);
    return from.host === self.host ? undefined : 'origin foreign';
  } catch {
    return 'origin malformed';
  }
}

/** Why a cookie-borne, state-changing request is refused; undefined when it may go on. */
export function csrfRefusal(request: FastifyRequest, sessionToken: string): string | undefined {
  const site = crossSite(request);
  if (site !== undefined) return site;
  const sent = request.headers[CSRF_HEADER];
  if (typeof sent !== 'string') return 'csrf token missing';
  return same(sent, csrfTokenFor(sessionToken)) ? undefined : 'csrf token wrong';
}

export function setSessionCookie(
  reply: FastifyReply,
  settings: AccessSettings,
  token: string,
): void {
  void reply.setCookie(settings.cookieName, token, {
    path: '/',
    httpOnly: true,
    secure: settings.cookieSecure,
    sameSite: 'strict',
  });
}

export function clearSessionCookie(reply: FastifyReply, settings: AccessSettings): void {
  void reply.clearCookie(settings.cookieName, {
    path: '/',
    httpOnly: true,
    secure: settings.cookieSecure,
    sameSite: 'strict',
  });
}
