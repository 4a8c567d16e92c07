// The recount's homomorphic accumulation (docs/CRYPTO.md §9.1, bench/crypto/RESULTS.md §4):
//   node --import tsx bench/crypto/recount.ts            (ROUNDS=15 BALLOTS=60 by default)
// RecountAccumulator (decoded points in WebAssembly) and TallyAccumulator (libsodium), against
// the bare libsodium additions a ballot needs and the floor of decoding each element once, all
// in alternating rounds on this shared machine. Each ratio is taken within a round, and the table
// gives the medians; the 3 M projection applies a ratio to a reference measured on a quiet
// machine (REFERENCE_MS: run 1's 64 libsodium additions, 1.17 ms) so that load does not inflate it.
import sodium from 'libsodium-wrappers-sumo';
import { availableParallelism, loadavg } from 'node:os';
import {
  demoManifest,
  RecountAccumulator,
  runDemoElection,
  TallyAccumulator,
} from '../../packages/crypto/src/index.js';

await sodium.ready;
const CANDIDATES = 32;
const ROUNDS = Number(process.env['ROUNDS'] ?? 15);
const BALLOTS = Number(process.env['BALLOTS'] ?? 60);

const manifest = demoManifest({ candidates: CANDIDATES, seats: 16, branches: 1, n: 1, k: 1 });
const cast = runDemoElection({
  manifest,
  cast: Array.from({ length: BALLOTS }, (_, i) => ({
    branchId: 'b1',
    choices: Array.from({ length: i % 17 }, (_, j) => (j * 7 + i) % CANDIDATES),
  })),
}).record.branches[0]?.cast;
if (cast === undefined) throw new Error('no ballots');
const elements = cast.flatMap((b) =>
  b.selections.flatMap((c) => [sodium.from_hex(c.alpha), sodium.from_hex(c.beta)]),
);
const point = sodium.crypto_core_ristretto255_random();

type Row = { tally: number; recount: number; bare: number; floor: number };
const rows: Row[] = [];
const load0 = loadavg()[0] ?? 0;
for (let r = 0; r < ROUNDS; r++) {
  let t = performance.now();
  const a = new TallyAccumulator(CANDIDATES);
  for (const b of cast) a.addBallot(b);
  const tally = (performance.now() - t) / cast.length;
  t = performance.now();
  const rec = new RecountAccumulator(CANDIDATES);
  for (const b of cast) rec.addBallot(b);
  const json = rec.toJson();
  const recount = (performance.now() - t) / cast.length;
  if (JSON.stringify(json) !== JSON.stringify(a.toJson())) throw new Error('totals differ');
  t = performance.now();
  let p = point;
  for (const e of elements) p = sodium.crypto_core_ristretto255_add(p, e);
  const bare = (performance.now() - t) / cast.length;
  t = performance.now();
  for (const e of elements) sodium.crypto_core_ristretto255_is_valid_point(e);
  const floor = (performance.now() - t) / cast.length;
  rows.push({ tally, recount, bare, floor });
}
const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)] ?? 0;
const REFERENCE_MS = Number(process.env['REFERENCE_MS'] ?? 1.17);
const minutes = (ms: number) => ((ms * 3e6) / 2 / 60000).toFixed(1);

console.log(
  `# Recount accumulation — ${new Date().toISOString()}, node ${process.version}, ${availableParallelism()} cores, load ${load0.toFixed(1)} → ${(loadavg()[0] ?? 0).toFixed(1)}`,
);
console.log(`${BALLOTS} ballots of ${CANDIDATES} candidates, ${ROUNDS} alternating rounds\n`);
console.log(
  `| measurement | ms/ballot (median) | ratio (median of rounds) | 3 M ballots on 2 cores, at ratio × ${REFERENCE_MS} ms |`,
);
console.log('|---|---:|---:|---:|');
for (const [name, key] of [
  ['RecountAccumulator.addBallot (decoded points, WebAssembly), toJson included', 'recount'],
  ['TallyAccumulator.addBallot (libsodium)', 'tally'],
  [`bare: ${2 * CANDIDATES} libsodium additions`, 'bare'],
  [`floor: decode the ${2 * CANDIDATES} elements once (libsodium is_valid_point)`, 'floor'],
] as const) {
  const ms = median(rows.map((x) => x[key]));
  const ratio = median(rows.map((x) => x[key] / x.bare));
  console.log(
    `| ${name} | ${ms.toFixed(3)} | ${ratio.toFixed(2)} × bare | ${minutes(ratio * REFERENCE_MS)} min |`,
  );
}
console.log(
  `| RecountAccumulator against TallyAccumulator | | ${median(rows.map((x) => x.recount / x.tally)).toFixed(2)} × | |`,
);
console.log(
  `| goal (results issue): 3 M ballots in < 10 min on 2 cores | ≤ 0.4 | ≤ ${(0.4 / REFERENCE_MS).toFixed(2)} × bare | < 10 min |`,
);
