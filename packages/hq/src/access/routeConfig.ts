import type { Action, Actor, ObjectLocation } from '@sandogh/core';
import type { AccountRecord, Store } from '@sandogh/store';
import type { AccessSettings } from './settings.js';
import type { AuditTap } from './auditPort.js';

/**
 * How a route takes part in access control (issue 3). Every route declares, in its options,
 *
 *   config: { action: 'branches.read', object: { branch: 'params.branchId' } }
 *
 * — the policy action it performs, and where its object's place comes from (a branch, zone or
 * zone HQ id found in the path parameters, the query string or the validated body). Without
 * `object` the object is the whole constituency. A route without `action` is refused to
 * everyone. `action` is typed: an action missing from the policy table fails to compile.
 */

export type LocatorSource = 'params' | 'query' | 'body';
export type LocatorPath = `${LocatorSource}.${string}`;

export type ObjectLocator =
  | { readonly branch: LocatorPath }
  | { readonly zone: LocatorPath }
  | { readonly zoneHq: LocatorPath }
  /** A device serial: placed at its branch when assigned, else at its zone HQ (issue 8). */
  | { readonly device: LocatorPath };

/** A signed-in caller, as the hooks found them. */
export interface SignedIn {
  readonly actor: Actor;
  readonly account: AccountRecord;
  readonly sessionIdHash: string;
  /** `cookie`: the web app (CSRF-checked); `bearer`: an API client (Authorization header). */
  readonly via: 'cookie' | 'bearer';
  readonly csrfToken: string;
  readonly expiresAt: string;
}

/** What the access hooks decided about one request; routes read it, the audit port too. */
export interface RequestAccess {
  readonly action: Action;
  who: SignedIn | undefined;
  object: ObjectLocation | undefined;
  /**
   * The first person of a two-person action was allowed to start it; the route must find and
   * check a second approver (`decide(..., approver)`) before anything changes.
   */
  approvalRequired: boolean;
  /** A refusal of this request is already on the record. */
  audited: boolean;
}

/** One route as registered, for the generated policy walk and for documentation. */
export interface RegisteredRoute {
  readonly method: string;
  readonly url: string;
  readonly action: Action | undefined;
  readonly object: ObjectLocator | undefined;
}

export interface AccessControl {
  readonly settings: AccessSettings;
  /** The store the sessions live in (test helpers open sessions through it). */
  readonly store: Store;
  /** Every route registered after the access plugin, in order. */
  routes(): readonly RegisteredRoute[];
  /** Tests observe audit entries here as well as in the log itself. */
  readonly tap: AuditTap | undefined;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The access-policy action this route performs; none: refused to everyone. */
    action?: Action;
    /** Where the route's object lies; none: the whole constituency. */
    object?: ObjectLocator;
  }
  interface FastifyRequest {
    access: RequestAccess | null;
  }
  interface FastifyInstance {
    accessControl: AccessControl;
  }
}

const LOCATOR_PATH = /^(params|query|body)\.[A-Za-z_][A-Za-z0-9_]*$/;

/** Reads a locator as declared; a malformed one is a programmer error, thrown at start-up. */
export function parseLocator(locator: ObjectLocator): {
  kind: 'branch' | 'zone' | 'zoneHq' | 'device';
  source: LocatorSource;
  key: string;
} {
  const entries = Object.entries(locator) as [string, unknown][];
  const [kind, path] = entries[0] ?? [];
  if (
    entries.length !== 1 ||
    (kind !== 'branch' && kind !== 'zone' && kind !== 'zoneHq' && kind !== 'device') ||
    typeof path !== 'string' ||
    !LOCATOR_PATH.test(path)
  )
    throw new Error(`access: bad object locator ${JSON.stringify(locator)}`);
  const dot = path.indexOf('.');
  return { kind, source: path.slice(0, dot) as LocatorSource, key: path.slice(dot + 1) };
}
