import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  accessPolicy,
  decide,
  err,
  ok,
  passwordInput,
  problem,
  totpCodeInput,
  usernameInput,
  type Action,
  type Problem,
  type ProblemCode,
  type Result,
} from '@sandogh/core';
import { confirmApprover, currentElection, scopeLabel, type AccountRecord } from '@sandogh/store';
import type { HqContext } from '../context.js';
import { actorOf, refusalProblem } from './enforce.js';

/**
 * Two-person rules (DESIGN §4; the policy's `secondApprover`): the second person stands at the
 * same terminal and types their own username, password and TOTP code into the request. They
 * are checked as a sign-in is (lockout, each code once), no session is opened for them, and
 * the policy decides whether this person may approve this act on this object. Both the grant
 * and any refusal go to the audit log, naming the approver — never what they typed.
 */
export const approverInput = z.strictObject({
  username: usernameInput,
  password: passwordInput,
  totp: totpCodeInput,
});

export type ApproverInput = z.infer<typeof approverInput>;

export async function approve(
  ctx: Pick<HqContext, 'store' | 'audit'>,
  request: FastifyRequest,
  action: Action,
  given: ApproverInput,
): Promise<Result<AccountRecord, Problem>> {
  const access = request.access;
  const settings = request.server.accessControl.settings;
  const refuse = async (refused: Problem, approver?: AccountRecord) => {
    if (access !== null) access.audited = true;
    await ctx.audit.record(
      {
        action: 'access.approval.refused',
        outcome: 'refused',
        reason: refused.code as ProblemCode,
        details: {
          policyAction: action,
          ...(approver === undefined ? {} : { approver: approver.username }),
        },
      },
      request,
    );
    return err(refused);
  };
  if (access === null || access.who === undefined || access.object === undefined)
    return refuse(problem('ACCESS_NOT_SIGNED_IN'));
  const election = await currentElection(ctx.store);
  const confirmed = await confirmApprover(
    ctx.store,
    { username: given.username, password: given.password, code: given.totp },
    {
      nowMs: settings.clock(),
      passwordParams: settings.passwordParams,
      electionId: election?.id,
    },
  );
  if (!confirmed.ok) return refuse(problem('ACCESS_APPROVER_REFUSED'));
  const approver = confirmed.value;
  const verdict = decide(accessPolicy, access.who.actor, action, access.object, actorOf(approver));
  if (!verdict.allowed) return refuse(refusalProblem(verdict.reason, action), approver);
  await ctx.audit.record(
    {
      action: 'access.approval.granted',
      outcome: 'succeeded',
      details: {
        policyAction: action,
        approver: approver.username,
        approverRole: approver.role,
        approverScope: scopeLabel(approver.scope),
      },
    },
    request,
  );
  return ok(approver);
}
