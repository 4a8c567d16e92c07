// Known-answer vectors (docs/CRYPTO.md §13), generated once from fixed seeds and checked in:
//   node --import tsx packages/crypto/src/vectors/generate.ts && npx prettier --write packages/crypto/src/vectors
// vectors.test.ts regenerates them and fails on any difference, so a change to any encoding,
// hash, transcript or proof shows up as a changed vector that a second verifier can compare.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { baseMul, mul, scalarFromInt } from '../group.js';
import { Transcript } from '../hash.js';
import { toHex } from '../codec.js';
import { encryptBit } from '../elgamal.js';
import { proveBit, proveDleq, proveSchnorr } from '../proofs.js';
import { encryptBallot } from '../ballot.js';
import { demoManifest, runDemoElection, seededNonces } from '../demoElection.js';
import { manifestHash } from '../manifest.js';
import { merkleRoot } from '../merkle.js';
import { bitProofToJson, shortTrackingCode } from '../ballotFormat.js';
import { proofToJson } from '../ceremonyFormat.js';

const SEED = new Uint8Array(32).map((_, i) => i);

export function primitiveVectors(): Record<string, unknown> {
  const { nonce, seed32 } = seededNonces(SEED, 'primitives');
  const k = nonce();
  const K = baseMul(k);
  const r = nonce();
  const bind = { tag: 'kat', context: new Uint8Array(32).fill(0xaa), index: 3 };
  const ct0 = encryptBit(K, 0, r);
  const ct1 = encryptBit(K, 1, r);
  const ballotCtx = {
    extendedHash: new Uint8Array(32).fill(0x42),
    jointKey: K,
    seats: 2,
    candidateCount: 3,
  };
  const ballotSeed = seed32();
  const ballot = encryptBallot(ballotCtx, { branchId: 'b1', day: '2024-05-10' }, [2], {
    seed: ballotSeed,
  });
  const codes = ['11', '22', '33'].map((b) => b.repeat(32));
  return {
    description:
      'Sandogh profile sandogh/v1 known-answer vectors; all hex is lowercase; see docs/CRYPTO.md §13',
    seed: toHex(SEED),
    generator: toHex(baseMul(scalarFromInt(1))),
    transcript: {
      input: 'Transcript("kat").string("abc").u64(7)',
      encoding: toHex(new Transcript('kat').string('abc').u64(7).encode()),
      challenge: toHex(new Transcript('kat').string('abc').u64(7).challenge()),
      digest: toHex(new Transcript('kat').string('abc').u64(7).digest()),
    },
    elgamal: {
      secretKey: toHex(k),
      jointKey: toHex(K),
      r: toHex(r),
      encryptionOf0: { alpha: toHex(ct0.alpha), beta: toHex(ct0.beta) },
      encryptionOf1: { alpha: toHex(ct1.alpha), beta: toHex(ct1.beta) },
    },
    binding: { tag: bind.tag, context: toHex(bind.context), index: bind.index },
    schnorr: proofToJson(proveSchnorr(k, K, bind, nonce)),
    // M = α^k for α = encryptionOf1.alpha: a partial decryption by the holder of k.
    dleq: {
      base: toHex(ct1.alpha),
      m: toHex(mul(ct1.alpha, k)),
      proof: proofToJson(proveDleq(k, K, ct1.alpha, mul(ct1.alpha, k), bind, nonce)),
    },
    bitProofOf1: bitProofToJson(proveBit(K, ct1, 1, r, bind, nonce)),
    ballot: {
      context: {
        extendedHash: toHex(ballotCtx.extendedHash),
        jointKey: toHex(K),
        seats: 2,
        candidateCount: 3,
      },
      seed: toHex(ballotSeed),
      choices: [2],
      encrypted: ballot.ballot,
      trackingCode: ballot.trackingCode,
      shortCode: shortTrackingCode(ballot.trackingCode),
    },
    merkle: { codes, root: merkleRoot(codes) },
  };
}

export function electionVector(): Record<string, unknown> {
  const manifest = demoManifest({ candidates: 3, seats: 2, branches: 2, n: 3, k: 2 });
  const cast = [
    { branchId: 'b1', choices: [0, 2] },
    { branchId: 'b1', choices: [] },
    { branchId: 'b2', choices: [1] },
    { branchId: 'b2', choices: [2, 1] },
  ];
  const challenged = [{ branchId: 'b1', choices: [1] }];
  const demo = runDemoElection({ manifest, cast, challenged, present: [1, 3], seed: SEED });
  return {
    description:
      'A complete small election record (3 candidates, 2 seats, 2 branches, 3 members, threshold 2), built from the seed',
    seed: toHex(SEED),
    manifestHash: toHex(manifestHash(manifest)),
    inputs: { cast, challenged, present: [1, 3] },
    record: demo.record,
  };
}

const here = fileURLToPath(new URL('.', import.meta.url));
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(`${here}primitives.json`, `${JSON.stringify(primitiveVectors(), null, 1)}\n`);
  writeFileSync(`${here}election-small.json`, `${JSON.stringify(electionVector(), null, 1)}\n`);
  console.log(`wrote ${here}primitives.json and election-small.json`);
}
