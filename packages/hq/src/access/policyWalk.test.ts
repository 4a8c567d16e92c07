import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import {
  accessPolicy,
  ACCOUNT_ROLES,
  CONSTITUENCY,
  decide,
  electionHash,
  sampleDefinition,
  type AccountRole,
  type ActionSpec,
  type AuditEntryInput,
  type ObjectLocation,
  type Problem,
  type StaffScope,
} from '@sandogh/core';
import { loadDefinition } from '@sandogh/store';
import { describeEachEngine } from '@sandogh/store/testing';
import { actorOf } from './enforce.js';
import { parseLocator, type RegisteredRoute } from './routeConfig.js';
import { accessTestServer, loginAs, sessionFor, type TestSession } from './testing.js';

/**
 * The generated walk of issue 3's "Done when": every HTTP route the server registered × every
 * role (each with a constituency-wide account and a narrow one) × an object inside and outside
 * the narrow scope, plus nobody signed in. Each answer must agree with `decide` over the policy
 * table: allowed ⇒ not refused by access control; refused ⇒ 401 (not signed in) or 403 with
 * the policy's reason. A route with no declared action fails the walk by name.
 */

const IN = '0001'; // zone Z01, zone HQ H01
const OUT = '0002'; // zone Z02, zone HQ H02
const GEOGRAPHY: Readonly<Record<string, ObjectLocation>> = {
  [IN]: { kind: 'branch', branchId: IN, zoneId: 'Z01', zoneHqId: 'H01' },
  [OUT]: { kind: 'branch', branchId: OUT, zoneId: 'Z02', zoneHqId: 'H02' },
};

/** A narrow scope for each role: where the role naturally works, or narrower than it should. */
function narrowScope(role: AccountRole): StaffScope {
  switch (role) {
    case 'branch-trustee':
    case 'inspector':
    case 'observer':
    case 'candidate-representative':
      return { kind: 'branches', branchIds: [IN] };
    case 'governor-representative':
    case 'executive-board':
      return { kind: 'zone', zoneId: 'Z01' };
    case 'zone-hq-staff':
    case 'it-committee':
    case 'support-committee':
    case 'hq-staff':
    case 'supervisory-board':
      return { kind: 'zoneHq', zoneHqId: 'H01' };
  }
}

interface WalkActor {
  readonly label: string;
  session: TestSession | undefined;
}

/** Refusals that only access control gives. */
const ACCESS_REFUSALS = new Set([
  'ACCESS_NOT_SIGNED_IN',
  'ACCESS_SESSION_ENDED',
  'ACCESS_FORBIDDEN',
  'ACCESS_NO_POLICY',
  'ACCESS_DEVICE_ONLY',
  'ACCESS_CSRF_REFUSED',
  'ACCESS_PASSWORD_CHANGE_REQUIRED',
]);

interface WalkRequest {
  readonly method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly url: string;
  readonly payload?: Record<string, string>;
}

/** The id a route's locator reads for a branch's place, and the place it names (issue 8: zone HQ views). */
function placeOf(route: RegisteredRoute, branchId: string): { id: string; where: ObjectLocation } {
  const branch = GEOGRAPHY[branchId];
  const kind = route.object === undefined ? 'branch' : parseLocator(route.object).kind;
  if (branch?.kind !== 'branch' || kind === 'branch')
    return { id: branchId, where: branch ?? CONSTITUENCY };
  // A device lies at its branch (the sample's voting device of that branch).
  if (kind === 'device') return { id: `VOTE-${branchId}`, where: branch };
  if (kind === 'zoneHq') {
    const zoneHqId = branch.zoneHqId ?? '';
    return { id: zoneHqId, where: { kind: 'zoneHq', zoneHqId } };
  }
  const zoneId = branch.zoneId ?? '';
  return { id: zoneId, where: { kind: 'zone', zoneId } };
}

function requestFor(route: RegisteredRoute, place: string | undefined): WalkRequest {
  const locator = route.object === undefined ? undefined : parseLocator(route.object);
  const branchId = place === undefined ? undefined : placeOf(route, place).id;
  let url = route.url.replace(/\*$/, 'swagger-ui.css');
  url = url.replace(/:(\w+)/g, (_, name: string) =>
    locator?.source === 'params' && locator.key === name && branchId !== undefined
      ? branchId
      : 'walk',
  );
  if (locator?.source === 'query' && branchId !== undefined) url += `?${locator.key}=${branchId}`;
  const body =
    locator?.source === 'body' && branchId !== undefined ? { [locator.key]: branchId } : {};
  return {
    method: route.method as WalkRequest['method'],
    url,
    ...(route.method === 'GET' || route.method === 'HEAD' ? {} : { payload: body }),
  };
}

