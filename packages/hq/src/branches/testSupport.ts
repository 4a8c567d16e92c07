// For the tests that open and close branches at HQ: the signatures a report needs — the
// branch's voting device over the report's statement, a trustee and the governor's
// representative with accounts of their own (fresh ones each time: a TOTP code counts once).
import { signDeviceMessage } from '@sandogh/crypto';
import { testDeviceKeySeed } from '@sandogh/store/testing';
import type { FastifyInstance } from 'fastify';
import { createTestAccount, currentCode, type TestCredentials } from '../access/testing.js';
import type { ReportContent } from './signatures.js';

export const votingDeviceOfBranch = (branchId: string) => `V-${branchId.slice(2)}`;

export function deviceReport(
  electionHash: string,
  branchId: string,
  content: ReportContent,
  serial = votingDeviceOfBranch(branchId),
) {
  return signDeviceMessage(
    {
      format: 'sandogh/branch-report/1' as const,
      election: electionHash,
      branch: branchId,
      device: serial,
      content,
    },
    testDeviceKeySeed(serial),
  );
}

export function typed(app: FastifyInstance, who: TestCredentials) {
  return { username: who.username, password: who.password, totp: currentCode(app, who) };
}

/** Every signature a report needs, for `content` at `branchId`. */
export async function reportSignaturesFor(
  app: FastifyInstance,
  electionHash: string,
  branchId: string,
  content: ReportContent,
) {
  const trustee = await createTestAccount(app, 'branch-trustee');
  const governor = await createTestAccount(app, 'governor-representative');
  return {
    device: deviceReport(electionHash, branchId, content),
    cosigners: [
      { as: 'trustee' as const, ...typed(app, trustee) },
      { as: 'governor-representative' as const, ...typed(app, governor) },
    ],
  };
}
