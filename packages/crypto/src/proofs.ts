// The Σ-protocols of the profile, made non-interactive by Fiat–Shamir (docs/CRYPTO.md §6).
// Every proof is stored as (challenge, response) like ElectionGuard 2.0 §3.3.5: the verifier
// recomputes the commitments and re-hashes, so a proof is valid only for the exact statement,
// tag and context (manifest-bound election hash, ballot, index) it was made for.
import {
  add,
  baseMul,
  GENERATOR,
  mul,
  randomScalar,
  scalarAdd,
  scalarEquals,
  scalarMul,
  scalarNeg,
  scalarSub,
  sub,
} from './group.js';
import type { Element, Scalar } from './group.js';
import { Transcript } from './hash.js';
import type { Ciphertext } from './elgamal.js';

/** Where the prover's one-time randomness comes from (a CSPRNG, or a seed for test vectors). */
export type NonceSource = () => Scalar;
export const freshNonces: NonceSource = randomScalar;

/** Binds a proof to its surroundings: a tag, a 32-byte context digest and an index. */
export interface ProofBinding {
  readonly tag: string;
  readonly context: Uint8Array;
  readonly index: number;
}

function transcript(b: ProofBinding): Transcript {
  return new Transcript(b.tag).bytes(b.context).u64(b.index);
}

// ---- Schnorr proof of knowledge of a = log_g A (§6.1) -------------------------------------

export interface SchnorrProof {
  readonly c: Scalar;
  readonly v: Scalar;
}

export function proveSchnorr(
  secret: Scalar,
  publicKey: Element,
  bind: ProofBinding,
  nonce: NonceSource = freshNonces,
): SchnorrProof {
  const w = nonce();
  const h = baseMul(w);
  const c = transcript(bind).element(publicKey).element(h).challenge();
  return { c, v: scalarAdd(w, scalarMul(c, secret)) };
}

export function verifySchnorr(
  publicKey: Element,
  proof: SchnorrProof,
  bind: ProofBinding,
): boolean {
  const h = sub(baseMul(proof.v), mul(publicKey, proof.c));
  return scalarEquals(proof.c, transcript(bind).element(publicKey).element(h).challenge());
}

// ---- Chaum–Pedersen proof of equal discrete logs: log_g A = log_B M (§6.2) ----------------

export interface DleqProof {
  readonly c: Scalar;
  readonly v: Scalar;
}

export function proveDleq(
  secret: Scalar,
  a: Element,
  base: Element,
  m: Element,
  bind: ProofBinding,
  nonce: NonceSource = freshNonces,
): DleqProof {
  const w = nonce();
  const ga = baseMul(w);
  const gb = mul(base, w);
  const c = transcript(bind)
    .element(a)
    .element(base)
    .element(m)
    .element(ga)
    .element(gb)
    .challenge();
  return { c, v: scalarAdd(w, scalarMul(c, secret)) };
}

export function verifyDleq(
  a: Element,
  base: Element,
  m: Element,
  proof: DleqProof,
  bind: ProofBinding,
): boolean {
  const ga = sub(baseMul(proof.v), mul(a, proof.c));
  const gb = sub(mul(base, proof.v), mul(m, proof.c));
  const c = transcript(bind)
    .element(a)
    .element(base)
    .element(m)
    .element(ga)
    .element(gb)
    .challenge();
  return scalarEquals(proof.c, c);
}

// ---- Disjunctive Chaum–Pedersen proof that (α, β) encrypts 0 or 1 (§6.3) ------------------
// Cramer–Damgård–Schoenmakers OR-composition of two DH-tuple proofs:
//   branch j: (g, K, α, β·g^-j) is a DH tuple, i.e. ∃r: α = g^r ∧ β = g^j·K^r.
// Verification, for j ∈ {0,1}: a_j = g^{v_j} α^{-c_j}, b_j = K^{v_j} (β g^{-j})^{-c_j},
// and c_0 + c_1 = H(tag, context, index, K, α, β, a_0, b_0, a_1, b_1).

export interface BitProof {
  readonly c0: Scalar;
  readonly c1: Scalar;
  readonly v0: Scalar;
  readonly v1: Scalar;
}

function bitChallenge(
  bind: ProofBinding,
  k: Element,
  ct: Ciphertext,
  a0: Element,
  b0: Element,
  a1: Element,
  b1: Element,
): Scalar {
  return transcript(bind)
    .element(k)
    .element(ct.alpha)
    .element(ct.beta)
    .element(a0)
    .element(b0)
    .element(a1)
    .element(b1)
    .challenge();
}

/**
 * The prover knows r, so the simulated branch needs no multiplication by α or β: with
 * u = v_j − r·c_j, a_j = g^u and b_j = K^u · g^{(j−m)·c_j} (same values the verifier computes).
 * That keeps every multiplication on the two fixed bases g and K (bench/crypto/ballot.ts).
 */
export function proveBit(
  k: Element,
  ct: Ciphertext,
  bit: 0 | 1,
  r: Scalar,
  bind: ProofBinding,
  nonce: NonceSource = freshNonces,
): BitProof {
  const w = nonce();
  const u = nonce();
  const cSim = nonce();
  const aReal = baseMul(w);
  const bReal = mul(k, w);
  const aSim = baseMul(u);
  // (j − m)·c_j with j = 1 − m: +c_j when m = 0, −c_j when m = 1
  const bSim = add(mul(k, u), baseMul(bit === 0 ? cSim : scalarNeg(cSim)));
  const vSim = scalarAdd(u, scalarMul(r, cSim));
  const [a0, b0, a1, b1] = bit === 0 ? [aReal, bReal, aSim, bSim] : [aSim, bSim, aReal, bReal];
  const c = bitChallenge(bind, k, ct, a0, b0, a1, b1);
  const cReal = scalarSub(c, cSim);
  const vReal = scalarAdd(w, scalarMul(cReal, r));
  return bit === 0
    ? { c0: cReal, c1: cSim, v0: vReal, v1: vSim }
    : { c0: cSim, c1: cReal, v0: vSim, v1: vReal };
}

export function verifyBit(
  k: Element,
  ct: Ciphertext,
  proof: BitProof,
  bind: ProofBinding,
): boolean {
  const a0 = sub(baseMul(proof.v0), mul(ct.alpha, proof.c0));
  const b0 = sub(mul(k, proof.v0), mul(ct.beta, proof.c0));
  const a1 = sub(baseMul(proof.v1), mul(ct.alpha, proof.c1));
  const b1 = sub(mul(k, proof.v1), mul(sub(ct.beta, GENERATOR), proof.c1));
  const c = bitChallenge(bind, k, ct, a0, b0, a1, b1);
  return scalarEquals(scalarAdd(proof.c0, proof.c1), c);
}
