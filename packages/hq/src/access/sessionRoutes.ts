import { z } from 'zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  passwordInput,
  PASSWORD_MAX_LENGTH,
  problem,
  totpCodeInput,
  usernameInput,
} from '@sandogh/core';
import {
  accountSummary,
  attemptLogin,
  changeOwnPassword,
  currentElection,
  endAccountSessions,
  endSession,
  type AccountRecord,
  type LoginFailure,
} from '@sandogh/store';
import type { HqContext } from '../context.js';
import { sendProblems } from '../plugins/problems.js';
import { recordAccessEvent } from './auditPort.js';
import { clearSessionCookie, crossSite, csrfTokenFor, setSessionCookie } from './credentials.js';

/** Sign-in bodies are small; anything bigger is refused before it is read. */
const SESSION_BODY_LIMIT = 4 * 1024;

const loginBody = z.strictObject({
  username: usernameInput,
  password: passwordInput,
  totp: totpCodeInput.describe('The six-digit code of the authenticator app'),
  /** An API client asks for the token in the answer instead of a cookie (no CSRF then). */
  bearer: z.boolean().optional(),
});

const passwordBody = z.strictObject({
  currentPassword: passwordInput,
  newPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH),
});

function whoAmI(account: AccountRecord, csrfToken: string, expiresAt: string, idleMs: number) {
  return {
    account: accountSummary(account),
    csrfToken,
    expiresAt,
    idleTimeoutSeconds: Math.round(idleMs / 1000),
    passwordChangeRequired: account.passwordMustChange,
  };
}

/**
 * /api/v1/session: sign in (username, password, TOTP) → session cookie and CSRF token; sign
 * out; sign out everywhere; who am I; change one's password (docs/SECURITY.md "Sessions").
 */
