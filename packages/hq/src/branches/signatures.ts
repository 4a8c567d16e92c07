import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import {
  accessPolicy,
  canonicalJson,
  decide,
  err,
  ok,
  passwordInput,
  problem,
  totpCodeInput,
  usernameInput,
  type Problem,
  type ReportSigner,
  type Result,
} from '@sandogh/core';
import { verifyDeviceSignature } from '@sandogh/crypto';
import { confirmApprover, findDevice, scopeLabel } from '@sandogh/store';
import type { HqContext } from '../context.js';
import { actorOf } from '../access/enforce.js';

/**
 * Who signed a zero report or a tally report (issue 5; DESIGN §2 "People in a branch"): the
 * operator, a trustee and the governor's representative, each a person with their own
 * account, and the voting device with its registered key. The operator is the signed-in
 * caller. The trustee and the governor's representative stand at the same terminal and type
 * their own username, password and TOTP code (checked as a sign-in is, each code once, no
 * session opened); the policy's `reports.cosign` decides whether that account may co-sign for
 * this branch, and the account must hold the role it signs as. The three accounts must be
 * three different people. The device signs the report's statement (station
 * reports/signReport.ts), which HQ rebuilds from the body and checks against the registry.
 * Every co-signature and every refusal is audited, naming the account, never what was typed.
 */
const hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const count = z.int().min(0).max(1_000_000);

export const cosignerInput = z.strictObject({
  as: z.enum(['trustee', 'governor-representative']),
  username: usernameInput,
  password: passwordInput,
  totp: totpCodeInput,
});

const reportContent = z.discriminatedUnion('report', [
  z.strictObject({
    report: z.literal('zero'),
    stop: z.int().min(0).max(1000),
    packageHash: z.string().max(64),
    ballotsHeld: count,
  }),
  z.strictObject({
    report: z.literal('tally'),
    stop: z.int().min(0).max(1000),
    counts: z.strictObject({
      authenticated: count,
      cast: count,
      abandoned: count,
      provisional: count,
    }),
  }),
]);
export type ReportContent = z.infer<typeof reportContent>;

export const deviceReportSignature = z.strictObject({
  message: z.strictObject({
    format: z.literal('sandogh/branch-report/1'),
    election: hex64,
    branch: z.string().max(64),
    device: z.string().max(64),
    content: reportContent,
  }),
  signature: z.string().max(200),
});

export const reportSignatures = {
  device: deviceReportSignature,
  cosigners: z.array(cosignerInput).max(2),
};

const ROLE_OF = {
  trustee: 'branch-trustee',
  'governor-representative': 'governor-representative',
} as const;

export interface ReportSignatures {
  readonly device: z.infer<typeof deviceReportSignature>;
  readonly cosigners: readonly z.infer<typeof cosignerInput>[];
}

/**
 * The signers that hold, or the first refusal. Signers missing from a valid report are left
 * for the lifecycle (core) to name (`BRANCH_SIGNATURES_MISSING`).
 */
export async function verifyReportSigners(
  ctx: Pick<HqContext, 'store' | 'audit'>,
  request: FastifyRequest,
  election: { readonly id: string; readonly hash: string },
  branchId: string,
  given: ReportSignatures,
  expected: ReportContent,
): Promise<Result<ReportSigner[], Problem>> {
  const access = request.access;
  const invalid = (reason: string) => err(problem('BRANCH_REPORT_SIGNATURE_INVALID', { reason }));
  if (access?.who === undefined || access.object === undefined)
    return err(problem('ACCESS_NOT_SIGNED_IN'));
  const signers: ReportSigner[] = ['operator'];

  const statement = given.device.message;
  const device = await findDevice(ctx.store.db, election.id, statement.device);
  if (device?.kind !== 'voting' || device.branchId !== branchId || device.status === 'retired')
    return invalid("the device is not this branch's voting device in service");
  const rebuilt = {
    format: 'sandogh/branch-report/1',
    election: election.hash,
    branch: branchId,
    device: device.serial,
    content: expected,
  };
  if (canonicalJson(rebuilt) !== canonicalJson(statement))
    return invalid('the device signed another report');
  if (!verifyDeviceSignature(given.device, device.publicKey))
    return invalid("the device's signature does not verify");
  signers.push('device');

  const seen = new Set<string>([access.who.actor.accountId]);
  const settings = request.server.accessControl.settings;
  for (const cosigner of given.cosigners) {
    const refuse = async (reason: string, username?: string) => {
      access.audited = true;
      await ctx.audit.record(
        {
          action: 'access.approval.refused',
          outcome: 'refused',
          reason: 'BRANCH_REPORT_SIGNATURE_INVALID',
          details: {
            policyAction: 'reports.cosign',
            as: cosigner.as,
            ...(username === undefined ? {} : { approver: username }),
          },
        },
        request,
      );
      return invalid(reason);
    };
    const confirmed = await confirmApprover(
      ctx.store,
      { username: cosigner.username, password: cosigner.password, code: cosigner.totp },
      { nowMs: settings.clock(), passwordParams: settings.passwordParams, electionId: election.id },
    );
    if (!confirmed.ok) return refuse(`the ${cosigner.as}'s credentials are not accepted`);
    const account = confirmed.value;
    if (account.role !== ROLE_OF[cosigner.as])
      return refuse(`${account.username} does not hold the role ${cosigner.as}`, account.username);
    if (seen.has(account.id))
      return refuse(`${account.username} has signed this report already`, account.username);
    const verdict = decide(accessPolicy, actorOf(account), 'reports.cosign', access.object);
    if (!verdict.allowed)
      return refuse(`${account.username} may not co-sign for this branch`, account.username);
    seen.add(account.id);
    signers.push(cosigner.as);
    await ctx.audit.record(
      {
        action: 'access.approval.granted',
        outcome: 'succeeded',
        details: {
          policyAction: 'reports.cosign',
          as: cosigner.as,
          approver: account.username,
          approverRole: account.role,
          approverScope: scopeLabel(account.scope),
        },
      },
      request,
    );
  }
  return ok(signers);
}
