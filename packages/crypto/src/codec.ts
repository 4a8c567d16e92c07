// JSON encodings of the profile (docs/CRYPTO.md §2.3): every scalar, element and digest travels
// as lowercase hex; parsing validates length, canonical form and group membership, because the
// verifier reads records from anyone (DESIGN law 8: bad input changes nothing).
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { isElement, isScalar } from './group.js';
import type { Element, Scalar } from './group.js';

export type Hex = string;

export function toHex(bytes: Uint8Array): Hex {
  return bytesToHex(bytes);
}

const HEX = /^(?:[0-9a-f]{2})*$/;

export function fromHex(hex: string, length?: number): Uint8Array {
  const raw: unknown = hex;
  if (typeof raw !== 'string') throw new CodecError(`expected a hex string, got ${typeof raw}`);
  if (!HEX.test(raw)) throw new CodecError(`not lowercase hex: ${raw.slice(0, 80)}`);
  const bytes = hexToBytes(hex);
  if (length !== undefined && bytes.length !== length)
    throw new CodecError(`expected ${length} bytes, got ${bytes.length}`);
  return bytes;
}

export class CodecError extends Error {
  override readonly name = 'CodecError';
}

export function parseElement(hex: string): Element {
  const bytes = fromHex(hex, 32);
  if (!isElement(bytes)) throw new CodecError(`not a canonical ristretto255 encoding: ${hex}`);
  return bytes;
}

export function parseScalar(hex: string): Scalar {
  const bytes = fromHex(hex, 32);
  if (!isScalar(bytes)) throw new CodecError(`not a canonical scalar mod q: ${hex}`);
  return bytes;
}

export function parseDigest(hex: string): Uint8Array {
  return fromHex(hex, 32);
}

export function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64');
}

export function fromBase64(b64: string): Uint8Array {
  const raw: unknown = b64;
  if (typeof raw !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(raw))
    throw new CodecError('not base64');
  return new Uint8Array(Buffer.from(b64, 'base64'));
}