export function sessionRoutes(ctx: HqContext): FastifyPluginAsyncZod {
  return async (app) => {
    const settings = app.accessControl.settings;
    const perUsername = app.createRateLimit({
      max: settings.rateLimits.loginPerUsername,
      timeWindow: 60_000,
      keyGenerator: (request) => {
        const body = request.body as { username?: unknown } | undefined;
        return `login:${typeof body?.username === 'string' ? body.username : ''}`;
      },
    });

    async function loginRefused(
      request: FastifyRequest,
      reply: FastifyReply,
      failure: LoginFailure,
    ): Promise<FastifyReply> {
      const actor = failure.why === 'unknown-account' ? 'anonymous' : failure.account;
      const code =
        failure.why === 'locked'
          ? 'ACCESS_ACCOUNT_LOCKED'
          : failure.why === 'disabled' || failure.why === 'other-election'
            ? 'ACCESS_ACCOUNT_DISABLED'
            : 'ACCESS_LOGIN_FAILED';
      await recordAccessEvent(ctx, request, {
        action: 'access.login.failed',
        outcome: 'refused',
        reason: code,
        actor,
        details: { why: failure.why },
      });
      if ('lockedUntil' in failure && failure.lockedUntil !== undefined)
        await recordAccessEvent(ctx, request, {
          action: 'access.login.locked',
          outcome: 'succeeded',
          actor: 'system',
          object: { type: 'account', id: failure.account.username },
          details: { until: failure.lockedUntil },
        });
      if (failure.why === 'locked') {
        void reply.header('retry-after', String(failure.retryAfterSeconds));
        return sendProblems(reply, [problem(code, { seconds: failure.retryAfterSeconds })]);
      }
      return sendProblems(reply, [problem(code)]);
    }

    app.post(
      '/session/login',
      {
        bodyLimit: SESSION_BODY_LIMIT,
        config: {
          action: 'session.login',
          rateLimit: { max: settings.rateLimits.loginPerAddress, timeWindow: 60_000 },
        },
        schema: {
          tags: ['session'],
          summary: 'Sign in with username, password and TOTP code; sets the session cookie',
          body: loginBody,
        },
      },
      async (request, reply) => {
        void reply.header('cache-control', 'no-store');
        const site = crossSite(request);
        if (site !== undefined) {
          await recordAccessEvent(ctx, request, {
            action: 'access.login.failed',
            outcome: 'refused',
            reason: 'ACCESS_CSRF_REFUSED',
            actor: 'anonymous',
            details: { why: site },
          });
          return sendProblems(reply, [problem('ACCESS_CSRF_REFUSED')]);
        }
        const limit = await perUsername(request);
        if (!limit.isAllowed && limit.isExceeded) {
          await recordAccessEvent(ctx, request, {
            action: 'access.login.failed',
            outcome: 'refused',
            reason: 'HTTP_RATE_LIMITED',
            actor: 'anonymous',
            details: { why: 'too many attempts for one username' },
          });
          void reply.header('retry-after', String(limit.ttlInSeconds));
          return sendProblems(reply, [problem('HTTP_RATE_LIMITED')]);
        }
        const { username, password, totp, bearer } = request.body;
        const election = await currentElection(ctx.store);
        const result = await attemptLogin(
          ctx.store,
          { username, password, code: totp, source: request.ip },
          {
            nowMs: settings.clock(),
            timeouts: settings.timeouts,
            passwordParams: settings.passwordParams,
            electionId: election?.id,
          },
        );
        if (!result.ok) return loginRefused(request, reply, result.error);
        const { account, session, wasLockedUntil } = result.value;
        if (wasLockedUntil !== undefined)
          await recordAccessEvent(ctx, request, {
            action: 'access.login.unlocked',
            outcome: 'succeeded',
            actor: 'system',
            object: { type: 'account', id: account.username },
            details: { until: wasLockedUntil },
          });
        await recordAccessEvent(ctx, request, {
          action: 'access.login.succeeded',
          outcome: 'succeeded',
          actor: account,
          details: { via: bearer === true ? 'bearer' : 'cookie' },
        });
        if (bearer !== true) setSessionCookie(reply, settings, session.token);
        return {
          ...whoAmI(
            account,
            csrfTokenFor(session.token),
            session.expiresAt,
            settings.timeouts.idleMs,
          ),
          ...(bearer === true ? { token: session.token } : {}),
        };
      },
    );

    app.get(
      '/session/me',
      {
        config: { action: 'session.read' },
        schema: { tags: ['session'], summary: 'The signed-in account, its scope and CSRF token' },
      },
      (request) => {
        const who = request.access?.who;
        if (who === undefined) throw new Error('session.read reached without a session');
        return whoAmI(who.account, who.csrfToken, who.expiresAt, settings.timeouts.idleMs);
      },
    );

    app.post(
      '/session/logout',
      {
        config: { action: 'session.manage' },
        schema: { tags: ['session'], summary: 'Sign out: end this session' },
      },
      async (request, reply) => {
        const who = request.access?.who;
        if (who === undefined) throw new Error('session.manage reached without a session');
        await endSession(ctx.store.db, who.sessionIdHash);
        clearSessionCookie(reply, settings);
        await recordAccessEvent(ctx, request, {
          action: 'access.session.ended',
          outcome: 'succeeded',
          details: { why: 'logout', count: 1 },
        });
        return { ended: 1 };
      },
    );

    app.post(
      '/session/logout-all',
      {
        config: { action: 'session.manage' },
        schema: {
          tags: ['session'],
          summary: 'Sign out everywhere: end every session of the account',
        },
      },
      async (request, reply) => {
        const who = request.access?.who;
        if (who === undefined) throw new Error('session.manage reached without a session');
        const ended = await endAccountSessions(ctx.store.db, who.account.id);
        clearSessionCookie(reply, settings);
        await recordAccessEvent(ctx, request, {
          action: 'access.session.ended',
          outcome: 'succeeded',
          details: { why: 'everywhere', count: ended },
        });
        return { ended };
      },
    );

    app.post(
      '/session/password',
      {
        bodyLimit: SESSION_BODY_LIMIT,
        config: { action: 'session.manage' },
        schema: {
          tags: ['session'],
          summary: "Change one's own password; every other session ends",
          body: passwordBody,
        },
      },
      async (request, reply) => {
        const who = request.access?.who;
        if (who === undefined) throw new Error('session.manage reached without a session');
        const changed = await changeOwnPassword(
          ctx.store,
          who.account.id,
          request.body.currentPassword,
          request.body.newPassword,
          {
            nowMs: settings.clock(),
            params: settings.passwordParams,
            keepSession: who.sessionIdHash,
          },
        );
        if (!changed.ok) {
          const refusal = changed.error;
          if (refusal.why === 'weak') return sendProblems(reply, [refusal.problem]);
          if (refusal.why === 'wrong-password') {
            await recordAccessEvent(ctx, request, {
              action: 'access.refused',
              outcome: 'refused',
              reason: 'ACCESS_PASSWORD_WRONG',
              details: { why: 'wrong current password', policyAction: 'session.manage' },
            });
            if (refusal.lockedUntil !== undefined)
              await recordAccessEvent(ctx, request, {
                action: 'access.login.locked',
                outcome: 'succeeded',
                actor: 'system',
                object: { type: 'account', id: who.account.username },
                details: { until: refusal.lockedUntil },
              });
          }
          return sendProblems(reply, [problem('ACCESS_PASSWORD_WRONG')]);
        }
        await recordAccessEvent(ctx, request, {
          action: 'access.credentials.changed',
          outcome: 'succeeded',
          object: { type: 'account', id: who.account.username },
          details: { what: 'password', othersEnded: changed.value.sessionsEnded },
        });
        return { changed: true, sessionsEnded: changed.value.sessionsEnded };
      },
    );
    await Promise.resolve();
  };
}
