import { branchPackageHash, type SignedBranchPackage } from '@sandogh/core';
import { signBranchReport, type BranchReportContent } from '@sandogh/station';
import {
  findAccount,
  hashPassword,
  issueAccount,
  newOneTimePassword,
  newTotpSecret,
  ONE_TIME_PASSWORD_PARAMS,
  resetCredentials,
  totpCode,
  type Store,
} from '@sandogh/store';
import { DemoStepError, type HqApi } from './hqApi.js';
import type { DeviceKey } from './stations.js';

/**
 * The branch's opening and closing at HQ (docs/STATION.md §3): the zero report and the tally
 * report, each signed by the voting device (the station's `signBranchReport`), the operator
 * (the signed-in caller) and, standing at the same terminal, a trustee and the governor's
 * representative with their own password and TOTP code. The demo makes one trustee and one
 * representative per branch of its sample.
 */
interface Cosigner {
  readonly as: 'trustee' | 'governor-representative';
  readonly username: string;
  readonly password: string;
  readonly totpSecret: string;
  /** The TOTP time step last used: a code counts once, so the next report waits for a new one. */
  lastStep: number;
}

export interface BranchPeople {
  readonly cosigners: readonly Cosigner[];
}

export async function ensureBranchPeople(
  store: Store,
  electionId: string,
  branchId: string,
  nowMs: number,
): Promise<BranchPeople> {
  const cosigners: Cosigner[] = [];
  for (const as of ['trustee', 'governor-representative'] as const) {
    const username = `demo-${as === 'trustee' ? 'trustee' : 'governor'}-${branchId}`;
    const password = newOneTimePassword();
    const totpSecret = newTotpSecret();
    const existing = await findAccount(store.db, { username });
    if (existing === undefined) {
      const made = await issueAccount(
        store,
        {
          username,
          name: {
            fa: as === 'trustee' ? `منشی شعبهٔ ${branchId}` : `نمایندهٔ فرماندار در شعبهٔ ${branchId}`,
            en:
              as === 'trustee'
                ? `Secretary of branch ${branchId}`
                : `Governor's representative, branch ${branchId}`,
          },
          role: as === 'trustee' ? 'branch-trustee' : 'governor-representative',
          scope: { kind: 'branches', branchIds: [branchId] },
          electionId,
          ...(as === 'trustee' ? { trusteeRole: 'secretary' as const } : {}),
        },
        { nowMs, password, totpSecret, params: ONE_TIME_PASSWORD_PARAMS },
      );
      if (!made.ok) throw new DemoStepError(made.error);
    } else {
      const reset = await resetCredentials(store, username, {
        passwordHash: await hashPassword(password, ONE_TIME_PASSWORD_PARAMS),
        totpSecret,
        mustChange: false,
      });
      if (!reset.ok) throw new DemoStepError(reset.error);
    }
    cosigners.push({ as, username, password, totpSecret, lastStep: -1 });
  }
  return { cosigners };
}

const STEP_MS = 30_000;

/** Fresh codes for every co-signer, waiting for the next time step when one was just used. */
async function freshCosignatures(people: BranchPeople) {
  const step = () => Math.floor(Date.now() / STEP_MS);
  while (people.cosigners.some((c) => c.lastStep === step()))
    await new Promise((r) => setTimeout(r, STEP_MS - (Date.now() % STEP_MS) + 50));
  const now = Date.now();
  return people.cosigners.map((c) => {
    c.lastStep = Math.floor(now / STEP_MS);
    return {
      as: c.as,
      username: c.username,
      password: c.password,
      totp: totpCode(c.totpSecret, now) ?? '',
    };
  });
}

function deviceSignature(
  signed: SignedBranchPackage,
  voting: DeviceKey,
  content: BranchReportContent,
) {
  return signBranchReport(
    {
      election: signed.package.election.hash,
      branch: voting.branchId,
      serial: voting.serial,
      seed: voting.seedHex,
      packageHash: branchPackageHash(signed.package),
    },
    content,
  );
}

export async function zeroReport(
  api: HqApi,
  hqToken: string,
  signed: SignedBranchPackage,
  shortHash: string,
  voting: DeviceKey,
  people: BranchPeople,
): Promise<void> {
  const content = { report: 'zero', stop: 0, packageHash: shortHash, ballotsHeld: 0 } as const;
  await api.must(
    `zero report ${voting.branchId}`,
    'POST',
    `/branches/${voting.branchId}/zero-report`,
    {
      packageHash: shortHash,
      ballotsHeld: 0,
      device: deviceSignature(signed, voting, content),
      cosigners: await freshCosignatures(people),
    },
    hqToken,
  );
}

export async function tallyReport(
  api: HqApi,
  hqToken: string,
  signed: SignedBranchPackage,
  voting: DeviceKey,
  people: BranchPeople,
  counts: { authenticated: number; cast: number; abandoned: number; provisional: number },
): Promise<void> {
  const content = { report: 'tally', stop: 0, counts } as const;
  await api.must(
    `tally report ${voting.branchId}`,
    'POST',
    `/branches/${voting.branchId}/tally-report`,
    {
      counts,
      device: deviceSignature(signed, voting, content),
      cosigners: await freshCosignatures(people),
    },
    hqToken,
  );
}
