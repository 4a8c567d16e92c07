import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { demoManifest, runDemoElection } from './demoElection.js';
import { combineDecryption, DecryptionError, partialDecrypt } from './decryption.js';
import { combinePartials, partialDecryptionFault } from './decryptionFormat.js';
import { jointCommitments, publicShareKey } from './ceremonyFormat.js';
import { canonicalJson } from './jcs.js';
import { tallyOfRecord, tallyOfReports } from './recordTally.js';
import { readBranchReports, writeRecord } from './recordFiles.js';
import { ciphertextFromJson } from './elgamal.js';
import { parseElement } from './codec.js';
import { baseMul, elementEquals, scalarFromInt } from './group.js';
import type { Element } from './group.js';
import { TallyAccumulator } from './tally.js';
import { DiscreteLog } from './dlog.js';
import { encryptBallot } from './ballot.js';

const election = fc
  .record({
    candidates: fc.integer({ min: 1, max: 4 }),
    seats: fc.integer({ min: 1, max: 3 }),
    n: fc.integer({ min: 1, max: 4 }),
  })
  .chain(({ candidates, seats, n }) =>
    fc.record({
      candidates: fc.constant(candidates),
      seats: fc.constant(seats),
      n: fc.constant(n),
      k: fc.integer({ min: 1, max: n }),
      ballots: fc.array(
        fc.record({
          branch: fc.integer({ min: 1, max: 2 }),
          choices: fc.uniqueArray(fc.integer({ min: 0, max: candidates - 1 }), {
            maxLength: Math.min(seats, candidates),
          }),
        }),
        { maxLength: 6 },
      ),
      presentSeed: fc.integer(),
    }),
  );

describe('encrypt → tally → decrypt', () => {
  test.prop([election], { numRuns: 12 })(
    'recovers the plain counts with any k of the n members',
    (e) => {
      const manifest = demoManifest({
        candidates: e.candidates,
        seats: e.seats,
        branches: 2,
        n: e.n,
        k: e.k,
      });
      const members = Array.from({ length: e.n }, (_, i) => i + 1);
      const present = [...members]
        .sort((a, b) => ((a * 7919 + e.presentSeed) % 13) - ((b * 7919 + e.presentSeed) % 13))
        .slice(0, e.k);
      const demo = runDemoElection({
        manifest,
        cast: e.ballots.map((b) => ({ branchId: `b${b.branch}`, choices: b.choices })),
        present,
      });
      const plain = Array.from(
        { length: e.candidates },
        (_, c) => e.ballots.filter((b) => b.choices.includes(c)).length,
      );
      expect(demo.record.result.counts).toEqual(plain);
      expect(demo.record.result.ballotCount).toBe(e.ballots.length);
    },
  );

  it('k − 1 members cannot decrypt: combining them misses g^t, and the combiner refuses', () => {
    const manifest = demoManifest({ candidates: 2, seats: 1, branches: 1, n: 5, k: 3 });
    const demo = runDemoElection({
      manifest,
      cast: [
        { branchId: 'b1', choices: [0] },
        { branchId: 'b1', choices: [0] },
      ],
      present: [2, 4, 5],
    });
    const tally = {
      ballotCount: demo.record.result.ballotCount,
      totals: demo.record.result.totals,
    };
    const partials = [1, 2].map((i) => {
      const s = demo.secrets[i - 1];
      if (!s) throw new Error('fixture');
      return partialDecrypt(demo.context, s, tally);
    });
    expect(() =>
      combineDecryption(
        demo.context,
        manifest.contestId,
        demo.record.ceremony.announcements,
        tally,
        partials,
      ),
    ).toThrow(DecryptionError);
    const ct = ciphertextFromJson(tally.totals[0] ?? { alpha: '', beta: '' });
    const shares = new Map<number, Element>(
      partials.map((p) => [p.index, parseElement(p.shares[0]?.m ?? '')]),
    );
    const guess = combinePartials(ct, [1, 2], shares);
    for (let t = 0; t <= 2; t++)
      expect(elementEquals(guess, baseMul(scalarFromInt(t)))).toBe(false);
  });

  it('accumulates one ballot at a time and combines accumulators (branch → zone)', () => {
    const manifest = demoManifest({ candidates: 3, seats: 2, branches: 2, n: 1, k: 1 });
    const demo = runDemoElection({ manifest, cast: [{ branchId: 'b1', choices: [1] }] });
    const ballots = [[0], [0, 2], []].map(
      (c) => encryptBallot(demo.context, { branchId: 'b1', day: '2024-05-10' }, c).ballot,
    );
    const a = new TallyAccumulator(3).addBallot(ballots[0] ?? ballots[1] ?? (undefined as never));
    const b = new TallyAccumulator(3);
    for (const x of ballots.slice(1)) b.addBallot(x);
    const zone = new TallyAccumulator(3).merge(a).merge(b);
    const whole = TallyAccumulator.fromJson(zone.toJson());
    expect(whole.ballotCount).toBe(3);
    const secret = demo.secrets[0];
    if (!secret) throw new Error('fixture');
    const t = whole.toJson();
    const result = combineDecryption(
      demo.context,
      manifest.contestId,
      demo.record.ceremony.announcements,
      t,
      [partialDecrypt(demo.context, secret, t)],
    );
    expect(result.counts).toEqual([2, 0, 1]);
  });
});

