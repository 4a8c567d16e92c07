import { beforeAll, describe, expect, it } from 'vitest';
import { demoManifest, runDemoElection } from './demoElection.js';
import type { DemoElection } from './demoElection.js';
import { verifyRecord } from './verifier.js';
import { failing, forgeBallot, reissue } from './testSupport.js';
import { encryptBallot } from './ballot.js';
import { sealShare } from './shareBox.js';
import { baseHash } from './context.js';
import { manifestHash } from './manifest.js';
import { messageFromSealed, proofToJson } from './ceremonyFormat.js';
import { parseElement, toHex } from './codec.js';
import { randomScalar } from './group.js';
import { createMember, receiveShares } from './ceremony.js';
import { ed25519KeyPair } from './symmetric.js';
import type { ElectionRecord, BranchRecord } from './record.js';
import type { EncryptedBallot } from './ballotFormat.js';
import type { MemberSecret } from './ceremony.js';

// 18 candidates and 16 seats, so an over-vote is the 17 selections; three branches.
const manifest = demoManifest({ candidates: 18, seats: 16, branches: 3, n: 3, k: 2 });
const day = '2024-05-10';
let demo: DemoElection;

const clone = (r: ElectionRecord): ElectionRecord => structuredClone<ElectionRecord>(r);
const withBranch = (
  r: ElectionRecord,
  id: string,
  f: (b: BranchRecord) => BranchRecord,
): ElectionRecord => ({
  ...r,
  branches: r.branches.map((b) => (b.branchId === id ? f(b) : b)),
});
const withoutShare = (s: MemberSecret): MemberSecret => ({
  profile: s.profile,
  manifestHash: s.manifestHash,
  index: s.index,
  n: s.n,
  k: s.k,
  coefficients: s.coefficients,
  transportSecret: s.transportSecret,
});
const verify = (r: ElectionRecord) => verifyRecord(r, { workers: 0 });

beforeAll(() => {
  const cast = [
    { branchId: 'b1', choices: [0, 1, 2] },
    { branchId: 'b1', choices: [] },
    { branchId: 'b1', choices: Array.from({ length: 16 }, (_, i) => i) },
    { branchId: 'b2', choices: [3] },
    { branchId: 'b2', choices: [4, 5] },
    { branchId: 'b3', choices: [17, 0] },
  ];
  demo = runDemoElection({
    manifest,
    cast,
    challenged: [{ branchId: 'b2', choices: [7] }],
    present: [1, 3],
  });
});

describe('verifier on an honest record', () => {
  it('passes every check and recovers the plain counts', async () => {
    const report = await verify(demo.record);
    expect(failing(report)).toEqual([]);
    expect(demo.record.result.counts).toEqual([
      3, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1,
    ]);
  });

  it('gives the same verdict when the ballot checks run in worker threads', async () => {
    const report = await verifyRecord(demo.record, { workers: 2 });
    expect(report.workers).toBe(2);
    expect(failing(report)).toEqual([]);
    const tampered = withBranch(clone(demo.record), 'b1', (b) => ({
      ...b,
      cast: b.cast.map((x, i) =>
        i === 0
          ? {
              ...x,
              selections: x.selections.map((s, j) =>
                j === 0 ? { ...s, beta: x.selections[1]?.beta ?? s.beta } : s,
              ),
            }
          : x,
      ),
    }));
    expect(failing(await verifyRecord(tampered, { workers: 2 }))).toContain('V7');
  });
});

