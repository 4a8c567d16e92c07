// Decryption of a Tehran-sized result (DESIGN §7 "Results"): 32 candidates, about 600,000 ballots,
// a board of n = 5 with threshold k = 3. Totals are made directly as encryptions of the counts
// (making 600,000 real ballots is the recount benchmark's job, not this one's).
//   node --import tsx bench/crypto/decrypt.ts
import sodium from 'libsodium-wrappers-sumo';
import {
  combineDecryption,
  demoManifest,
  DiscreteLog,
  encrypt,
  ciphertextToJson,
  partialDecrypt,
  randomScalar,
  runDemoElection,
  scalarFromInt,
} from '../../packages/crypto/src/index.js';

await sodium.ready;
const BALLOTS = Number(process.env['BALLOTS'] ?? 600_000);
const manifest = demoManifest({ candidates: 32, seats: 16, branches: 1, n: 5, k: 3 });
const setup = runDemoElection({ manifest, cast: [] });
const ctx = setup.context;
const counts = Array.from({ length: 32 }, (_, c) => Math.floor((BALLOTS * ((c * 37) % 32)) / 31));
const tally = {
  ballotCount: BALLOTS,
  totals: counts.map((t) =>
    ciphertextToJson(encrypt(ctx.jointKey, scalarFromInt(t), randomScalar())),
  ),
};

let t = performance.now();
const partials = [1, 3, 5].map((i) => {
  const s = setup.secrets[i - 1];
  if (!s) throw new Error('no member');
  return partialDecrypt(ctx, s, tally);
});
const partialMs = (performance.now() - t) / 3;
t = performance.now();
const table = new DiscreteLog(BALLOTS, 32);
const tableMs = performance.now() - t;
t = performance.now();
const result = combineDecryption(
  ctx,
  manifest.contestId,
  setup.record.ceremony.announcements,
  tally,
  partials,
  table,
);
const combineMs = performance.now() - t;
if (result.counts.some((c, i) => c !== counts[i])) throw new Error('wrong decryption');
const refScalar = sodium.crypto_core_ristretto255_scalar_random();
for (let i = 0; i < 50; i++) sodium.crypto_scalarmult_ristretto255_base(refScalar);
t = performance.now();
for (let i = 0; i < 200; i++) sodium.crypto_scalarmult_ristretto255_base(refScalar);
const refMs = (performance.now() - t) / 200;

console.log(
  `## Decryption of a Tehran-sized result (${BALLOTS.toLocaleString('en')} ballots, 32 candidates, n = 5, k = 3)`,
);
console.log('| step | ms | ratio to one fixed-base mult |');
console.log('|---|---:|---:|');
console.log(
  `| one member's partial decryption of 32 totals, with proofs | ${partialMs.toFixed(1)} | ${(partialMs / refMs).toFixed(0)} |`,
);
console.log(
  `| baby-step table for counts ≤ ${BALLOTS} (${Math.ceil(Math.sqrt((BALLOTS + 1) * 32))} entries, sized for 32 searches) | ${tableMs.toFixed(1)} | ${(tableMs / refMs).toFixed(0)} |`,
);
console.log(
  `| combine: check 3 × 32 proofs, Lagrange, 32 giant-step searches | ${combineMs.toFixed(1)} | ${(combineMs / refMs).toFixed(0)} |`,
);
console.log(
  `| from the last partial to the result (table built beforehand: it depends only on the ballot count) | ${combineMs.toFixed(1)} | ${(combineMs / refMs).toFixed(0)} |`,
);
console.log(
  `| all of the above, one member's partial included | ${(partialMs + tableMs + combineMs).toFixed(1)} | ${((partialMs + tableMs + combineMs) / refMs).toFixed(0)} |`,
);
console.log(`| reference: libsodium fixed-base mult | ${refMs.toFixed(3)} | 1 |`);