describe('discrete log of a count', () => {
  test.prop([fc.integer({ min: 0, max: 5000 })], { numRuns: 15 })(
    'finds t ≤ bound and nothing above it',
    (t) => {
      const d = new DiscreteLog(5000);
      expect(d.solve(baseMul(scalarFromInt(t)))).toBe(t);
      expect(new DiscreteLog(t === 0 ? 0 : t - 1).solve(baseMul(scalarFromInt(t)))).toBe(
        t === 0 ? 0 : null,
      );
    },
  );
});

describe('the totals a partial decryption is of', () => {
  it('are the same from the signed reports alone as from every ballot (tallyOfReports ≡ tallyOfRecord)', async () => {
    const manifest = demoManifest({ candidates: 3, seats: 2, branches: 3, n: 2, k: 2 });
    const demo = runDemoElection({
      manifest,
      cast: [
        { branchId: 'b1', choices: [0] },
        { branchId: 'b1', choices: [1, 2] },
        { branchId: 'b3', choices: [] },
      ],
    });
    const fromBallots = tallyOfRecord(demo.record);
    if (!fromBallots.ok) throw new Error('fixture');
    const dir = mkdtempSync(join(tmpdir(), 'sandogh-reports-'));
    try {
      await writeRecord(dir, demo.record);
      const reports = await readBranchReports(dir);
      expect(reports.map((r) => r.branchId)).toEqual(['b1', 'b2', 'b3']);
      const fromReports = tallyOfReports(3, reports);
      expect(canonicalJson(fromReports)).toBe(
        canonicalJson({ tally: fromBallots.tally, branches: fromBallots.branches }),
      );
      // A member's partial of those totals passes; one share of another total does not.
      const [s1, s2] = demo.secrets;
      if (s1 === undefined || s2 === undefined) throw new Error('fixture');
      const shareKey = publicShareKey(jointCommitments(demo.record.ceremony.announcements, 2), 1);
      const partial = partialDecrypt(demo.context, s1, fromReports.tally);
      const { extendedHash } = demo.context;
      const totals = fromReports.tally.totals;
      expect(partialDecryptionFault(extendedHash, shareKey, totals, partial)).toBeUndefined();
      const other = partialDecrypt(demo.context, s2, fromReports.tally);
      expect(partialDecryptionFault(extendedHash, shareKey, totals, other)).toMatch(/0, 1, 2/);
      const short = { ...partial, shares: partial.shares.slice(1) };
      expect(partialDecryptionFault(extendedHash, shareKey, totals, short)).toMatch(/3 shares/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
