import { createPrivateKey } from 'node:crypto';
import type { Branch, Device, DeviceKind, ZoneHq } from '@sandogh/core';
import { streamKey } from './prng.js';

/**
 * The two devices of every branch (authentication and voting, seed README) and the spares
 * each zone HQ keeps for breakdowns. Each device's Ed25519 key (RFC 8032) is derived from the
 * demo seed and the serial alone, so a station can be re-provisioned from the seed and one
 * device's key never depends on how many others there are. Demo keys only: anyone with the
 * seed has them all.
 */

/** A device's private key, kept out of the definition (DESIGN §9: private keys never in exports). */
export interface DemoDeviceKey {
  readonly serial: string;
  readonly kind: DeviceKind;
  readonly branchId: string | null;
  readonly zoneHqId: string;
  /** Raw 32-byte public key, base64 — the same as in the definition. */
  readonly publicKey: string;
  /** The 32-byte Ed25519 private key seed (RFC 8032 §5.1.5), hex. */
  readonly privateKeySeed: string;
}

/** Spares per zone HQ: 5% of the devices it serves, at least one. */
export const SPARE_SHARE_PERCENT = 5;

// PKCS #8 wrapping of a raw Ed25519 seed (RFC 8410 §7), so node:crypto can take it.
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/** The key pair of one device: seed = SHA-256(domain ‖ "device-key" ‖ serial ‖ demo seed). */
export function deviceKeyPair(
  seed: string,
  serial: string,
): { publicKey: string; privateKeySeed: string } {
  const secret = streamKey(seed, `device-key\u0000${serial}`);
  const privateKey = createPrivateKey({
    key: Buffer.concat([PKCS8_ED25519_PREFIX, secret]),
    format: 'der',
    type: 'pkcs8',
  });
  // The private JWK carries the public key as `x` (RFC 8037 §2), one scalar multiplication.
  const { x } = privateKey.export({ format: 'jwk' });
  if (x === undefined) throw new Error('Ed25519 key without its public part');
  return {
    publicKey: Buffer.from(x, 'base64url').toString('base64'),
    privateKeySeed: secret.toString('hex'),
  };
}

export function generateDevices(
  seed: string,
  zoneHqs: readonly ZoneHq[],
  branches: readonly Branch[],
): { devices: Device[]; keys: DemoDeviceKey[] } {
  const keys: DemoDeviceKey[] = [];
  const add = (
    serial: string,
    kind: DeviceKind,
    branchId: string | null,
    zoneHqId: string,
  ): void => {
    keys.push({ serial, kind, branchId, zoneHqId, ...deviceKeyPair(seed, serial) });
  };
  for (const b of branches) {
    add(`AUTH-${b.id}`, 'authentication', b.id, b.zoneHqId);
    add(`VOTE-${b.id}`, 'voting', b.id, b.zoneHqId);
  }
  zoneHqs.forEach((hq, i) => {
    const served = 2 * branches.filter((b) => b.zoneHqId === hq.id).length;
    const spares = Math.max(1, Math.ceil((served * SPARE_SHARE_PERCENT) / 100));
    for (let n = 1; n <= spares; n += 1) {
      add(
        `SPARE-${String(i + 1).padStart(2, '0')}-${String(n).padStart(3, '0')}`,
        'spare',
        null,
        hq.id,
      );
    }
  });
  const devices = keys.map(({ serial, kind, publicKey, branchId, zoneHqId }) => ({
    serial,
    kind,
    publicKey,
    branchId,
    zoneHqId,
  }));
  return { devices, keys };
}
