import { randomBytes } from 'node:crypto';
import type { DeviceMessage, SignedDeviceMessage } from '@sandogh/core';
import { signDeviceMessage } from '@sandogh/crypto';
import { testDeviceKeySeed } from '@sandogh/store/testing';

/**
 * Test support for device routes (law 4): a message signed by a device of the store fixture
 * (`tinyDefinition`: A-0001/V-0001 for branch b-0001, …, spare S-0001), whose keys every test
 * knows. Overrides forge what a test needs: another branch, an old id, a foreign election.
 */
export interface TestDeviceMessage {
  readonly election: string;
  readonly device: string;
  readonly branch: string;
  readonly kind: string;
  readonly body: unknown;
  readonly id?: string;
  readonly at?: string;
  /** Sign with another device's key (default: the named device's own). */
  readonly signingDevice?: string;
}

export function signedBy(options: TestDeviceMessage): SignedDeviceMessage {
  const message: DeviceMessage = {
    v: 1,
    election: options.election,
    branch: options.branch,
    device: options.device,
    kind: options.kind,
    id: options.id ?? randomBytes(16).toString('hex'),
    at: options.at ?? new Date().toISOString(),
    body: options.body,
  };
  return signDeviceMessage(message, testDeviceKeySeed(options.signingDevice ?? options.device));
}
