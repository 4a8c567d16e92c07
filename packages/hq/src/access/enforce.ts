import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  accessPolicy,
  decide,
  isAction,
  mayAttempt,
  problem,
  problemCatalog,
  type ActionSpec,
  type Actor,
  type AuditDetails,
  type Problem,
  type ProblemCode,
  type Refusal,
} from '@sandogh/core';
import { authenticateSession, scopeLabel, type AccountRecord } from '@sandogh/store';
import { setAuditActor } from '../audit/index.js';
import { authenticateDevice, setAuthenticatedDevice } from '../devices/authenticate.js';
import type { HqContext } from '../context.js';
import { sendProblems } from '../plugins/problems.js';
import { recordAccessEvent } from './auditPort.js';
import {
  clearSessionCookie,
  csrfRefusal,
  csrfTokenFor,
  isUnsafe,
  presentedToken,
} from './credentials.js';
import { auditObject, locate, locatorSource } from './locate.js';
import type { ObjectLocator, RequestAccess } from './routeConfig.js';

/**
 * The one gate every route passes (issue 3, law 8): `onRequest` reads the route's declared
 * action, authenticates the session, checks CSRF, and consults `decide` — all before the body
 * is read, so an anonymous or unauthorised upload is refused unread. An object found in the
 * body is placed once the body is validated (`preHandler`). Refusals answer 401 (not signed
 * in) or 403 (not allowed) in the one error shape; every refusal of a caller who presented a
 * session, and every other 4xx answer to a signed-in caller, goes to the audit log (law 6).
 */

export function actorOf(account: AccountRecord): Actor {
  return {
    accountId: account.id,
    role: account.role,
    scope: account.scope,
    trusteeRole: account.trusteeRole ?? undefined,
    deviceOperator: account.deviceOperator,
  };
}

export function refusalProblem(reason: Refusal, action: string): Problem {
  switch (reason) {
    case 'not-signed-in':
      return problem('ACCESS_NOT_SIGNED_IN');
    case 'device-only':
      return problem('ACCESS_DEVICE_ONLY', { action });
    case 'unknown-action':
      return problem('ACCESS_NO_POLICY');
    case 'second-approver-required': {
      const spec: ActionSpec | undefined = isAction(action) ? accessPolicy[action] : undefined;
      const roles = Object.keys(spec?.secondApprover?.grants ?? {}).join(', ');
      return problem('ACCESS_SECOND_APPROVER_REQUIRED', { action, roles });
    }
    case 'nobody':
    case 'role-not-granted':
    case 'out-of-scope':
    case 'not-branch-chair':
    case 'not-device-operator':
    case 'approver-is-actor':
    case 'approver-role-not-granted':
    case 'approver-out-of-scope':
    case 'approver-not-branch-chair':
    case 'approver-not-device-operator':
      return problem('ACCESS_FORBIDDEN', { action, reason });
  }
}

function routeOf(request: FastifyRequest): string {
  return `${request.method} ${request.routeOptions.url ?? ''}`.slice(0, 200);
}

interface Refuse {
  readonly problem: Problem;
  /** Write it to the audit log (a session was presented). */
  readonly audit: boolean;
  readonly actor?: AccountRecord | 'anonymous';
  readonly details?: AuditDetails;
}

