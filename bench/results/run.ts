// The results bar (DESIGN §7 "Results", issue 7), each figure beside a reference measured in the
// same run — the bare libsodium group operations the step needs, done raw in a loop:
//   node --import tsx bench/results/run.ts            (BRANCHES_MEASURED=60 RECOUNT_BALLOTS=200)
//
// A. From the last branch's tally report to the published, proof-carrying result of a
//    Tehran-sized election: 2,874 branches, 3,000,000 ballots, 32 candidates, board n = 5, k = 3.
//    The branches' encrypted totals are SYNTHESIZED (encryptions of counts summing to 3 M), not
//    made from 3 M cast ballots: the running totals are kept as ballots arrive, so what remains
//    after the last report is the constituency sum, the threshold decryption of the constituency
//    and of every branch (k partial decryptions with proofs, their check, the discrete logs), the
//    result's computation and its files. Per-branch decryption is measured on BRANCHES_MEASURED
//    branches and scaled to 2,874 (stated in the output).
// B. A from-scratch recount of 3 M ballots: every cast ballot's ciphertexts summed again
//    (RecountAccumulator, the crypto package's public API) and the sum decrypted. Measured on
//    RECOUNT_BALLOTS real 32-candidate ballots and scaled to 3 M on 2 cores.
import sodium from 'libsodium-wrappers-sumo';
import { availableParallelism } from 'node:os';
import {
  ciphertextToJson,
  combineDecryption,
  demoManifest,
  DiscreteLog,
  encrypt,
  encryptBallot,
  partialDecrypt,
  randomScalar,
  RecountAccumulator,
  runDemoElection,
  scalarFromInt,
  TallyAccumulator,
  type EncryptedTally,
} from '../../packages/crypto/src/index.js';
import {
  computeResults,
  nistElectionReport,
  resultsCsv,
  sampleDefinition,
  canonicalHash,
} from '../../packages/core/src/index.js';

await sodium.ready;
const BRANCHES = 2874;
const BALLOTS = 3_000_000;
const CANDIDATES = 32;
const K = 3;
const MEASURED = Number(process.env['BRANCHES_MEASURED'] ?? 60);
const RECOUNT = Number(process.env['RECOUNT_BALLOTS'] ?? 200);
const CORES = Math.min(2, availableParallelism());

const manifest = demoManifest({ candidates: CANDIDATES, seats: 16, branches: 1, n: 5, k: K });
const setup = runDemoElection({ manifest, cast: [] });
const ctx = setup.context;
const secrets = setup.secrets.slice(0, K);
const announcements = setup.record.ceremony.announcements;
const contestId = manifest.contestId;

/** Raw libsodium: n variable-base and m fixed-base scalar multiplications, and a additions. */
function bare(varMuls: number, baseMuls: number, adds = 0): number {
  const s = sodium.crypto_core_ristretto255_scalar_random();
  let p = sodium.crypto_scalarmult_ristretto255_base(s);
  const t = performance.now();
  for (let i = 0; i < varMuls; i++) p = sodium.crypto_scalarmult_ristretto255(s, p);
  for (let i = 0; i < baseMuls; i++) sodium.crypto_scalarmult_ristretto255_base(s);
  for (let i = 0; i < adds; i++) p = sodium.crypto_core_ristretto255_add(p, p);
  return performance.now() - t;
}

function branchTally(ballots: number): EncryptedTally {
  return {
    ballotCount: ballots,
    totals: Array.from({ length: CANDIDATES }, (_, c) =>
      ciphertextToJson(
        encrypt(
          ctx.jointKey,
          scalarFromInt(Math.floor((ballots * ((c * 37) % 32)) / 31)),
          randomScalar(),
        ),
      ),
    ),
  };
}

// ---- A. last tally report → published result ----------------------------------------------
const perBranch = Math.round(BALLOTS / BRANCHES);
process.stdout.write(`synthesizing ${BRANCHES} branch totals (not timed)…\n`);
const tallies = Array.from({ length: BRANCHES }, () => branchTally(perBranch));

let t = performance.now();
const acc = new TallyAccumulator(CANDIDATES);
for (const b of tallies) acc.addTally(b);
const constituency = acc.toJson();
const sumMs = performance.now() - t;
const sumBare = bare(0, 0, 2 * CANDIDATES * BRANCHES);

t = performance.now();
const cParts = secrets.map((s) => partialDecrypt(ctx, s, constituency));
const cResult = combineDecryption(ctx, contestId, announcements, constituency, cParts);
const constituencyMs = performance.now() - t;