describeEachEngine(
  'the generated policy walk: every route × every role × in and out of scope',
  (ctx) => {
    let app: FastifyInstance;
    const taps: AuditEntryInput[] = [];
    const actors: WalkActor[] = [{ label: 'nobody signed in', session: undefined }];

    beforeAll(async () => {
      const definition = sampleDefinition({ branches: 4 });
      const loaded = await loadDefinition(ctx.store, definition, electionHash(definition));
      expect(loaded.ok).toBe(true);
      app = await accessTestServer(ctx.store, {
        auditTap: (entry) => taps.push(entry),
        config: { loginRateLimitPerMinute: 10_000, publicRateLimitPerMinute: 100_000 },
      });
      for (const role of ACCOUNT_ROLES) {
        actors.push({ label: `${role} (constituency)`, session: await loginAs(app, role) });
        actors.push({
          label: `${role} (${JSON.stringify(narrowScope(role))})`,
          session: await loginAs(app, role, narrowScope(role)),
        });
      }
      const here: StaffScope = { kind: 'branches', branchIds: [IN] };
      actors.push({
        label: 'branch-trustee chair',
        session: await loginAs(app, 'branch-trustee', here, { trusteeRole: 'chair' }),
      });
      actors.push({
        label: 'branch-trustee device operator',
        session: await loginAs(app, 'branch-trustee', here, {
          trusteeRole: 'secretary',
          deviceOperator: true,
        }),
      });
    });
    afterAll(async () => {
      await app.close();
    });

    it('finds a declared policy action on every route', () => {
      const routes = app.accessControl.routes();
      expect(routes.length).toBeGreaterThanOrEqual(20);
      const undeclared = routes.filter((r) => r.action === undefined);
      expect(undeclared.map((r) => `${r.method} ${r.url}`)).toEqual([]);
      for (const head of routes.filter((r) => r.method === 'HEAD')) {
        const get = routes.find((r) => r.method === 'GET' && r.url === head.url);
        if (get !== undefined) expect(head.action, head.url).toBe(get.action);
      }
    });

    it('answers every route as the policy table decides, for every role, in and out of scope', async () => {
      const routes = app.accessControl.routes().filter((r) => r.method !== 'HEAD');
      let allowed = 0;
      let refused = 0;
      const scoped = new Set<string>();
      for (const route of routes) {
        const action = route.action;
        if (action === undefined) continue;
        const spec: ActionSpec = accessPolicy[action];
        const objects = route.object === undefined ? [undefined] : [IN, OUT];
        for (const branchId of objects) {
          const where = branchId === undefined ? CONSTITUENCY : placeOf(route, branchId).where;
          const verdicts = new Set<boolean>();
          // All actors at once: the answers do not depend on one another (each its own account).
          const answers = await Promise.all(
            actors.map(async (actor) => {
              const account = actor.session?.account;
              const verdict = decide(
                accessPolicy,
                account === undefined ? undefined : actorOf(account),
                action,
                where,
              );
              const request = requestFor(route, branchId);
              const res = await app.inject({ ...request, headers: actor.session?.headers ?? {} });
              return { actor, verdict, request, res };
            }),
          );
          for (const { actor, verdict, request, res } of answers) {
            const body = String(res.headers['content-type']).startsWith('application/json')
              ? res.json<Partial<Problem>>()
              : undefined;
            const what = `${route.method} ${request.url} as ${actor.label}: ${res.statusCode} ${body?.code ?? ''}`;
            const expectAllowed = verdict.allowed || verdict.reason === 'second-approver-required';
            if (verdict.allowed || verdict.reason === 'second-approver-required') {
              allowed += 1;
              expect(ACCESS_REFUSALS.has(body?.code ?? ''), what).toBe(false);
            } else if (verdict.reason === 'device-only') {
              // A person's request to a device route is no signed device message: refused by
              // its schema or by the device layer (law 4), never served.
              refused += 1;
              expect(res.statusCode, what).toBeGreaterThanOrEqual(400);
              expect(res.statusCode, what).toBeLessThan(500);
              expect(body?.code, what).toMatch(/^(INPUT_|DEVICE_|ACCESS_DEVICE_ONLY$)/);
            } else if (
              route.object !== undefined &&
              parseLocator(route.object).source === 'body' &&
              res.statusCode === 400 &&
              /^INPUT_/.test(body?.code ?? '')
            ) {
              // The object is named in the body: the decision waits for a valid body, and the
              // walk's body names only the object. Refused by validation, never served.
              refused += 1;
            } else {
              refused += 1;
              const reason = verdict.reason;
              const code = reason === 'not-signed-in' ? 'ACCESS_NOT_SIGNED_IN' : 'ACCESS_FORBIDDEN';
              expect(res.statusCode, what).toBe(reason === 'not-signed-in' ? 401 : 403);
              expect(body?.code, what).toBe(code);
            }
            verdicts.add(expectAllowed);
            // A route that ended the session (sign-out) gets the actor a new one.
            if (action === 'session.manage' && actor.session !== undefined)
              actor.session = await sessionFor(app, actor.session.account);
          }
          if (spec.audience === 'staff' && verdicts.size === 2 && branchId !== undefined)
            scoped.add(`${route.method} ${route.url}`);
        }
      }
      expect(allowed).toBeGreaterThan(100);
      expect(refused).toBeGreaterThan(100);
      // The branch routes do tell in-scope from out-of-scope.
      expect([...scoped]).toContain('GET /api/v1/branches/:branchId');
      // Every refusal of a signed-in caller is on the audit log.
      const refusals = taps.filter(
        (t) => t.action === 'access.refused' && t.actor.kind === 'staff',
      );
      expect(refusals.length).toBeGreaterThan(50);
      for (const t of refusals) expect(t.reason).toMatch(/^[A-Z_]+$/);
    });
  },
  { isolation: 'file' },
);
