// Threshold decryption's public parts (docs/CRYPTO.md §9.2): member i's partial decryption of a
// total (A, B) is M_i = A^{s_i} with a Chaum–Pedersen proof that log_g S_i = log_A M_i. Any set Q
// of at least k members combines as M = Π_{i∈Q} M_i^{λ_i} = A^s, and B·M⁻¹ = g^t (Shamir over the
// joint polynomial, so absent members need no compensation step: ElectionGuard 2.0 §3.6 does the same).
import { add, IDENTITY, mul, sub } from './group.js';
import type { Element } from './group.js';
import { Transcript } from './hash.js';
import { parseElement, toHex } from './codec.js';
import type { Hex } from './codec.js';
import type { Ciphertext, CiphertextJson } from './elgamal.js';
import { verifyDleq } from './proofs.js';
import type { ProofBinding } from './proofs.js';
import { lagrangeAtZero } from './lagrange.js';
import { proofFromJson } from './ceremonyFormat.js';
import type { ProofJson } from './ceremonyFormat.js';

/** The identity element's encoding: 32 zero bytes (RFC 9496). */
const IDENTITY_HEX = toHex(IDENTITY);

export interface PartialShare {
  /** M_{i,c} = A_c^{s_i} */
  readonly m: Hex;
  readonly proof: ProofJson;
}

export interface PartialDecryption {
  readonly index: number;
  /** One per candidate, in manifest order. */
  readonly shares: readonly PartialShare[];
}

/** The decrypted, proof-carrying result of the contest (results.json). */
export interface ElectionResult {
  readonly contestId: string;
  readonly ballotCount: number;
  /** Votes per candidate, in manifest order. */
  readonly counts: readonly number[];
  /** The encrypted totals that were decrypted: the product of every branch's totals. */
  readonly totals: readonly CiphertextJson[];
  /** Members whose partial decryptions were combined (at least k). */
  readonly present: readonly number[];
  readonly partials: readonly PartialDecryption[];
  /**
   * Votes per candidate in each branch (issue 7), each the decryption of the branch report's
   * own totals with its own partial decryptions; checked by V17. Absent in records that publish
   * the constituency's counts only.
   */
  readonly branches?: readonly BranchResult[];
}

/**
 * One branch's decrypted totals (decryption/branches.json). A branch whose totals are all the
 * identity pair (`isIdentityTotals`) is published with zero counts and no `present` members nor
 * partials: its decryption is 0 under any key, which anyone checks (§9.2, V17).
 */
export interface BranchResult {
  readonly branchId: string;
  readonly ballotCount: number;
  readonly counts: readonly number[];
  readonly present: readonly number[];
  readonly partials: readonly PartialDecryption[];
}

/**
 * True iff every total is the identity ciphertext (α = β = identity): the homomorphic total of
 * no ballots. Its decryption is β·α^(−s) = identity = g^0 for any key s, so it needs no partial
 * decryption nor proof (docs/CRYPTO.md §9.2). Unreadable totals are not the identity.
 */
export function isIdentityTotals(totals: readonly CiphertextJson[]): boolean {
  const list: unknown = totals;
  // Encodings are canonical lowercase hex (§2.2), and the identity's is 32 zero bytes: an
  // element is the identity iff its text is 64 zeros, so no decoding is needed.
  return (
    Array.isArray(list) && totals.every((t) => t.alpha === IDENTITY_HEX && t.beta === IDENTITY_HEX)
  );
}

/** Binds a partial decryption to the election (H_E), the exact ciphertext, and the member. */
export function decryptionBinding(
  extendedHash: Uint8Array,
  ct: Ciphertext,
  index: number,
): ProofBinding {
  return {
    tag: 'partial-decryption',
    context: new Transcript('decryption-context')
      .bytes(extendedHash)
      .element(ct.alpha)
      .element(ct.beta)
      .digest(),
    index,
  };
}

export function verifyPartialShare(
  extendedHash: Uint8Array,
  shareKey: Element,
  ct: Ciphertext,
  index: number,
  share: PartialShare,
): boolean {
  try {
    return verifyDleq(
      shareKey,
      ct.alpha,
      parseElement(share.m),
      proofFromJson(share.proof),
      decryptionBinding(extendedHash, ct, index),
    );
  } catch {
    return false;
  }
}

/** g^t = B · (Π_{i∈Q} M_i^{λ_i})⁻¹ for one candidate. */
export function combinePartials(
  ct: Ciphertext,
  present: readonly number[],
  shares: ReadonlyMap<number, Element>,
): Element {
  let m = IDENTITY;
  for (const i of present) {
    const mi = shares.get(i);
    if (!mi) throw new RangeError(`no share from member ${i}`);
    m = add(m, mul(mi, lagrangeAtZero(i, present)));
  }
  return sub(ct.beta, m);
}

/**
 * Why a member's partial decryption of `totals` is not acceptable, or undefined: one share per
 * total, each with a valid proof against the member's share key S_i (check V15's per-member part).
 */
export function partialDecryptionFault(
  extendedHash: Uint8Array,
  shareKey: Element,
  totals: readonly CiphertextJson[],
  partial: PartialDecryption,
): string | undefined {
  if (partial.shares.length !== totals.length)
    return `${totals.length} shares are needed, one per candidate; found ${partial.shares.length}`;
  const bad = totals.flatMap((t, c) => {
    const share = partial.shares[c];
    let ct: Ciphertext;
    try {
      ct = { alpha: parseElement(t.alpha), beta: parseElement(t.beta) };
    } catch {
      return [c];
    }
    return share !== undefined &&
      verifyPartialShare(extendedHash, shareKey, ct, partial.index, share)
      ? []
      : [c];
  });
  return bad.length === 0
    ? undefined
    : `the proofs for candidates ${bad.slice(0, 20).join(', ')} do not verify`;
}
