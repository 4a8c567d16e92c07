// The prime-order group of the profile: ristretto255 (RFC 9496), docs/CRYPTO.md §2.
// This is the only file that knows the backend (libsodium-wrappers-sumo, chosen by measurement in
// bench/crypto/group-ops.ts). libsodium's ristretto255 scalar multiplications are constant-time;
// the checks on encodings below are not, and only ever see public data.
import sodium from 'libsodium-wrappers-sumo';

await sodium.ready;

/** A scalar mod q (q = 2^252 + 27742317777372353535851937790883648493), 32 bytes little-endian, canonical. */
export type Scalar = Uint8Array & { readonly __brand: 'Scalar' };
/** A ristretto255 element in its canonical 32-byte encoding (RFC 9496 §4.3.2). */
export type Element = Uint8Array & { readonly __brand: 'Element' };

export const SCALAR_BYTES = 32;
export const ELEMENT_BYTES = 32;
/** The group order q (RFC 9496 §4.1). */
export const GROUP_ORDER = 2n ** 252n + 27742317777372353535851937790883648493n;

export const IDENTITY = new Uint8Array(32) as Element;
export const SCALAR_ZERO = new Uint8Array(32) as Scalar;
export const SCALAR_ONE = scalarFromBigint(1n);
/** The generator g: the ristretto255 base point (RFC 9496 §4.4). */
export const GENERATOR = sodium.crypto_scalarmult_ristretto255_base(SCALAR_ONE) as Element;

function isZero(bytes: Uint8Array): boolean {
  let acc = 0;
  for (const b of bytes) acc |= b;
  return acc === 0;
}

/** g^s. libsodium refuses a zero result, which only a zero scalar gives (q is prime). */
export function baseMul(s: Scalar): Element {
  if (isZero(s)) return IDENTITY;
  return sodium.crypto_scalarmult_ristretto255_base(s) as Element;
}

/** P^s (written multiplicatively, as the profile does). */
export function mul(p: Element, s: Scalar): Element {
  if (isZero(s) || isZero(p)) return IDENTITY;
  return sodium.crypto_scalarmult_ristretto255(s, p) as Element;
}

export function add(a: Element, b: Element): Element {
  return sodium.crypto_core_ristretto255_add(a, b) as Element;
}

/** a · b⁻¹ */
export function sub(a: Element, b: Element): Element {
  return sodium.crypto_core_ristretto255_sub(a, b) as Element;
}

/** Encodings are canonical (RFC 9496 §4.3.1 rejects non-canonical ones), so equality is byte equality. */
export function elementEquals(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

export function isElement(bytes: Uint8Array): bytes is Element {
  return bytes.length === ELEMENT_BYTES && sodium.crypto_core_ristretto255_is_valid_point(bytes);
}

export function isScalar(bytes: Uint8Array): bytes is Scalar {
  return bytes.length === SCALAR_BYTES && bytesToBigintLE(bytes) < GROUP_ORDER;
}

/** Uniform element from 64 uniform bytes: RFC 9496 §4.3.4 one-way map (used by hashToElement). */
export function elementFromUniformBytes(bytes64: Uint8Array): Element {
  return sodium.crypto_core_ristretto255_from_hash(bytes64) as Element;
}

export function scalarAdd(a: Scalar, b: Scalar): Scalar {
  return sodium.crypto_core_ristretto255_scalar_add(a, b) as Scalar;
}
export function scalarSub(a: Scalar, b: Scalar): Scalar {
  return sodium.crypto_core_ristretto255_scalar_sub(a, b) as Scalar;
}
export function scalarMul(a: Scalar, b: Scalar): Scalar {
  return sodium.crypto_core_ristretto255_scalar_mul(a, b) as Scalar;
}
export function scalarNeg(a: Scalar): Scalar {
  return sodium.crypto_core_ristretto255_scalar_negate(a) as Scalar;
}
export function scalarInvert(a: Scalar): Scalar {
  if (isZero(a)) throw new RangeError('zero has no inverse mod q');
  return sodium.crypto_core_ristretto255_scalar_invert(a) as Scalar;
}
export function scalarEquals(a: Scalar, b: Scalar): boolean {
  return elementEquals(a, b);
}
export function scalarIsZero(a: Scalar): boolean {
  return isZero(a);
}

/** Uniform scalar from 64 uniform bytes (wide reduction mod q, bias < 2^-256). */
export function scalarFromWideBytes(bytes64: Uint8Array): Scalar {
  if (bytes64.length !== 64) throw new RangeError('wide reduction needs 64 bytes');
  return sodium.crypto_core_ristretto255_scalar_reduce(bytes64) as Scalar;
}

/** A fresh uniform secret scalar from the operating system's CSPRNG (libsodium randombytes). */
export function randomScalar(): Scalar {
  return sodium.crypto_core_ristretto255_scalar_random() as Scalar;
}

export function randomBytes(n: number): Uint8Array {
  return sodium.randombytes_buf(n);
}

export function scalarFromBigint(n: bigint): Scalar {
  let v = ((n % GROUP_ORDER) + GROUP_ORDER) % GROUP_ORDER;
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out as Scalar;
}

export function scalarFromInt(n: number): Scalar {
  if (!Number.isSafeInteger(n)) throw new RangeError(`not a safe integer: ${n}`);
  return scalarFromBigint(BigInt(n));
}

export function scalarToBigint(s: Scalar): bigint {
  return bytesToBigintLE(s);
}

function bytesToBigintLE(bytes: Uint8Array): bigint {
  let v = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) v = (v << 8n) | BigInt(bytes[i] ?? 0);
  return v;
}

/** Overwrites secret bytes once they are no longer needed (best effort in a garbage-collected runtime). */
export function wipe(bytes: Uint8Array): void {
  sodium.memzero(bytes);
}
