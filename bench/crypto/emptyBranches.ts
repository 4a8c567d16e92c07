// Results per branch when most branches received no ballot (docs/CRYPTO.md §9.2, V17): branches
// whose totals are the identity pair get no partial decryption nor proof. Measured side by side
// with the reference — every branch decrypted with proofs, as before — on the demo's shape:
// 32 candidates, a board of n = 5 with k = 3, a few branches with ballots and the rest empty.
//   BRANCHES=300 WITH_BALLOTS=8 node --import tsx bench/crypto/emptyBranches.ts
import {
  branchesToDecrypt,
  combineBranches,
  combineDecryption,
  demoManifest,
  jointCommitments,
  partialDecrypt,
  partialDecryptBranches,
  partialDecryptionFault,
  publicShareKey,
  runDemoElection,
  tallyOfRecord,
  verifyRecord,
  type PartialDecryption,
} from '../../packages/crypto/src/index.js';

const BRANCHES = Number(process.env['BRANCHES'] ?? 300);
const WITH = Number(process.env['WITH_BALLOTS'] ?? 8);
const manifest = demoManifest({ candidates: 32, seats: 16, branches: BRANCHES, n: 5, k: 3 });
const cast = Array.from({ length: WITH * 2 }, (_, i) => ({
  branchId: `b${(i % WITH) + 1}`,
  choices: [i % 32, (i * 7 + 3) % 32],
}));
const demo = runDemoElection({ manifest, cast, present: [1, 2, 3] });
const ctx = demo.context;
const { contestId } = manifest;
const { announcements } = demo.record.ceremony;
const summed = tallyOfRecord(demo.record);
if (!summed.ok) throw new Error('the record does not sum');
const branches = summed.branches;
const secrets = demo.secrets.slice(0, 3);
const empty = branches.length - branchesToDecrypt(branches).length;

// Decryption (`ceremony decrypt` for 3 members, then `combine`).
let t = performance.now();
const perMember = secrets.map((s) => partialDecryptBranches(ctx, s, branches));
const byBranch = new Map<string, PartialDecryption[]>();
for (const m of perMember)
  for (const x of m) byBranch.set(x.branchId, [...(byBranch.get(x.branchId) ?? []), x.partial]);
const results = combineBranches(
  ctx,
  contestId,
  announcements,
  branches,
  (id) => byBranch.get(id) ?? [],
);
const newDecrypt = performance.now() - t;

t = performance.now();
const refPartials = secrets.map((s) => branches.map((b) => partialDecrypt(ctx, s, b.tally)));
branches.forEach((b, i) =>
  combineDecryption(
    ctx,
    contestId,
    announcements,
    b.tally,
    refPartials.flatMap((p) => p[i] ?? []),
  ),
);
const refDecrypt = performance.now() - t;

// Verifier: the whole record with the shortcut, against the same plus the proof checks the
// verifier made for every empty branch before (V15: 3 members × 32 shares each).
const record = { ...demo.record, result: { ...demo.record.result, branches: results } };
t = performance.now();
const report = await verifyRecord(record, { workers: 0 });
const newVerify = performance.now() - t;
if (!report.ok) throw new Error('the record does not verify');
const joint = jointCommitments(announcements, manifest.board.k);
t = performance.now();
branches.forEach((b, i) => {
  if (branchesToDecrypt([b]).length > 0) return;
  for (const p of refPartials) {
    const partial = p[i];
    if (partial === undefined) continue;
    if (
      partialDecryptionFault(
        ctx.extendedHash,
        publicShareKey(joint, partial.index),
        b.tally.totals,
        partial,
      )
    )
      throw new Error('a reference proof does not verify');
  }
});
const skipped = performance.now() - t;

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
console.log(`${branches.length} branches, ${empty} without ballots, 32 candidates, k = 3`);
console.log(
  `decrypt + combine per branch: ${s(newDecrypt)}; reference (every branch with proofs) ${s(refDecrypt)}; ratio ${(newDecrypt / refDecrypt).toFixed(3)}`,
);
console.log(
  `verifier, whole record (workers 0): ${s(newVerify)}; reference (+ the ${empty * 3 * 32} proofs of the empty branches, ${s(skipped)}) ${s(newVerify + skipped)}; ratio ${(newVerify / (newVerify + skipped)).toFixed(3)}`,
);
