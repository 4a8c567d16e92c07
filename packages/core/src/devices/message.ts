import { z } from 'zod';

/**
 * The signed device message (law 4, the seed's "no non-mechanised box"): everything a station
 * device sends HQ is one of these, signed with the device's Ed25519 key (RFC 8032) registered
 * in the election definition or by the IT committee. docs/FORMATS.md, "Device messages".
 *
 * The signature (made and checked in @sandogh/crypto, deviceSignature.ts) covers the RFC 8785
 * canonical JSON of `message`, so every party hashes the same
 * bytes whatever the key order or spacing on the wire. `election` binds the message to one
 * election definition (a training election's hash differs, so its messages are refused), `id`
 * makes a retry recognisable (HQ applies each message once), and `kind` names the policy
 * action, so a message signed for one route cannot be replayed at another.
 */

const hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 hash in lowercase hex');
const identifier = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/);

/** 16 random bytes in lowercase hex, chosen by the device once per message. */
export const deviceMessageId = z.string().regex(/^[0-9a-f]{32}$/, '32 lowercase hex digits');

/**
 * Ed25519 signatures are 64 bytes: 88 characters of standard base64 ending in "==". The 86th
 * character carries 2 bits of signature and 4 of padding, which must be zero (RFC 4648 §3.5):
 * only A, Q, g or w — so each signature has exactly one spelling.
 */
const ed25519Signature = z
  .string()
  .regex(/^[A-Za-z0-9+/]{85}[AQgw]==$/, 'an Ed25519 signature (canonical base64)');

export const DEVICE_MESSAGE_VERSION = 1;

function messageOf<T extends z.ZodType>(body: T) {
  return z.strictObject({
    v: z.literal(DEVICE_MESSAGE_VERSION),
    election: hex64,
    branch: identifier,
    device: identifier,
    kind: z.string().regex(/^[a-z]+\.[a-zA-Z]+$/, 'a policy action, area.verb'),
    id: deviceMessageId,
    at: z.iso.datetime({ offset: false, precision: 3 }),
    body,
  });
}

/** The schema of a signed message whose body is `body`: routes declare theirs with it. */
export function signedDeviceMessageOf<T extends z.ZodType>(body: T) {
  return z.strictObject({ message: messageOf(body), signature: ed25519Signature });
}

export const signedDeviceMessage = signedDeviceMessageOf(z.unknown());

export interface DeviceMessage<T = unknown> {
  readonly v: typeof DEVICE_MESSAGE_VERSION;
  readonly election: string;
  readonly branch: string;
  readonly device: string;
  readonly kind: string;
  readonly id: string;
  readonly at: string;
  readonly body: T;
}

export interface SignedDeviceMessage<T = unknown> {
  readonly message: DeviceMessage<T>;
  readonly signature: string;
}
