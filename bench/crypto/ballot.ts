// Voting-device and verifier benchmarks for docs/CRYPTO.md and bench/crypto/RESULTS.md (DESIGN §7):
//   node --import tsx bench/crypto/ballot.ts
// Every figure is reported beside a reference measured in the same run: the bare libsodium group
// operations that the measured work needs, done raw in a loop.
import sodium from 'libsodium-wrappers-sumo';
import { availableParallelism } from 'node:os';
import {
  demoManifest,
  encryptBallot,
  limitWeights,
  runDemoElection,
  TallyAccumulator,
  verifyRecord,
} from '../../packages/crypto/src/index.js';

await sodium.ready;
const CANDIDATES = 32;
const SEATS = 16;
const BALLOTS = Number(process.env['BALLOTS'] ?? 240);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

/** Median of the runs: robust to the other processes sharing this machine. */
function timeEach(runs: number, fn: () => unknown): number {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    samples.push(performance.now() - t);
  }
  return median(samples);
}

const raw = {
  scalars: Array.from({ length: 64 }, () => sodium.crypto_core_ristretto255_scalar_random()),
  point: sodium.crypto_scalarmult_ristretto255_base(
    sodium.crypto_core_ristretto255_scalar_random(),
  ),
};
/** The same count of fixed-base, variable-base multiplications and additions, done raw. */
function bareOps(baseMuls: number, varMuls: number, adds: number): void {
  let p = raw.point;
  for (let i = 0; i < baseMuls; i++)
    p = sodium.crypto_scalarmult_ristretto255_base(raw.scalars[i % 64] as Uint8Array);
  for (let i = 0; i < varMuls; i++)
    p = sodium.crypto_scalarmult_ristretto255(raw.scalars[i % 64] as Uint8Array, raw.point);
  for (let i = 0; i < adds; i++) p = sodium.crypto_core_ristretto255_add(p, raw.point);
}

console.log(
  `# Sandogh crypto bench — ${new Date().toISOString()}, node ${process.version}, ${availableParallelism()} cores\n`,
);

// ---- 1. Ballot encryption -----------------------------------------------------------------
const manifest = demoManifest({ candidates: CANDIDATES, seats: SEATS, branches: 8, n: 5, k: 3 });
const setup = runDemoElection({ manifest, cast: [] });
const ctx = setup.context;
const header = { branchId: 'b1', day: '2024-05-10' };
const full = Array.from({ length: SEATS }, (_, i) => i * 2);
for (let i = 0; i < 10; i++) encryptBallot(ctx, header, full);
const ciphertexts = CANDIDATES + limitWeights(SEATS).length;
// Per 0/1 ciphertext with its proof: g^r, g^w, g^u, g^(±c) fixed-base; K^r, K^w, K^u variable-base;
// one addition for the simulated commitment, one more where the bit is 1 (β = g·K^r).
const ones = SEATS + 1;
const encMs = timeEach(40, () => encryptBallot(ctx, header, full));
const bareEncMs = timeEach(40, () => {
  bareOps(4 * ciphertexts, 3 * ciphertexts, ciphertexts + ones);
});
const blankMs = timeEach(20, () => encryptBallot(ctx, header, []));
console.log('## Ballot encryption (one core)');
console.log('| measurement | ms | ratio |');
console.log('|---|---:|---:|');
console.log(
  `| encryptBallot, ${CANDIDATES} candidates, ${SEATS} selections, all proofs | ${encMs.toFixed(2)} | ${(encMs / bareEncMs).toFixed(2)} × bare |`,
);
console.log(
  `| encryptBallot, blank ballot | ${blankMs.toFixed(2)} | ${(blankMs / bareEncMs).toFixed(2)} × bare |`,
);
console.log(
  `| bare: ${4 * ciphertexts} fixed-base + ${3 * ciphertexts} variable-base mults + ${ciphertexts + ones} adds | ${bareEncMs.toFixed(2)} | 1.00 |`,
);
console.log(`| goal | 30 | ≤ 1.5 × bare |\n`);