export function enforcement(ctx: HqContext) {
  async function refuse(request: FastifyRequest, reply: FastifyReply, r: Refuse) {
    if (r.audit) {
      const object = auditObject(request.access?.object);
      await recordAccessEvent(ctx, request, {
        action: 'access.refused',
        outcome: 'refused',
        reason: r.problem.code as ProblemCode,
        ...(r.actor === undefined ? {} : { actor: r.actor }),
        ...(object === undefined ? {} : { object }),
        details: {
          route: routeOf(request),
          ...(request.access === null ? {} : { policyAction: request.access.action }),
          ...r.details,
        },
      });
    }
    return sendProblems(reply, [r.problem]);
  }

  async function decideNow(
    request: FastifyRequest,
    reply: FastifyReply,
    access: RequestAccess,
    locator: ObjectLocator | undefined,
  ) {
    const where = await locate(ctx.store, request, locator);
    access.object = where;
    const verdict = decide(accessPolicy, access.who?.actor, access.action, where);
    if (verdict.allowed) return undefined;
    if (verdict.reason === 'second-approver-required') {
      access.approvalRequired = true;
      return undefined;
    }
    return refuse(request, reply, {
      problem: refusalProblem(verdict.reason, access.action),
      audit: access.who !== undefined,
      details: { why: verdict.reason },
    });
  }

  async function onRequest(request: FastifyRequest, reply: FastifyReply) {
    if (request.is404) return undefined;
    const { action, object } = request.routeOptions.config;
    if (action === undefined || !isAction(action))
      return refuse(request, reply, {
        problem: problem('ACCESS_NO_POLICY'),
        audit: false,
      });
    const access: RequestAccess = {
      action,
      who: undefined,
      object: undefined,
      approvalRequired: false,
      audited: false,
    };
    request.access = access;
    const spec: ActionSpec = accessPolicy[action];
    if (spec.audience === 'public') return undefined;
    // A device proves itself by the signature inside its message (law 4): checked once the
    // body is read and validated, in preHandler.
    if (spec.audience === 'device') return undefined;

    const settings = request.server.accessControl.settings;
    const presented = presentedToken(request, settings);
    if (presented === undefined)
      return refuse(request, reply, { problem: problem('ACCESS_NOT_SIGNED_IN'), audit: false });
    const now = settings.clock();
    const live = await authenticateSession(ctx.store, presented.token, now, settings.timeouts);
    if (!live.ok) {
      if (presented.via === 'cookie') clearSessionCookie(reply, settings);
      const { why, account } = live.error;
      if (account !== undefined && (why === 'idle' || why === 'expired'))
        await recordAccessEvent(ctx, request, {
          action: 'access.session.ended',
          outcome: 'succeeded',
          actor: 'system',
          object: { type: 'account', id: account.username },
          details: { why: why === 'idle' ? 'idle' : 'absolute' },
        });
      return refuse(request, reply, {
        problem: problem('ACCESS_SESSION_ENDED'),
        audit: true,
        actor: account ?? 'anonymous',
        details: { why: `session ${why}` },
      });
    }
    const { account } = live.value;
    setAuditActor(request, {
      kind: 'staff',
      id: account.username,
      role: account.role,
      scope: scopeLabel(account.scope),
    });
    access.who = {
      actor: actorOf(account),
      account,
      sessionIdHash: live.value.idHash,
      via: presented.via,
      csrfToken: csrfTokenFor(presented.token),
      expiresAt: live.value.expiresAt,
    };
    if (presented.via === 'cookie' && isUnsafe(request.method)) {
      const why = csrfRefusal(request, presented.token);
      if (why !== undefined)
        return refuse(request, reply, {
          problem: problem('ACCESS_CSRF_REFUSED'),
          audit: true,
          details: { why },
        });
    }
    if (account.passwordMustChange && !action.startsWith('session.'))
      return refuse(request, reply, {
        problem: problem('ACCESS_PASSWORD_CHANGE_REQUIRED'),
        audit: true,
      });
    if (locatorSource(object) === 'body') {
      const head = mayAttempt(accessPolicy, access.who.actor, action);
      if (head.allowed) return undefined;
      return refuse(request, reply, {
        problem: refusalProblem(head.reason, action),
        audit: true,
        details: { why: head.reason },
      });
    }
    return decideNow(request, reply, access, object);
  }

  /** Objects named in the body are placed once the body is parsed and validated. */
  async function preHandler(request: FastifyRequest, reply: FastifyReply) {
    const access = request.access;
    if (access !== null && accessPolicy[access.action].audience === 'device')
      return deviceGate(request, reply, access);
    const locator = request.routeOptions.config.object;
    if (access === null || access.who === undefined || locatorSource(locator) !== 'body')
      return undefined;
    return decideNow(request, reply, access, locator);
  }

  /** Law 4: the body must be a message signed by a device registered for this branch. */
  async function deviceGate(request: FastifyRequest, reply: FastifyReply, access: RequestAccess) {
    const spec: ActionSpec = accessPolicy[access.action];
    const verdict = await authenticateDevice(ctx.store, access.action, spec, request.body);
    if (verdict.ok) {
      const device = verdict.value;
      setAuthenticatedDevice(request, device);
      setAuditActor(request, {
        kind: 'device',
        id: device.serial,
        role: device.kind,
        scope: `branch:${device.branchId}`,
      });
      return undefined;
    }
    const { problem: refused, claimed, signed } = verdict.error;
    access.audited = true;
    await ctx.audit.record(
      {
        action: 'devices.message.refused',
        outcome: 'refused',
        reason: refused.code as ProblemCode,
        ...(signed && claimed !== undefined
          ? { actor: { kind: 'device', id: claimed.serial, scope: `branch:${claimed.branch}` } }
          : {}),
        ...(claimed === undefined ? {} : { object: { type: 'device', id: claimed.serial } }),
        details: { route: routeOf(request), policyAction: access.action },
      },
      request,
    );
    return sendProblems(reply, [refused]);
  }

  /**
   * Every 4xx answer to a signed-in caller not yet on the record (a route's own refusal: bad
   * input, not found, conflict) is written to the audit log; answers to signed-in callers are
   * never cached by the browser or a proxy.
   */
  async function onSend(request: FastifyRequest, reply: FastifyReply, payload: unknown) {
    const access = request.access;
    if (access === null || access.who === undefined) return payload;
    void reply.header('cache-control', 'no-store');
    if (reply.statusCode < 400 || reply.statusCode >= 500 || access.audited) return payload;
    let code: unknown;
    try {
      code =
        typeof payload === 'string' ? (JSON.parse(payload) as { code?: unknown }).code : undefined;
    } catch {
      code = undefined;
    }
    const reason: ProblemCode =
      typeof code === 'string' && Object.hasOwn(problemCatalog, code)
        ? (code as ProblemCode)
        : 'INPUT_INVALID';
    const object = auditObject(access.object);
    await recordAccessEvent(ctx, request, {
      action: 'access.refused',
      outcome: 'refused',
      reason,
      ...(object === undefined ? {} : { object }),
      details: { route: routeOf(request), policyAction: access.action, status: reply.statusCode },
    });
    return payload;
  }

  return { onRequest, preHandler, onSend };
}
