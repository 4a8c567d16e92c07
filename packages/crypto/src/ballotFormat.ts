// The encrypted ballot's format, hashes and tracking code (docs/CRYPTO.md §7). Shared by the
// voting device (ballot.ts) and the verifier (verifyBallot.ts); it produces nothing secret.
import { Transcript } from './hash.js';
import { fromHex, parseScalar, toHex } from './codec.js';
import type { Hex } from './codec.js';
import { ciphertextFromJson, ciphertextToJson } from './elgamal.js';
import type { Ciphertext, CiphertextJson } from './elgamal.js';
import type { BitProof, ProofBinding } from './proofs.js';
import type { Scalar } from './group.js';
import { scalarFromWideBytes } from './group.js';
import { chacha20Stream } from './symmetric.js';

export interface BitProofJson {
  readonly c0: Hex;
  readonly c1: Hex;
  readonly v0: Hex;
  readonly v1: Hex;
}

export interface EncryptedSelectionJson extends CiphertextJson {
  readonly proof: BitProofJson;
}

/**
 * One voter's encrypted ballot. Deliberately carries no voter data, no time finer than the
 * day and no sequence number (DESIGN law 2): nothing to join with the authentication log.
 */
export interface EncryptedBallot {
  readonly electionHash: Hex;
  readonly branchId: string;
  readonly day: string;
  /** One 0/1 ciphertext per candidate, in manifest order. */
  readonly selections: readonly EncryptedSelectionJson[];
  /** Bit ciphertexts b_i whose weighted product is the ballot's sum: the 0..L range proof (§6.4). */
  readonly limit: readonly EncryptedSelectionJson[];
}

/** Held by the device until the voter casts (then wiped) or challenges (then revealed). */
export interface BallotSecret {
  readonly seed: Hex;
  readonly choices: readonly number[];
}

/** A challenged (spoiled) ballot with its opening: never counted (check V10). */
export interface ChallengedBallot {
  readonly ballot: EncryptedBallot;
  readonly reveal: BallotSecret;
}

export interface ParsedSelection {
  readonly ct: Ciphertext;
  readonly proof: BitProof;
}

export interface ParsedBallot {
  readonly selections: readonly ParsedSelection[];
  readonly limit: readonly ParsedSelection[];
}

export const SELECTION_PROOF_TAG = 'selection-proof';
export const LIMIT_PROOF_TAG = 'limit-proof';

/**
 * Weights w_i of the range proof's bits for 0..L: 1, 2, …, 2^(n−2), then L − (2^(n−1) − 1),
 * with n the bit length of L. Every Σ w_i·b_i lies in 0..L and every value of 0..L has one.
 */
export function limitWeights(seats: number): number[] {
  if (!Number.isInteger(seats) || seats < 1)
    throw new RangeError('seats must be a positive integer');
  const n = Math.floor(Math.log2(seats)) + 1;
  const weights: number[] = [];
  for (let i = 0; i < n - 1; i++) weights.push(2 ** i);
  weights.push(seats - (2 ** (n - 1) - 1));
  return weights;
}

/** Splits a selection count S ∈ 0..L into the bits of limitWeights(L). */
export function limitBits(sum: number, seats: number): (0 | 1)[] {
  const weights = limitWeights(seats);
  const top = weights[weights.length - 1] ?? 1;
  const highBit = sum >= 2 ** (weights.length - 1) ? 1 : 0;
  let rest = sum - highBit * top;
  const bits: (0 | 1)[] = [];
  for (let i = 0; i < weights.length - 1; i++) {
    bits.push((rest & 1) as 0 | 1);
    rest >>= 1;
  }
  bits.push(highBit);
  return bits;
}

/** χ: digest of the ballot's header and every ciphertext; all of the ballot's proofs are bound to it. */
export function ballotCiphertextHash(
  electionHash: Uint8Array,
  branchId: string,
  day: string,
  selections: readonly Ciphertext[],
  limit: readonly Ciphertext[],
): Uint8Array {
  const t = new Transcript('ballot-ciphertexts').bytes(electionHash).string(branchId).string(day);
  t.u64(selections.length);
  for (const c of selections) t.element(c.alpha).element(c.beta);
  t.u64(limit.length);
  for (const c of limit) t.element(c.alpha).element(c.beta);
  return t.digest();
}

/**
 * Every random value of a ballot, from its 32-byte seed (docs/CRYPTO.md §7.2): 64-byte blocks of
 * the ChaCha20 stream keyed by H("ballot-nonce", seed), each reduced mod q. Ciphertext i (the C
 * selections, then the limit bits) owns blocks 4i (its encryption nonce) and 4i+1..4i+3 (its
 * proof's nonces). One stream call instead of a hash per nonce: ~2 ms less per 32-candidate ballot.
 */
