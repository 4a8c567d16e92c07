import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { canonicalJson } from './jcs.js';

/**
 * Signatures of device messages (law 4; the message format is @sandogh/core's
 * devices/message.ts): Ed25519 (RFC 8032) over the RFC 8785 canonical JSON of the message.
 * node:crypto (OpenSSL) rather than noble: HQ verifies one per check-in and per ballot batch,
 * at thousands a second, and OpenSSL's verification is several times faster. Signing runs on
 * a station with its own key only; nothing secret is compared here.
 */

// PKCS #8 and SPKI wrappings of raw Ed25519 keys (RFC 8410 §§4, 7), so node:crypto takes them.
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export interface SignedMessage<M> {
  readonly message: M;
  readonly signature: string;
}

/** The device's private key from its 32-byte seed (hex), as stations keep it. */
export function devicePrivateKey(seedHex: string): KeyObject {
  const seed = Buffer.from(seedHex, 'hex');
  if (seed.length !== 32 || seedHex.length !== 64) throw new TypeError('a 32-byte seed in hex');
  return createPrivateKey({
    key: Buffer.concat([PKCS8_PREFIX, seed]),
    format: 'der',
    type: 'pkcs8',
  });
}

/** The raw public key (standard base64 of 32 bytes, as in the election definition). */
export function devicePublicKeyOf(seedHex: string): string {
  const jwk = createPublicKey(devicePrivateKey(seedHex)).export({ format: 'jwk' });
  return Buffer.from(jwk.x ?? '', 'base64url').toString('base64');
}

/** Public keys are parsed once per device, not once per message. */
const publicKeys = new Map<string, KeyObject | null>();

function publicKeyFrom(base64: string): KeyObject | null {
  let key = publicKeys.get(base64);
  if (key === undefined) {
    const raw = Buffer.from(base64, 'base64');
    try {
      key =
        raw.length === 32
          ? createPublicKey({ key: Buffer.concat([SPKI_PREFIX, raw]), format: 'der', type: 'spki' })
          : null;
    } catch {
      // A 32-byte string that is not a point of the curve.
      key = null;
    }
    if (publicKeys.size > 100_000) publicKeys.clear();
    publicKeys.set(base64, key);
  }
  return key;
}

export function signDeviceMessage<M extends object>(
  message: M,
  key: KeyObject | string,
): SignedMessage<M> {
  const privateKey = typeof key === 'string' ? devicePrivateKey(key) : key;
  const signature = sign(null, Buffer.from(canonicalJson(message), 'utf8'), privateKey);
  return { message, signature: signature.toString('base64') };
}

/** True when `signature` is the device's over exactly this message; false for anything else. */
export function verifyDeviceSignature(
  signed: SignedMessage<object>,
  publicKeyBase64: string,
): boolean {
  const key = publicKeyFrom(publicKeyBase64);
  if (key === null) return false;
  const signature = Buffer.from(signed.signature, 'base64');
  // One spelling per signature: base64 with non-zero padding bits decodes to the same bytes.
  if (signature.length !== 64 || signature.toString('base64') !== signed.signature) return false;
  try {
    return verify(null, Buffer.from(canonicalJson(signed.message), 'utf8'), key, signature);
  } catch {
    return false;
  }
}
