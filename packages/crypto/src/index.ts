// @sandogh/crypto: the verifiable-tally profile of docs/CRYPTO.md and its verifier.
// Stands alone (imports no other @sandogh package) so the verifier is independent of the HQ.
export * from './group.js';
export { Transcript, PROFILE_PREFIX, sha256Bytes, hashToScalar, hashToElement } from './hash.js';
export * from './codec.js';
export * from './jcs.js';
export * from './elgamal.js';
export * from './proofs.js';
export * from './manifest.js';
export * from './context.js';
export * from './ballotFormat.js';
export * from './ballot.js';
export * from './verifyBallot.js';
export * from './lagrange.js';
export * from './ceremonyFormat.js';
export * from './ceremony.js';
export * from './shareBox.js';
export * from './secretFile.js';
export {
  ARGON2ID_MODERATE,
  ARGON2ID_TEST_ONLY,
  ed25519KeyPair,
  ed25519Sign,
  ed25519Verify,
} from './symmetric.js';
export type { Argon2idParams } from './symmetric.js';
export * from './tally.js';
export { RecountAccumulator, recountBallots } from './recount.js';
export * from './dlog.js';
export * from './decryptionFormat.js';
export * from './decryption.js';
export * from './merkle.js';
export * from './branchReport.js';
export * from './record.js';
export * from './recordBuilder.js';
export * from './checks.js';
export { verifyRecord } from './verifier.js';
export type { VerifyOptions } from './verifier.js';
export { defaultWorkerCount } from './verifyPool.js';
export * from './recordFiles.js';
export * from './recordTally.js';
export * from './lookup.js';
export * from './deviceSignature.js';
export * from './demoElection.js';
