import { randomBytes } from 'node:crypto';
import {
  canonicalJson,
  type DeviceMessage,
  type DeviceStatusBody,
  type SignedDeviceMessage,
} from '@sandogh/core';
import { devicePublicKeyOf, signDeviceMessage } from '@sandogh/crypto';
import type { OpenedPackage } from '../config/package.js';
import type { StationStore } from '../store/stationStore.js';
import type { DeviceIdentity } from '../sync/outbox.js';

/**
 * The station's self-test and its status report to HQ (issue 8, device readiness; docs/STATION.md
 * "Self-test"): before opening, the station checks what it can check by itself and sends HQ a
 * signed `devices.status` message naming the package hash it runs and each check's result.
 * HQ's readiness view (hq devices/readiness.ts) compares the hash with the branch's package of
 * now, so a station still running an older package shows as stale.
 */
export interface SelfTestInput {
  readonly opened: OpenedPackage;
  readonly identity: DeviceIdentity;
  readonly store: StationStore;
  /** The printer's own answer (paper, cover); the station has no other way to know. */
  readonly printerReady: boolean;
}

export function runSelfTest(input: SelfTestInput): DeviceStatusBody['selfTest'] {
  const { opened, identity, store } = input;
  const checks = [
    {
      name: 'device-key',
      passed: devicePublicKeyOf(identity.seed) === opened.device.publicKey,
    },
    {
      name: 'election-key',
      passed: opened.package.trust.electionContext !== null,
    },
    { name: 'store', passed: storeWritable(store) },
    { name: 'printer', passed: input.printerReady },
  ];
  return { passed: checks.every((c) => c.passed), checks };
}

function storeWritable(store: StationStore): boolean {
  try {
    const probe = randomBytes(8).toString('hex');
    store.setMeta('self-test', probe);
    return store.getMeta('self-test') === probe;
  } catch {
    return false;
  }
}

/** The signed `devices.status` message for HQ's POST /api/v1/devices/status. */
export function statusMessage(
  identity: DeviceIdentity,
  selfTest: DeviceStatusBody['selfTest'],
  at = new Date(),
): SignedDeviceMessage<DeviceStatusBody> {
  const message: DeviceMessage<DeviceStatusBody> = {
    v: 1,
    election: identity.election,
    branch: identity.branch,
    device: identity.serial,
    kind: 'devices.status',
    id: randomBytes(16).toString('hex'),
    at: at.toISOString(),
    body: { package: identity.packageHash, selfTest },
  };
  return signDeviceMessage(message, identity.seed);
}

/** Sends the report; the answer's status and body, or a throw when HQ cannot be reached. */
export async function sendStatus(
  hqUrl: string,
  signed: SignedDeviceMessage<DeviceStatusBody>,
): Promise<{ readonly status: number; readonly body: unknown }> {
  const response = await fetch(new URL('/api/v1/devices/status', hqUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: canonicalJson(signed),
    signal: AbortSignal.timeout(10_000),
  });
  return { status: response.status, body: await response.json() };
}
