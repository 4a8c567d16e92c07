// Exponential ElGamal under the joint election key K (docs/CRYPTO.md §5.1):
// Enc(m; r) = (α, β) = (g^r, g^m · K^r). Additively homomorphic, so totals are products of
// ciphertexts (ElectionGuard 2.0 §3.3, Helios), and decryption recovers g^m, whose small m is
// found by a bounded discrete-log search on public data (dlog.ts).
import { add, baseMul, GENERATOR, IDENTITY, mul, sub } from './group.js';
import type { Element, Scalar } from './group.js';
import { parseElement, toHex } from './codec.js';
import type { Hex } from './codec.js';

export interface Ciphertext {
  readonly alpha: Element;
  readonly beta: Element;
}

export interface CiphertextJson {
  readonly alpha: Hex;
  readonly beta: Hex;
}

export const ZERO_CIPHERTEXT: Ciphertext = { alpha: IDENTITY, beta: IDENTITY };

/** m is 0 or 1 on a ballot, so g^m is the identity or g (no multiplication needed). */
export function encryptBit(jointKey: Element, bit: 0 | 1, r: Scalar): Ciphertext {
  const alpha = baseMul(r);
  const kr = mul(jointKey, r);
  return { alpha, beta: bit === 1 ? add(kr, GENERATOR) : kr };
}

export function encrypt(jointKey: Element, m: Scalar, r: Scalar): Ciphertext {
  return { alpha: baseMul(r), beta: add(baseMul(m), mul(jointKey, r)) };
}

export function addCiphertexts(a: Ciphertext, b: Ciphertext): Ciphertext {
  return { alpha: add(a.alpha, b.alpha), beta: add(a.beta, b.beta) };
}

export function subCiphertexts(a: Ciphertext, b: Ciphertext): Ciphertext {
  return { alpha: sub(a.alpha, b.alpha), beta: sub(a.beta, b.beta) };
}

export function scaleCiphertext(c: Ciphertext, k: Scalar): Ciphertext {
  return { alpha: mul(c.alpha, k), beta: mul(c.beta, k) };
}

export function ciphertextToJson(c: Ciphertext): CiphertextJson {
  return { alpha: toHex(c.alpha), beta: toHex(c.beta) };
}

export function ciphertextFromJson(j: CiphertextJson): Ciphertext {
  return { alpha: parseElement(j.alpha), beta: parseElement(j.beta) };
}

/** Encrypted totals of a set of cast ballots: a branch, a zone or the whole constituency. */
export interface EncryptedTally {
  readonly ballotCount: number;
  readonly totals: readonly CiphertextJson[];
}
