// Voting-device and verifier benchmarks for docs/CRYPTO.md and bench/crypto/RESULTS.md (DESIGN §7):
//   node --import tsx bench/crypto/ballot.ts
// Every figure is reported beside a reference measured in the same run: the bare libsodium group
// operations that the measured work needs, done raw in a loop.
import sodium from 'libsodium-wrappers-sumo';
import { ristretto255 } from '@noble/curves/ed25519.js';
import { availableParallelism } from 'node:os';
import {
  demoManifest,
  encryptBallot,
  limitWeights,
  RecountAccumulator,
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
// The machine is shared: the verifier and its references are measured in alternating rounds, each
// round on a slice of CHUNK ballots, and the ratio is taken per round (then the median), so that
// a burst of load from another process falls on both sides of a ratio.
const CHUNK = Number(process.env['CHUNK'] ?? 40);
const ROUNDS = Math.max(1, Math.floor(BALLOTS / CHUNK));
const small = runDemoElection({ manifest, cast: votes.slice(0, CHUNK), present: [1, 2, 4] });
// Per ballot, per 0/1 proof: 2 fixed-base and 6 variable-base multiplications, 5 subtractions;
// plus the ballot sum and the branch sum (2 × 2 × 32 additions).
const bareVerify = () => {
  bareOps(2 * ciphertexts, 6 * ciphertexts, 5 * ciphertexts + 4 * CANDIDATES);
};
// The floor of batch verification by random linear combination, with the proofs carrying their
// commitments (docs/CRYPTO.md §10.2): every term with base g or K collapses into one
// multiplication per batch, but each commitment a_j, b_j and each α, β still needs its own
// variable-base multiplication (libsodium has no multi-scalar multiplication): 6 per 0/1 proof,
// nothing else counted.
const batchFloor = () => {
  bareOps(0, 6 * ciphertexts, 0);
};
const rounds: { one: number; bare: number; floor: number }[] = [];
for (let r = 0; r < ROUNDS; r++) {
  const one = await verifyRecord(small.record, { workers: 0 });
  if (!one.ok) throw new Error('bench record failed verification');
  const tb = performance.now();
  for (let i = 0; i < CHUNK; i++) bareVerify();
  const bare = (performance.now() - tb) / CHUNK;
  const tf = performance.now();
  for (let i = 0; i < CHUNK / 4; i++) batchFloor();
  const floor = (performance.now() - tf) / (CHUNK / 4);
  rounds.push({ one: one.milliseconds / CHUNK, bare, floor });
}
const perBallotOne = median(rounds.map((x) => x.one));
const bareVerifyMs = median(rounds.map((x) => x.bare));
const batchFloorMs = median(rounds.map((x) => x.floor));
const verifyRatio = median(rounds.map((x) => x.one / x.bare));
const floorRatio = median(rounds.map((x) => x.floor / x.bare));
const all = await verifyRecord(election.record, { workers: availableParallelism() });
const oneAll = await verifyRecord(election.record, { workers: 0 });
if (!all.ok || !oneAll.ok) throw new Error('bench record failed verification');
// Worker start-up (loading tsx and libsodium in each thread) measured on a one-ballot record.
const tiny = runDemoElection({ manifest, cast: votes.slice(0, 2) });
const startup = await verifyRecord(tiny.record, { workers: availableParallelism() });
const allSteady = all.milliseconds - startup.milliseconds;
console.log(
  `## Verifier (${BALLOTS} ballots of ${CANDIDATES} candidates in 8 branches; record built in ${buildS.toFixed(1)} s; ${ROUNDS} alternating rounds of ${CHUNK} ballots, medians)`,
);
console.log('| measurement | ballots/s | ms/ballot | ratio (median per round) |');
console.log('|---|---:|---:|---:|');
console.log(
  `| verifyRecord, 1 core (workers: 0), all checks | ${(1000 / perBallotOne).toFixed(1)} | ${perBallotOne.toFixed(2)} | ${verifyRatio.toFixed(2)} × bare |`,
);
console.log(
  `| bare: ${2 * ciphertexts} fixed-base + ${6 * ciphertexts} variable-base mults + ${5 * ciphertexts + 4 * CANDIDATES} adds per ballot | ${(1000 / bareVerifyMs).toFixed(1)} | ${bareVerifyMs.toFixed(2)} | 1.00 |`,
);
console.log(
  `| floor of batch verification (proofs with commitments): ${6 * ciphertexts} variable-base mults per ballot, nothing else | ${(1000 / batchFloorMs).toFixed(1)} | ${batchFloorMs.toFixed(2)} | ${floorRatio.toFixed(2)} × bare |`,
);
console.log(
  `| verifyRecord, all ${BALLOTS} ballots, ${availableParallelism()} worker threads, including start-up | ${((1000 * BALLOTS) / all.milliseconds).toFixed(1)} | ${(all.milliseconds / BALLOTS).toFixed(2)} | ${(oneAll.milliseconds / all.milliseconds).toFixed(2)} × speed-up over 1 core |`,
);
console.log(
  `| the same, less ${(startup.milliseconds / 1000).toFixed(1)} s start-up | ${((1000 * BALLOTS) / allSteady).toFixed(1)} | ${(allSteady / BALLOTS).toFixed(2)} | ${(oneAll.milliseconds / allSteady).toFixed(2)} × speed-up |`,
);
console.log('| goal | ≥ 50 per core | ≤ 20 | |');

// ---- 3. Homomorphic accumulation (the running totals, and a recount from scratch) -----------
const cast = election.record.branches.flatMap((b) => b.cast);
const ballotElements = (cast[0]?.selections ?? []).flatMap((c) => [
  sodium.from_hex(c.alpha),
  sodium.from_hex(c.beta),
]);
const P = ristretto255.Point;
const accRounds: { acc: number; bare: number; floor: number; noble: number; recount: number }[] =
  [];
for (let r = 0; r < 5; r++) {
  const acc = new TallyAccumulator(CANDIDATES);
  const ta = performance.now();
  for (const b of cast) acc.addBallot(b);
  const accMs = (performance.now() - ta) / cast.length;
  // The recount's accumulator: decoded points in WebAssembly (packages/crypto/wasm/recount.c).
  const tr = performance.now();
  const rec = new RecountAccumulator(CANDIDATES);
  for (const b of cast) rec.addBallot(b);
  if (JSON.stringify(rec.toJson()) !== JSON.stringify(acc.toJson()))
    throw new Error('the recount disagrees with libsodium');
  const recount = (performance.now() - tr) / cast.length;
  const tb = performance.now();
  for (let i = 0; i < cast.length; i++) bareOps(0, 0, 2 * CANDIDATES);
  const bare = (performance.now() - tb) / cast.length;
  // The floor of any accumulation that checks its input: decoding each of a ballot's 64
  // elements once (libsodium's validity check is a full decoding), additions free.
  const tf = performance.now();
  for (let i = 0; i < cast.length; i++)
    for (const e of ballotElements) sodium.crypto_core_ristretto255_is_valid_point(e);
  const floor = (performance.now() - tf) / cast.length;
  // Accumulating in an unencoded representation (extended coordinates, one encoding per total
  // at the end): possible with @noble/curves only, whose decoding costs more than libsodium's
  // whole addition.
  const tn = performance.now();
  const totals = Array.from({ length: 2 * CANDIDATES }, () => P.ZERO);
  const nobleBallots = Math.max(1, Math.floor(cast.length / 20));
  for (let i = 0; i < nobleBallots; i++)
    ballotElements.forEach((e, j) => {
      totals[j] = (totals[j] ?? P.ZERO).add(P.fromBytes(e));
    });
  for (const t of totals) t.toBytes();
  const noble = (performance.now() - tn) / nobleBallots;
  accRounds.push({ acc: accMs, bare, floor, noble, recount });
}
const m = (f: (x: (typeof accRounds)[number]) => number) => median(accRounds.map(f));
const minutes = (ms: number) => ((ms * 3e6) / 2 / 60000).toFixed(1);
console.log(
  `\n## Homomorphic accumulation (${cast.length} ballots, 5 alternating rounds, medians)`,
);
console.log(
  '| measurement | ms/ballot | ratio (median per round) | 3,000,000 ballots on 2 cores |',
);
console.log('|---|---:|---:|---:|');
console.log(
  `| TallyAccumulator.addBallot | ${m((x) => x.acc).toFixed(3)} | ${m((x) => x.acc / x.bare).toFixed(2)} × bare | ${minutes(m((x) => x.acc))} min |`,
);
console.log(
  `| RecountAccumulator.addBallot (decoded points, WebAssembly), toJson included | ${m((x) => x.recount).toFixed(3)} | ${m((x) => x.recount / x.bare).toFixed(2)} × bare | ${minutes(m((x) => x.recount))} min |`,
);
console.log(
  `| bare: ${2 * CANDIDATES} libsodium additions | ${m((x) => x.bare).toFixed(3)} | 1.00 | ${minutes(m((x) => x.bare))} min |`,
);
console.log(
  `| floor: decode the ${ballotElements.length} elements once (libsodium is_valid_point), additions free | ${m((x) => x.floor).toFixed(3)} | ${m((x) => x.floor / x.bare).toFixed(2)} × bare | ${minutes(m((x) => x.floor))} min |`,
);
console.log(
  `| @noble/curves: decode + extended-coordinate addition, encode once at the end | ${m((x) => x.noble).toFixed(3)} | ${m((x) => x.noble / x.bare).toFixed(2)} × bare | ${minutes(m((x) => x.noble))} min |`,
);
console.log('| goal (results issue) | ≤ 0.4 | | < 10 min |');
