import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { accountRole, usernameInput } from '@sandogh/core';
import { listAccounts, setAccountDisabled, unlockAccount } from '@sandogh/store';
import type { HqContext } from '../context.js';
import { sendProblems } from '../plugins/problems.js';
import { recordAccessEvent } from './auditPort.js';

const byUsername = z.strictObject({ username: usernameInput });

/**
 * /api/v1/staff/accounts: HQ staff see the accounts and disable, enable or unlock them
 * (staff.read, staff.manage). Accounts are created and their credentials reset with the CLI
 * (`sandogh staff …`), which writes the one-time credentials to a file, never to an HTTP answer.
 */
export function staffRoutes(ctx: HqContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/staff/accounts',
      {
        config: { action: 'staff.read' },
        schema: {
          tags: ['staff'],
          summary: 'Staff accounts: role, scope, status (never a secret)',
          querystring: z.strictObject({
            role: accountRole.optional(),
            limit: z.coerce.number().int().min(1).max(1_000).default(100),
            offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
          }),
        },
      },
      (request) => listAccounts(ctx.store, request.query),
    );

    for (const [verb, disabled] of [
      ['disable', true],
      ['enable', false],
    ] as const) {
      app.post(
        `/staff/accounts/:username/${verb}`,
        {
          config: { action: 'staff.manage' },
          schema: {
            tags: ['staff'],
            summary: disabled
              ? 'Disable an account; its sessions end at once'
              : 'Enable a disabled account again',
            params: byUsername,
          },
        },
        async (request, reply) => {
          const done = await setAccountDisabled(ctx.store, request.params.username, disabled);
          if (!done.ok) return sendProblems(reply, [done.error]);
          await recordAccessEvent(ctx, request, {
            action: disabled ? 'access.account.disabled' : 'access.account.enabled',
            outcome: 'succeeded',
            object: { type: 'account', id: done.value.account.username },
            details: { ended: done.value.sessionsEnded },
          });
          return done.value;
        },
      );
    }

    app.post(
      '/staff/accounts/:username/unlock',
      {
        config: { action: 'staff.manage' },
        schema: {
          tags: ['staff'],
          summary: 'Lift a lockout after failed sign-ins',
          params: byUsername,
        },
      },
      async (request, reply) => {
        const done = await unlockAccount(ctx.store, request.params.username);
        if (!done.ok) return sendProblems(reply, [done.error]);
        await recordAccessEvent(ctx, request, {
          action: 'access.login.unlocked',
          outcome: 'succeeded',
          object: { type: 'account', id: done.value.account.username },
          details: { until: done.value.wasLockedUntil },
        });
        return done.value;
      },
    );
    await Promise.resolve();
  };
}