// ---- 2. Verifier throughput ---------------------------------------------------------------
const votes = Array.from({ length: BALLOTS }, (_, i) => ({
  branchId: `b${(i % 8) + 1}`,
  choices: Array.from({ length: 32 }, (_, c) => c)
    .filter((c) => (c * 7 + i * 13) % 32 < i % 17)
    .slice(0, SEATS),
}));
const t0 = performance.now();
const election = runDemoElection({ manifest, cast: votes, present: [1, 2, 4] });
const buildS = (performance.now() - t0) / 1000;
const one = await verifyRecord(election.record, { workers: 0 });
const all = await verifyRecord(election.record, { workers: availableParallelism() });
if (!one.ok || !all.ok) throw new Error('bench record failed verification');
// Worker start-up (loading tsx and libsodium in each thread) measured on a one-ballot record.
const tiny = runDemoElection({ manifest, cast: votes.slice(0, 2) });
const startup = await verifyRecord(tiny.record, { workers: availableParallelism() });
const allSteady = all.milliseconds - startup.milliseconds;
// Per ballot, per 0/1 proof: 2 fixed-base and 6 variable-base multiplications, 5 subtractions;
// plus the ballot sum and the branch sum (2 × 2 × 32 additions).
const bareVerifyMs = timeEach(20, () => {
  bareOps(2 * ciphertexts, 6 * ciphertexts, 5 * ciphertexts + 4 * CANDIDATES);
});
const perBallotOne = one.milliseconds / BALLOTS;
console.log(
  `## Verifier (${BALLOTS} ballots of ${CANDIDATES} candidates in 8 branches; record built in ${buildS.toFixed(1)} s)`,
);
console.log('| measurement | ballots/s | ms/ballot | ratio |');
console.log('|---|---:|---:|---:|');
console.log(
  `| verifyRecord, 1 core (workers: 0) | ${(1000 / perBallotOne).toFixed(1)} | ${perBallotOne.toFixed(2)} | ${(perBallotOne / bareVerifyMs).toFixed(2)} × bare |`,
);
console.log(
  `| verifyRecord, ${availableParallelism()} worker threads, including start-up | ${((1000 * BALLOTS) / all.milliseconds).toFixed(1)} | ${(all.milliseconds / BALLOTS).toFixed(2)} | ${(one.milliseconds / all.milliseconds).toFixed(2)} × speed-up |`,
);
console.log(
  `| verifyRecord, ${availableParallelism()} worker threads, less ${(startup.milliseconds / 1000).toFixed(1)} s start-up | ${((1000 * BALLOTS) / allSteady).toFixed(1)} | ${(allSteady / BALLOTS).toFixed(2)} | ${(one.milliseconds / allSteady).toFixed(2)} × speed-up |`,
);
console.log(
  `| bare: ${2 * ciphertexts} fixed-base + ${6 * ciphertexts} variable-base mults + ${5 * ciphertexts + 4 * CANDIDATES} adds per ballot | ${(1000 / bareVerifyMs).toFixed(1)} | ${bareVerifyMs.toFixed(2)} | 1.00 |`,
);
console.log('| goal | ≥ 50 per core | ≤ 20 | |');

// ---- 3. Homomorphic accumulation (the running totals, and a recount from scratch) -----------
const cast = election.record.branches.flatMap((b) => b.cast);
const acc = new TallyAccumulator(CANDIDATES);
const tAcc = performance.now();
for (const b of cast) acc.addBallot(b);
const accMs = (performance.now() - tAcc) / cast.length;
const bareAccMs = timeEach(20, () => {
  bareOps(0, 0, 2 * CANDIDATES);
});
console.log(`\n## Homomorphic accumulation (${cast.length} ballots)`);
console.log('| measurement | ms/ballot | ratio | 3,000,000 ballots on 2 cores |');
console.log('|---|---:|---:|---:|');
console.log(
  `| TallyAccumulator.addBallot | ${accMs.toFixed(2)} | ${(accMs / bareAccMs).toFixed(2)} × bare | ${((accMs * 3e6) / 2 / 60000).toFixed(0)} min |`,
);
console.log(
  `| bare: ${2 * CANDIDATES} libsodium additions | ${bareAccMs.toFixed(2)} | 1.00 | ${((bareAccMs * 3e6) / 2 / 60000).toFixed(0)} min |`,
);