export class BallotNonces {
  private readonly stream: Uint8Array;

  constructor(
    seed: Uint8Array,
    readonly ciphertexts: number,
  ) {
    this.stream = chacha20Stream(
      new Transcript('ballot-nonce').bytes(seed).digest(),
      64 * 4 * ciphertexts,
    );
  }

  private block(b: number): Scalar {
    if (b < 0 || b >= 4 * this.ciphertexts) throw new RangeError('nonce index out of range');
    return scalarFromWideBytes(this.stream.subarray(64 * b, 64 * b + 64));
  }

  /** Encryption nonce of ciphertext i (selections 0..C−1, then limit bits C..C+b−1). */
  encryption(i: number): Scalar {
    return this.block(4 * i);
  }

  /** The three proof nonces (w, u, c_sim) of ciphertext i, in that order. */
  proof(i: number): () => Scalar {
    let k = 0;
    return () => this.block(4 * i + 1 + (k++ % 3));
  }
}

export function selectionBinding(chi: Uint8Array, index: number): ProofBinding {
  return { tag: SELECTION_PROOF_TAG, context: chi, index };
}

export function limitBinding(chi: Uint8Array, index: number): ProofBinding {
  return { tag: LIMIT_PROOF_TAG, context: chi, index };
}

export function bitProofToJson(p: BitProof): BitProofJson {
  return { c0: toHex(p.c0), c1: toHex(p.c1), v0: toHex(p.v0), v1: toHex(p.v1) };
}

export function bitProofFromJson(j: BitProofJson): BitProof {
  return {
    c0: parseScalar(j.c0),
    c1: parseScalar(j.c1),
    v0: parseScalar(j.v0),
    v1: parseScalar(j.v1),
  };
}

export function selectionToJson(ct: Ciphertext, proof: BitProof): EncryptedSelectionJson {
  return { ...ciphertextToJson(ct), proof: bitProofToJson(proof) };
}

function parseSelection(j: EncryptedSelectionJson): ParsedSelection {
  return { ct: ciphertextFromJson(j), proof: bitProofFromJson(j.proof) };
}

/** Throws CodecError/TypeError on any malformed field (check V5). */
export function parseBallot(b: EncryptedBallot): ParsedBallot {
  if (!Array.isArray(b.selections) || !Array.isArray(b.limit))
    throw new TypeError('ballot without selections or limit');
  return { selections: b.selections.map(parseSelection), limit: b.limit.map(parseSelection) };
}

/**
 * Tracking code: H("tracking-code", H_E, branch, day, every ciphertext and proof scalar). It is
 * a hash of the whole encrypted ballot, so any change to the ballot changes it (§7.3).
 */
export function trackingCodeBytes(b: EncryptedBallot): Uint8Array {
  const t = new Transcript('tracking-code')
    .bytes(fromHex(b.electionHash, 32))
    .string(b.branchId)
    .string(b.day);
  for (const list of [b.selections, b.limit]) {
    t.u64(list.length);
    for (const s of list) {
      t.bytes(fromHex(s.alpha, 32)).bytes(fromHex(s.beta, 32));
      t.bytes(fromHex(s.proof.c0, 32))
        .bytes(fromHex(s.proof.c1, 32))
        .bytes(fromHex(s.proof.v0, 32))
        .bytes(fromHex(s.proof.v1, 32));
    }
  }
  return t.digest();
}

export function trackingCode(b: EncryptedBallot): Hex {
  return toHex(trackingCodeBytes(b));
}

// Crockford base32 (no I, L, O, U): read aloud and typed by voters from the printed slip.
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** The short human form: the first 80 bits of the tracking code as 4 groups of 4 base32 characters. */
export function shortTrackingCode(fullHex: Hex): string {
  const bytes = fromHex(fullHex, 32).subarray(0, 10);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += CROCKFORD[(value >>> (bits - 5)) & 31] ?? '';
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return (out.match(/.{4}/g) ?? []).join('-');
}

/** Accepts what a voter types: any case, with or without dashes; o→0, i/l→1 as Crockford says. */
/**
 * The full code's first 20 hex digits that a short code stands for (its 80 bits, §7.3), for a
 * lookup by prefix in a store of full codes; null when `input` is no short code.
 */
export function shortCodePrefixHex(input: string): string | null {
  const short = normaliseShortCode(input);
  if (short === null) return null;
  let value = 0n;
  for (const ch of short.replace(/-/g, '')) value = (value << 5n) | BigInt(CROCKFORD.indexOf(ch));
  return value.toString(16).padStart(20, '0');
}

export function normaliseShortCode(input: string): string | null {
  const s = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (!/^[0-9A-HJKMNP-TV-Z]{16}$/.test(s)) return null;
  return (s.match(/.{4}/g) ?? []).join('-');
}