describe('verifier catches tampering, naming the failing check', () => {
  // Exchanging two selections' ciphertexts keeps both decryptable and the ballot's sum unchanged.
  const swapCiphertext = (b: EncryptedBallot): EncryptedBallot => ({
    ...b,
    selections: b.selections.map((s, j) => {
      const other = b.selections[j === 0 ? 3 : j === 3 ? 0 : j];
      return other ? { ...s, alpha: other.alpha, beta: other.beta } : s;
    }),
  });

  it('a changed ciphertext fails V7 and V8 (every proof of a ballot is bound to all its ciphertexts)', async () => {
    const r = reissue(
      withBranch(clone(demo.record), 'b1', (b) => ({
        ...b,
        cast: b.cast.map((x, i) => (i === 0 ? swapCiphertext(x) : x)),
      })),
      demo.context,
      demo.secrets,
    );
    expect(failing(await verify(r))).toEqual(['V7', 'V8']);
  });

  it('a forged proof fails V7', async () => {
    const r = reissue(
      withBranch(clone(demo.record), 'b2', (b) => ({
        ...b,
        cast: b.cast.map((x, i) =>
          i === 0
            ? {
                ...x,
                selections: x.selections.map((s, j) =>
                  j === 2 ? { ...s, proof: { ...s.proof, v0: toHex(randomScalar()) } } : s,
                ),
              }
            : x,
        ),
      })),
      demo.context,
      demo.secrets,
    );
    expect(failing(await verify(r))).toEqual(['V7']);
  });

  it('a proof reused from another selection fails V7', async () => {
    const r = reissue(
      withBranch(clone(demo.record), 'b2', (b) => ({
        ...b,
        cast: b.cast.map((x, i) =>
          i === 0
            ? {
                ...x,
                selections: x.selections.map((s, j) =>
                  j === 1 ? { ...s, proof: x.selections[0]?.proof ?? s.proof } : s,
                ),
              }
            : x,
        ),
      })),
      demo.context,
      demo.secrets,
    );
    expect(failing(await verify(r))).toEqual(['V7']);
  });

  it('a selection copied with its proof from another ballot fails V7 (proofs are bound to their ballot)', async () => {
    const other = demo.record.branches[0]?.cast[0]?.selections[5];
    if (!other) throw new Error('fixture');
    const r = reissue(
      withBranch(clone(demo.record), 'b2', (b) => ({
        ...b,
        cast: b.cast.map((x, i) =>
          i === 0 ? { ...x, selections: x.selections.map((s, j) => (j === 5 ? other : s)) } : x,
        ),
      })),
      demo.context,
      demo.secrets,
    );
    // The copied selection changes the ballot's sum as well, so its range proof fails too.
    expect(failing(await verify(r))).toEqual(['V7', 'V8']);
  });

  it('an over-vote (17 selections with 16 seats) fails V8', async () => {
    const plain = Array.from({ length: 18 }, (_, i) => (i < 17 ? 1 : 0));
    const forged = forgeBallot(demo.context, 'b3', day, plain, [1, 1, 1, 1, 2]);
    const r = reissue(
      withBranch(clone(demo.record), 'b3', (b) => ({ ...b, cast: [...b.cast, forged] })),
      demo.context,
      demo.secrets,
    );
    expect(failing(await verify(r))).toEqual(['V8']);
  });

  it('a 2 in one selection fails V7', async () => {
    const plain = Array.from({ length: 18 }, (_, i) => (i === 9 ? 2 : 0));
    const forged = forgeBallot(demo.context, 'b3', day, plain, [0, 1, 0, 0, 0]);
    const r = reissue(
      withBranch(clone(demo.record), 'b3', (b) => ({ ...b, cast: [...b.cast, forged] })),
      demo.context,
      demo.secrets,
    );
    expect(failing(await verify(r))).toEqual(['V7']);
  });

  it('a ballot dropped from a branch fails V11 and V13 (the signed report still has it)', async () => {
    const r = withBranch(clone(demo.record), 'b1', (b) => ({ ...b, cast: b.cast.slice(1) }));
    expect(failing(await verify(r))).toEqual(['V11', 'V13']);
  });

  it('a valid ballot added to a branch fails V11 and V13', async () => {
    const extra = encryptBallot(demo.context, { branchId: 'b1', day }, [4]).ballot;
    const r = withBranch(clone(demo.record), 'b1', (b) => ({ ...b, cast: [...b.cast, extra] }));
    expect(failing(await verify(r))).toEqual(['V11', 'V13']);
  });

  it('a ballot duplicated in a branch fails V6, even when the report is re-issued to match', async () => {
    const r = reissue(
      withBranch(clone(demo.record), 'b2', (b) => ({
        ...b,
        cast: [...b.cast, ...b.cast.slice(0, 1)],
      })),
      demo.context,
      demo.secrets,
    );
    expect(failing(await verify(r))).toEqual(['V6']);
    const unsigned = withBranch(clone(demo.record), 'b2', (b) => ({
      ...b,
      cast: [...b.cast, ...b.cast.slice(0, 1)],
    }));
    expect(failing(await verify(unsigned))).toEqual(['V6', 'V11', 'V13']);
  });

  it('a ballot moved between branches fails V5 as it is, V7/V8 with its branch rewritten, V11 against the signed report', async () => {
    const moved = demo.record.branches[0]?.cast[0];
    if (!moved) throw new Error('fixture');
    const move = (b2: EncryptedBallot): ElectionRecord =>
      reissue(
        {
          ...clone(demo.record),
          branches: demo.record.branches.map((b) =>
            b.branchId === 'b1'
              ? { ...b, cast: b.cast.slice(1) }
              : b.branchId === 'b2'
                ? { ...b, cast: [...b.cast, b2] }
                : b,
          ),
        },
        demo.context,
        demo.secrets,
      );
    expect(failing(await verify(move(moved)))).toEqual(['V5', 'V13']);
    expect(failing(await verify(move({ ...moved, branchId: 'b2' })))).toEqual(['V7', 'V8']);
    const signed = {
      ...clone(demo.record),
      branches: demo.record.branches.map((b) =>
        b.branchId === 'b1'
          ? { ...b, cast: b.cast.slice(1) }
          : b.branchId === 'b2'
            ? { ...b, cast: [...b.cast, moved] }
            : b,
      ),
    };
    expect(failing(await verify(signed))).toEqual(['V5', 'V11', 'V13']);
  });

  it('a whole branch dropped from the record, with the result re-decrypted to match, fails V11', async () => {
    const r = reissue(
      { ...clone(demo.record), branches: demo.record.branches.filter((b) => b.branchId !== 'b3') },
      demo.context,
      demo.secrets,
    );
    expect(failing(await verify(r))).toEqual(['V11']);
  });

  it('ballots stored in any order but by tracking code fail V11 (the order they were cast must not show, law 2)', async () => {
    const r = withBranch(clone(demo.record), 'b1', (b) => ({ ...b, cast: [...b.cast].reverse() }));
    expect(failing(await verify(r))).toEqual(['V11']);
  });

  it("a changed total in a branch report fails V13; in the result's totals, V14", async () => {
    const swapTotals = (t: { alpha: string; beta: string }[]) =>
      t.map((c, i) => (i === 0 ? (t[1] ?? c) : c));
    const r1 = withBranch(clone(demo.record), 'b2', (b) =>
      b.report
        ? {
            ...b,
            report: {
              ...b.report,
              tally: { ...b.report.tally, totals: swapTotals([...b.report.tally.totals]) },
            },
          }
        : b,
    );
    expect(failing(await verify(r1))).toContain('V13');
    const r2 = clone(demo.record);
    const r2b = { ...r2, result: { ...r2.result, totals: swapTotals([...r2.result.totals]) } };
    expect(failing(await verify(r2b))).toContain('V14');
  });

  it('a bad partial decryption fails V15', async () => {
    const r = clone(demo.record);
    const partials = r.result.partials.map((p, i) =>
      i === 0
        ? {
            ...p,
            shares: p.shares.map((s, c) => (c === 0 ? { ...s, m: p.shares[1]?.m ?? s.m } : s)),
          }
        : p,
    );
    expect(failing(await verify({ ...r, result: { ...r.result, partials } }))).toEqual([
      'V15',
      'V16',
    ]);
  });

  it('too few members decrypting fails V15', async () => {
    const r = clone(demo.record);
    expect(
      failing(
        await verify({
          ...r,
          result: { ...r.result, present: [1], partials: r.result.partials.slice(0, 1) },
        }),
      ),
    ).toContain('V15');
  });

  it('a wrong result fails V16', async () => {
    const r = clone(demo.record);
    const counts = r.result.counts.map((c, i) => (i === 0 ? c + 1 : i === 1 ? c - 1 : c));
    expect(failing(await verify({ ...r, result: { ...r.result, counts } }))).toEqual(['V16']);
  });

  it('a challenged ballot that is also counted fails V10', async () => {
    const spoiled = demo.record.branches.find((b) => b.branchId === 'b2')?.challenged[0]?.ballot;
    if (!spoiled) throw new Error('fixture');
    const r = reissue(
      withBranch(clone(demo.record), 'b2', (b) => ({ ...b, cast: [...b.cast, spoiled] })),
      demo.context,
      demo.secrets,
    );
    expect(failing(await verify(r))).toEqual(['V10']);
  });

  it('a challenged ballot whose opening does not match fails V9', async () => {
    const r = withBranch(clone(demo.record), 'b2', (b) => ({
      ...b,
      challenged: b.challenged.map((c) => ({ ...c, reveal: { ...c.reveal, choices: [8] } })),
    }));
    expect(failing(await verify(r))).toEqual(['V9']);
  });

  it('a bad share in the ceremony, proven by complaint, fails V3', async () => {
    const { announcements, shares } = demo.record.ceremony;
    const hb = baseHash(manifestHash(manifest), 3, 2);
    const victim = announcements.find((a) => a.index === 2);
    if (!victim) throw new Error('fixture');
    const bad = messageFromSealed(
      1,
      2,
      sealShare(hb, 1, 2, parseElement(victim.transportKey), randomScalar()),
    );
    const tamperedShares = shares.map((s) => (s.from === 1 && s.to === 2 ? bad : s));
    const secret = demo.secrets[1];
    if (!secret) throw new Error('fixture');
    const beforeShares = withoutShare(secret);
    const got = receiveShares(
      manifest,
      beforeShares,
      announcements,
      tamperedShares.filter((s) => s.to === 2),
    );
    expect(got.complaints.map((c) => [c.from, c.to])).toEqual([[1, 2]]);
    const r = clone(demo.record);
    const report = await verify({
      ...r,
      ceremony: { ...r.ceremony, shares: tamperedShares, complaints: got.complaints },
    });
    expect(failing(report)).toEqual(['V3']);
  });

  it('an announcement other than the one committed to fails V18 (the commit round)', async () => {
    // Member 3 committed to one announcement and revealed another (key bias: choosing its
    // polynomial after seeing the others'). Only the commitment is swapped here, so that
    // nothing but the commit round can catch it.
    const r = clone(demo.record);
    const other = createMember(manifest, 3).commitment;
    const swapped = r.ceremony.commitments.map((c) => (c.index === 3 ? other : c));
    const report = await verify({ ...r, ceremony: { ...r.ceremony, commitments: swapped } });
    expect(failing(report)).toEqual(['V18']);
    expect(report.checks.find((c) => c.id === 'V18')?.failures).toEqual([
      'member 3: announcement is not the one committed to',
    ]);
  });

  it('a missing, doubled or foreign commitment fails V18', async () => {
    const r = clone(demo.record);
    const { commitments } = r.ceremony;
    const without = commitments.filter((c) => c.index !== 2);
    const doubled = [...commitments, ...commitments.filter((c) => c.index === 1)];
    const foreign = [...commitments, { index: 9, digest: commitments[0]?.digest ?? '' }];
    const moved = commitments.map((c) => ({ ...c, index: c.index === 1 ? 2 : 1 }));
    for (const list of [without, doubled, foreign, moved, []])
      expect(
        failing(await verify({ ...r, ceremony: { ...r.ceremony, commitments: list } })),
      ).toEqual(['V18']);
  });

  it('an unfounded complaint leaves the ceremony valid', async () => {
    const secret = demo.secrets[1];
    if (!secret) throw new Error('fixture');
    // Member 2 falsely accuses member 1 over a share that was good: the public evidence clears member 1.
    const { shares, announcements } = demo.record.ceremony;
    const s2 = withoutShare(secret);
    const forcedBad = receiveShares(
      manifest,
      s2,
      announcements,
      shares
        .filter((s) => s.to === 2)
        .map((s) => (s.from === 1 ? { ...s, ciphertext: s.ciphertext } : s)),
    );
    expect(forcedBad.complaints).toEqual([]);
    const r = clone(demo.record);
    const fake = {
      from: 1,
      to: 2,
      dh: announcements[0]?.transportKey ?? '',
      proof: proofToJson({ c: randomScalar(), v: randomScalar() }),
    };
    expect(
      failing(await verify({ ...r, ceremony: { ...r.ceremony, complaints: [fake] } })),
    ).toEqual([]);
  });

  it('a report not signed by the branch key fails V12', async () => {
    const key = ed25519KeyPair();
    const m = {
      ...manifest,
      branches: manifest.branches.map((b) =>
        b.id === 'b1' ? { ...b, reportKeys: [toHex(key.publicKey)] } : b,
      ),
    };
    const signed = runDemoElection({
      manifest: m,
      cast: [{ branchId: 'b1', choices: [1] }],
      signers: new Map([['b1', [key]]]),
    });
    expect(failing(await verify(signed.record))).toEqual([]);
    const stranger = ed25519KeyPair();
    const forged = runDemoElection({
      manifest: m,
      cast: [{ branchId: 'b1', choices: [1] }],
      signers: new Map([['b1', [stranger]]]),
    });
    expect(failing(await verify(forged.record))).toEqual(['V12']);
  });

  it('a record from another election fails V1/V4 and verifies no ballot', async () => {
    const r = clone(demo.record);
    const report = await verify({ ...r, manifest: { ...r.manifest, seats: 15 } });
    expect(failing(report)).toContain('V1');
  });

  it('malformed input is reported, never thrown', async () => {
    const r = clone(demo.record);
    const broken = withBranch(r, 'b1', (b) => ({
      ...b,
      cast: [
        { ...b.cast[0], selections: 'nope' } as unknown as EncryptedBallot,
        ...b.cast.slice(1),
      ],
    }));
    const report = await verify(broken);
    expect(failing(report)).toContain('V5');
  });
});
