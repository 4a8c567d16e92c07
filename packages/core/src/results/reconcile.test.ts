import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { reconcileBranch, reconcileBranches } from './reconcile.js';
import type { BranchReconciliationInput } from './reconcile.js';

/** A branch whose every figure agrees (law 5), with decided provisional ballots. */
const consistentBranch = fc
  .record({
    regular: fc.nat(2_000),
    confirmed: fc.nat(30),
    excluded: fc.nat(30),
    abandoned: fc.nat(50),
  })
  .map(({ regular, confirmed, excluded, abandoned }): BranchReconciliationInput => {
    const cast = regular + confirmed + excluded;
    const received = regular + confirmed;
    return {
      branchId: 'b1',
      authenticated: cast + abandoned,
      cast,
      abandoned,
      provisional: { cast: confirmed + excluded, confirmed, excluded },
      receivedAtHq: received,
      receiptsPrinted: cast,
      tallyReport: { authenticated: cast + abandoned, cast, abandoned },
      decryptedBallotCount: received,
    };
  });

type Injection = 'missing-at-hq' | 'extra-abandoned' | 'tally-report-disagrees';

/**
 * Each injected fault, made at its source, and the one flag it must raise:
 * - a ballot missing at HQ: HQ has one fewer, and so has the decrypted total made from HQ's;
 * - an extra abandoned count: the device counted one more abandoned card than there were
 *   check-ins to account for (the device's count feeds HQ's figure and the report alike);
 * - a tally report that disagrees: the signed report states another cast count.
 */
function inject(
  branch: BranchReconciliationInput,
  injection: Injection,
): BranchReconciliationInput {
  switch (injection) {
    case 'missing-at-hq':
      return {
        ...branch,
        receivedAtHq: branch.receivedAtHq - 1,
        decryptedBallotCount: branch.receivedAtHq - 1,
      };
    case 'extra-abandoned':
      return {
        ...branch,
        abandoned: branch.abandoned + 1,
        tallyReport:
          branch.tallyReport === null
            ? null
            : { ...branch.tallyReport, abandoned: branch.tallyReport.abandoned + 1 },
      };
    case 'tally-report-disagrees':
      return branch.tallyReport === null
        ? branch
        : { ...branch, tallyReport: { ...branch.tallyReport, cast: branch.tallyReport.cast + 1 } };
  }
}

const expectedFlag: Record<Injection, string> = {
  'missing-at-hq': 'RECONCILE_RECEIVED',
  'extra-abandoned': 'RECONCILE_AUTHENTICATED',
  'tally-report-disagrees': 'RECONCILE_TALLY_REPORT',
};

describe('reconciliation (law 5)', () => {
  test.prop([consistentBranch])('flags nothing on a branch whose figures agree', (branch) => {
    expect(reconcileBranch(branch).flags).toEqual([]);
  });

  test.prop([
    consistentBranch.filter((b) => b.receivedAtHq > 0),
    fc.subarray(['missing-at-hq', 'extra-abandoned', 'tally-report-disagrees'] as const),
  ])('flags exactly the injected mismatches, and only those', (branch, injections) => {
    const faulty = injections.reduce(inject, branch);
    const flags = reconcileBranch(faulty).flags.map((f) => f.code);
    expect(flags.sort()).toEqual(injections.map((i) => expectedFlag[i]).sort());
  });

  it('carries the numbers that disagree in the flag', () => {
    const [branch] = fc.sample(
      consistentBranch.filter((b) => b.receivedAtHq > 0),
      { numRuns: 1, seed: 1 },
    );
    if (branch === undefined) throw new Error('no sample');
    const [flag] = reconcileBranch(inject(branch, 'missing-at-hq')).flags;
    expect(flag?.details).toMatchObject({
      branch: 'b1',
      received: branch.receivedAtHq - 1,
      expected: branch.receivedAtHq,
    });
    expect(flag?.message.fa).toContain('شعبهٔ b1');
  });

  it('defines received precisely: cast less excluded and undecided provisional ballots', () => {
    const branch: BranchReconciliationInput = {
      branchId: 'b2',
      authenticated: 110,
      cast: 100,
      abandoned: 10,
      provisional: { cast: 9, confirmed: 5, excluded: 3 },
      receivedAtHq: 96,
      tallyReport: { authenticated: 110, cast: 100, abandoned: 10 },
    };
    expect(reconcileBranch(branch).flags.map((f) => f.code)).toEqual([
      'RECONCILE_PROVISIONAL_UNDECIDED',
    ]);
    expect(reconcileBranch({ ...branch, receivedAtHq: 97 }).flags.map((f) => f.code)).toEqual([
      'RECONCILE_PROVISIONAL_UNDECIDED',
      'RECONCILE_RECEIVED',
    ]);
    expect(
      reconcileBranch({ ...branch, provisional: { cast: 7, confirmed: 5, excluded: 3 } }).flags.map(
        (f) => f.code,
      ),
    ).toEqual(['RECONCILE_PROVISIONAL_SPLIT']);
    expect(
      reconcileBranch({ ...branch, tallyReport: null, receiptsPrinted: 99 }).flags.map(
        (f) => f.code,
      ),
    ).toEqual([
      'RECONCILE_PROVISIONAL_UNDECIDED',
      'RECONCILE_TALLY_REPORT_MISSING',
      'RECONCILE_RECEIPTS',
    ]);
  });

  it('keeps a branch unreconciled until a supervisor decides on every flag', () => {
    const base: BranchReconciliationInput = {
      branchId: 'b3',
      authenticated: 11,
      cast: 10,
      abandoned: 0,
      provisional: { cast: 0, confirmed: 0, excluded: 0 },
      receivedAtHq: 10,
      tallyReport: { authenticated: 11, cast: 10, abandoned: 0 },
    };
    const ok = {
      ...base,
      branchId: 'b4',
      authenticated: 10,
      tallyReport: { ...base.tallyReport, authenticated: 10 },
    };
    const open = reconcileBranches([base, ok]);
    expect(open).toMatchObject({ ok: true, value: { unreconciled: ['b3'] } });
    const decided = reconcileBranches(
      [base, ok],
      [
        {
          branchId: 'b3',
          code: 'RECONCILE_AUTHENTICATED',
          decision: 'explained',
          reason: 'a voter fainted after check-in; minutes attached',
          decidedBy: 'sup-1',
        },
      ],
    );
    expect(decided).toMatchObject({ ok: true, value: { unreconciled: [] } });
    expect(reconcileBranches([{ ...base, cast: -1 }])).toMatchObject({ ok: false });
  });
});
