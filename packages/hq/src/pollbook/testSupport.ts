import { randomBytes, type KeyObject } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { devicePrivateKey, signDeviceMessage } from '@sandogh/crypto';
import { currentElection, type Store } from '@sandogh/store';
import { pollbookFixture, testDeviceKeySeed } from '@sandogh/store/testing';
import { accessTestServer } from '../access/testing.js';

/** An HQ on a poll-book fixture, listening on a real port (the tests speak HTTP). */
export interface PollbookHq {
  readonly app: FastifyInstance;
  readonly url: string;
  readonly hash: string;
}

export async function pollbookHq(
  store: Store,
  options: { readonly branches?: number; readonly voters?: number } = {},
): Promise<PollbookHq> {
  await pollbookFixture(store, options);
  const election = await currentElection(store);
  if (election === undefined) throw new Error('no election');
  const app = await accessTestServer(store);
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, url, hash: election.hash };
}

export const branchOf = (i: number) => `b-${String(i).padStart(4, '0')}`;
export const authDeviceOf = (i: number) => `A-${String(i).padStart(4, '0')}`;
export const votingDeviceOf = (i: number) => `V-${String(i).padStart(4, '0')}`;

const keys = new Map<string, KeyObject>();

/** The device's key, made once: the concurrency test signs thousands of messages. */
function keyOf(serial: string): KeyObject {
  let key = keys.get(serial);
  if (key === undefined) {
    key = devicePrivateKey(testDeviceKeySeed(serial));
    keys.set(serial, key);
  }
  return key;
}

/** A check-in as branch i's authentication device signs it (docs/FORMATS.md, device messages). */
export function checkInMessage(
  hq: Pick<PollbookHq, 'hash'>,
  branch: number,
  nationalCode: string,
  overrides: { readonly id?: string } = {},
) {
  const device = authDeviceOf(branch);
  return signDeviceMessage(
    {
      v: 1 as const,
      election: hq.hash,
      branch: branchOf(branch),
      device,
      kind: 'pollbook.checkIn',
      id: overrides.id ?? randomBytes(16).toString('hex'),
      at: new Date().toISOString(),
      body: { nationalCode, document: { kind: 'national-card' }, fingerprint: 'matched' },
    },
    keyOf(device),
  );
}

export async function post(
  hq: PollbookHq,
  path: string,
  body: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${hq.url}/api/v1${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}
