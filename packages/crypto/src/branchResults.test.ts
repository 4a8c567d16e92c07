import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { demoManifest, runDemoElection } from './demoElection.js';
import type { DemoElection } from './demoElection.js';
import { verifyRecord } from './verifier.js';
import { failing } from './testSupport.js';
import { tallyOfRecord } from './recordTally.js';
import { recountBallots } from './recount.js';
import { branchesToDecrypt, combineBranches, partialDecryptBranches } from './decryption.js';
import { isIdentityTotals } from './decryptionFormat.js';
import type { BranchResult } from './decryptionFormat.js';
import { baseMul, IDENTITY, scalarFromInt } from './group.js';
import { toHex } from './codec.js';
import type { ElectionRecord } from './record.js';

// Results per branch (V17) with the identity shortcut (docs/CRYPTO.md §9.2): b3 gets no ballot,
// so its totals are the identity pair and it is published as 0 with no partials nor proofs.
const manifest = demoManifest({ candidates: 4, seats: 2, branches: 3, n: 3, k: 2 });
let demo: DemoElection;
let record: ElectionRecord;

const verify = (r: ElectionRecord) => verifyRecord(r, { workers: 0 });
const withBranchResult = (
  r: ElectionRecord,
  id: string,
  f: (b: BranchResult) => BranchResult,
): ElectionRecord => ({
  ...r,
  result: {
    ...r.result,
    branches: (r.result.branches ?? []).map((b) => (b.branchId === id ? f(b) : b)),
  },
});
const failuresOf = async (r: ElectionRecord) =>
  (await verify(r)).checks.find((c) => c.id === 'V17')?.failures ?? [];

beforeAll(() => {
  demo = runDemoElection({
    manifest,
    cast: [
      { branchId: 'b1', choices: [0, 1] },
      { branchId: 'b1', choices: [2] },
      { branchId: 'b2', choices: [1] },
    ],
    present: [1, 3],
  });
  const summed = tallyOfRecord(demo.record);
  if (!summed.ok) throw new Error('the demo record does not sum');
  const secrets = [demo.secrets[0], demo.secrets[2]].flatMap((s) => (s ? [s] : []));
  const perMember = secrets.map((s) => partialDecryptBranches(demo.context, s, summed.branches));
  const branches = combineBranches(
    demo.context,
    manifest.contestId,
    demo.record.ceremony.announcements,
    summed.branches,
    (id) => perMember.flatMap((m) => m.find((x) => x.branchId === id)?.partial ?? []),
  );
  record = { ...demo.record, result: { ...demo.record.result, branches } };
});

describe('identity totals (branches without ballots)', () => {
  it('are recognised: the identity pair only', () => {
    const id = toHex(IDENTITY);
    expect(isIdentityTotals([{ alpha: id, beta: id }])).toBe(true);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.boolean(), (t, inAlpha) => {
        const other = toHex(baseMul(scalarFromInt(t)));
        const ct = inAlpha ? { alpha: other, beta: id } : { alpha: id, beta: other };
        return !isIdentityTotals([{ alpha: id, beta: id }, ct]);
      }),
      { numRuns: 50 },
    );
    expect(isIdentityTotals([{ alpha: 'zz', beta: id }])).toBe(false);
  });

  it('need no partial decryption: the builder skips them and publishes 0 without proofs', async () => {
    const summed = tallyOfRecord(demo.record);
    if (!summed.ok) throw new Error('the demo record does not sum');
    expect(branchesToDecrypt(summed.branches).map((b) => b.branchId)).toEqual(['b1', 'b2']);
    // A branch without ballots is summed without the recount module: the same identity pair.
    expect(summed.branches.find((b) => b.branchId === 'b3')?.tally).toEqual(recountBallots(4, []));
    expect(isIdentityTotals(recountBallots(4, []).totals)).toBe(true);
    const b3 = record.result.branches?.find((b) => b.branchId === 'b3');
    expect(b3).toEqual({
      branchId: 'b3',
      ballotCount: 0,
      counts: [0, 0, 0, 0],
      present: [],
      partials: [],
    });
    expect(record.result.branches?.find((b) => b.branchId === 'b1')?.partials).toHaveLength(2);
    const report = await verify(record);
    expect(failing(report)).toEqual([]);
    expect(record.result.counts).toEqual([1, 2, 1, 0]);
  });

  it('an identity total published with a count other than 0 fails V17', async () => {
    const forged = withBranchResult(record, 'b3', (b) => ({ ...b, counts: [1, 0, 0, 0] }));
    // Taken from b1 so that the branches still add up: only the identity rule catches it.
    const moved = withBranchResult(forged, 'b1', (b) => ({
      ...b,
      counts: b.counts.map((t, c) => (c === 0 ? t - 1 : t)),
    }));
    const report = await verify(moved);
    expect(failing(report)).toContain('V17');
    expect(await failuresOf(moved)).toContainEqual(
      'b3: identity totals (no ballots) published with counts other than 0',
    );
  });

  it('an identity total published with partials fails V17', async () => {
    const partials = record.result.branches?.find((b) => b.branchId === 'b1')?.partials ?? [];
    const padded = withBranchResult(record, 'b3', (b) => ({ ...b, present: [1, 3], partials }));
    expect(failing(await verify(padded))).toEqual(['V17']);
  });

  it('a total other than the identity claimed without proofs fails V17 (and V15)', async () => {
    const bare = withBranchResult(record, 'b2', (b) => ({ ...b, present: [], partials: [] }));
    const report = await verify(bare);
    expect(failing(report)).toEqual(expect.arrayContaining(['V15', 'V17']));
    expect(await failuresOf(bare)).toContainEqual(
      'b2: totals other than the identity published without partial decryptions',
    );
  });

  it('a missing result for an empty branch still fails V17', async () => {
    const without = {
      ...record,
      result: {
        ...record.result,
        branches: (record.result.branches ?? []).filter((b) => b.branchId !== 'b3'),
      },
    };
    expect(failing(await verify(without))).toEqual(['V17']);
  });
});
