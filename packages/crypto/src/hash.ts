// Hashing for the profile (docs/CRYPTO.md §3): every hash input is a tagged, length-prefixed
// transcript so that no two different statements share an encoding (domain separation, as
// ElectionGuard 2.0 §3.2 does with its one-byte domain separators, here with readable tags).
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { elementFromUniformBytes, scalarFromWideBytes } from './group.js';
import type { Element, Scalar } from './group.js';

export const PROFILE_PREFIX = 'sandogh/v1/';
const utf8 = new TextEncoder();

/** A Fiat–Shamir / digest transcript: item := u32be(len) || bytes, starting with the tag. */
export class Transcript {
  // One growing buffer: transcripts are built ~150 times per ballot, so no per-item allocation.
  private buf = new Uint8Array(512);
  private view = new DataView(this.buf.buffer);
  private length = 0;

  constructor(tag: string) {
    this.bytes(utf8.encode(PROFILE_PREFIX + tag));
  }

  private reserve(n: number): void {
    if (this.length + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.length + n));
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  bytes(b: Uint8Array): this {
    this.reserve(4 + b.length);
    this.view.setUint32(this.length, b.length, false);
    this.buf.set(b, this.length + 4);
    this.length += 4 + b.length;
    return this;
  }
  element(e: Element): this {
    return this.bytes(e);
  }
  scalar(s: Scalar): this {
    return this.bytes(s);
  }
  elements(list: readonly Element[]): this {
    this.u64(list.length);
    for (const e of list) this.bytes(e);
    return this;
  }
  string(s: string): this {
    return this.bytes(utf8.encode(s));
  }
  /** Non-negative integers below 2^53, as 8 bytes big-endian. */
  u64(n: number): this {
    if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`not a count: ${n}`);
    this.reserve(12);
    this.view.setUint32(this.length, 8, false);
    this.view.setBigUint64(this.length + 4, BigInt(n), false);
    this.length += 12;
    return this;
  }

  encode(): Uint8Array {
    return this.buf.slice(0, this.length);
  }

  /** H_q: SHA-512 of the transcript, reduced mod q (the Fiat–Shamir challenge). */
  challenge(): Scalar {
    return scalarFromWideBytes(sha512(this.buf.subarray(0, this.length)));
  }

  /** H: SHA-256 of the transcript (digests: hashes of the election, tracking codes, trees). */
  digest(): Uint8Array {
    return sha256(this.buf.subarray(0, this.length));
  }

  /** 64 uniform bytes (input to hashToElement and to nonce derivation). */
  wide(): Uint8Array {
    return sha512(this.buf.subarray(0, this.length));
  }
}

export function sha256Bytes(data: Uint8Array): Uint8Array {
  return sha256(data);
}

export function utf8Bytes(s: string): Uint8Array {
  return utf8.encode(s);
}

/** H_q(tag, parts…): a scalar from a tagged transcript of byte strings (§3). */
export function hashToScalar(tag: string, ...parts: readonly Uint8Array[]): Scalar {
  const t = new Transcript(tag);
  for (const p of parts) t.bytes(p);
  return t.challenge();
}

/** An element nobody knows the discrete log of: RFC 9496 §4.3.4 map of SHA-512(T(tag, parts…)). */
export function hashToElement(tag: string, ...parts: readonly Uint8Array[]): Element {
  const t = new Transcript(tag);
  for (const p of parts) t.bytes(p);
  return elementFromUniformBytes(t.wide());
}
