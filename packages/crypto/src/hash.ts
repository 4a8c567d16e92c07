// Hashing for the profile (docs/CRYPTO.md §3): every hash input is a tagged, length-prefixed
// transcript so that no two different statements share an encoding (domain separation, as
// ElectionGuard 2.0 §3.2 does with its one-byte domain separators, here with readable tags).
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { elementFromUniformBytes, scalarFromWideBytes } from './group.js';
import type { Element, Scalar } from './group.js';

export const PROFILE_PREFIX = 'sandogh/v1/';
const utf8 = new TextEncoder();

function u32be(n: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, n, false);
  return out;
}

/** A Fiat–Shamir / digest transcript: item := u32be(len) || bytes, starting with the tag. */
export class Transcript {
  private readonly parts: Uint8Array[] = [];
  private length = 0;

  constructor(tag: string) {
    this.bytes(utf8.encode(PROFILE_PREFIX + tag));
  }

  bytes(b: Uint8Array): this {
    this.parts.push(u32be(b.length), b);
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
    const out = new Uint8Array(8);
    new DataView(out.buffer).setBigUint64(0, BigInt(n), false);
    return this.bytes(out);
  }

  encode(): Uint8Array {
    const out = new Uint8Array(this.length);
    let at = 0;
    for (const p of this.parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  }

  /** H_q: SHA-512 of the transcript, reduced mod q (the Fiat–Shamir challenge). */
  challenge(): Scalar {
    return scalarFromWideBytes(sha512(this.encode()));
  }

  /** H: SHA-256 of the transcript (digests: hashes of the election, tracking codes, trees). */
  digest(): Uint8Array {
    return sha256(this.encode());
  }

  /** 64 uniform bytes (input to hashToElement and to nonce derivation). */
  wide(): Uint8Array {
    return sha512(this.encode());
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