const branchDlog = new DiscreteLog(perBranch, CANDIDATES);
t = performance.now();
for (const b of tallies.slice(0, MEASURED)) {
  const parts = secrets.map((s) => partialDecrypt(ctx, s, b));
  combineDecryption(ctx, contestId, announcements, b, parts, branchDlog);
}
const branchMs = ((performance.now() - t) / MEASURED) * BRANCHES;
// Per ciphertext and member: the share A^s, the proof's g^r and A^r; its check g^v·S^c, A^v·M^c.
const shares = MEASURED * CANDIDATES * K;
const branchBare = (bare(shares * 4, shares * 1) / MEASURED) * BRANCHES;

// The result itself, on the sample definition scaled to 2,874 branches' counts.
const definition = sampleDefinition({ branches: 50, candidates: CANDIDATES, seats: 16 });
t = performance.now();
const computed = computeResults(definition, {
  branchCounts: definition.branches.map((b) => ({
    branchId: b.id,
    votes: definition.candidates.map((c, i) => ({ code: c.code, votes: (i * 7) % 100 })),
    blankBallots: 1,
    ballotsCast: 100,
  })),
  registeredVoters: 7_000_000,
  unreconciledBranches: [],
});
if (!computed.ok) throw new Error('compute');
const input = {
  definition,
  results: computed.value,
  winners: null,
  state: computed.value.state,
  version: { number: 1, hash: '0'.repeat(64), correction: false },
  resultsHash: canonicalHash(computed.value),
  generatedAt: new Date().toISOString(),
};
nistElectionReport(input);
resultsCsv(input);
const exportMs = ((performance.now() - t) / 50) * BRANCHES;

const totalA = sumMs + constituencyMs + branchMs / CORES + exportMs;
const bareA = sumBare + branchBare / CORES;

// ---- B. recount from scratch ----------------------------------------------------------------
process.stdout.write(`encrypting ${RECOUNT} ballots (not timed)…\n`);
const ballots = Array.from(
  { length: RECOUNT },
  (_, i) =>
    encryptBallot(
      ctx,
      { branchId: manifest.branches[0]?.id ?? '0001', day: manifest.days[0] ?? '2024-05-10' },
      [i % 32, (i * 5 + 1) % 32],
    ).ballot,
);
t = performance.now();
const rec = new RecountAccumulator(CANDIDATES);
for (const b of ballots) rec.addBallot(b);
rec.toJson();
const recountPerBallot = (performance.now() - t) / RECOUNT;
// Per ballot: 32 ciphertexts of 2 elements added to the running sum (decoding is part of it).
const recountBare = bare(0, 0, 2 * CANDIDATES * RECOUNT) / RECOUNT;
const recountMin = (recountPerBallot * BALLOTS) / CORES / 60_000 + constituencyMs / 60_000;
const recountBareMin = (recountBare * BALLOTS) / CORES / 60_000;

const f = (ms: number) => (ms / 1000).toFixed(1);
console.log(
  `\nA. last tally report → published result (${BRANCHES} branches, ${BALLOTS.toLocaleString('en')} ballots, k = ${K}; branch totals synthesized)`,
);
console.log(
  `  sum of branch totals         ${f(sumMs)} s   (bare ${2 * CANDIDATES * BRANCHES} additions ${f(sumBare)} s)`,
);
console.log(
  `  constituency decryption      ${f(constituencyMs)} s   (counts ${cResult.counts.slice(0, 3).join(', ')}…)`,
);
console.log(
  `  per-branch decryption        ${f(branchMs)} s one core, from ${MEASURED} branches scaled ×${(BRANCHES / MEASURED).toFixed(1)} (bare ${f(branchBare)} s)`,
);
console.log(`  results + NIST + CSV         ${f(exportMs)} s (scaled from 50 branches)`);
console.log(
  `  total on ${CORES} cores          ${f(totalA)} s vs bare ${f(bareA)} s → ratio ${(totalA / bareA).toFixed(2)}; goal ≤ 60 s: ${totalA <= 60_000 ? 'met' : 'NOT met'}`,
);
console.log(
  `\nB. recount of ${BALLOTS.toLocaleString('en')} ballots from scratch (${RECOUNT} real ballots measured, scaled)`,
);
console.log(
  `  accumulate                   ${recountPerBallot.toFixed(3)} ms/ballot vs bare ${recountBare.toFixed(3)} ms → ratio ${(recountPerBallot / recountBare).toFixed(2)}`,
);
console.log(
  `  3 M on ${CORES} cores + decryption  ${recountMin.toFixed(1)} min vs bare ${recountBareMin.toFixed(1)} min; goal < 10 min: ${recountMin < 10 ? 'met' : 'NOT met'}`,
);
