import type { FastifyRequest } from 'fastify';
import {
  err,
  ok,
  problem,
  type ActionSpec,
  type DeviceKind,
  type Problem,
  type Result,
  type SignedDeviceMessage,
} from '@sandogh/core';
import { verifyDeviceSignature } from '@sandogh/crypto';
import {
  currentElection,
  deviceRegistryGeneration,
  findDevice,
  type ElectionSummary,
  type RegisteredDevice,
  type Store,
} from '@sandogh/store';

/**
 * Law 4 — only mechanised, registered boxes count (the seed's rule): a route whose policy
 * action is for devices accepts a body only if it is a signed device message (core's
 * devices/message.ts) from a device registered for this election, assigned to the branch the
 * message names, of a kind the action allows, signed for this very action, with a valid
 * Ed25519 signature. The access layer calls `authenticateDevice` after the body is validated
 * and before the handler; a refusal is answered and logged there (devices.message.refused).
 *
 * Checks run cheapest first and the signature last, but every refusal names only what the
 * message claimed: a forger learns nothing it did not already send.
 *
 * The election and the device rows are cached per store (every check-in and ballot batch
 * passes here; two reads per message were a quarter of the HQ's time under load). A write
 * through the store's own functions — a device registered, assigned or revoked, a definition
 * loaded — moves `deviceRegistryGeneration()` once committed, and the next message reads the
 * rows anew: in this process a revocation takes effect at once, whichever server or Store
 * object made it. A write by another process (a second HQ on the same PostgreSQL, the CLI
 * beside a SQLite HQ) is seen within DEVICE_CACHE_MS, when a cached row is read again.
 * Unknown devices are never cached: a forger naming random serials costs a read each, and
 * no memory.
 */

/** How long a cached election or device row is trusted before it is read again (another process's changes). */
export const DEVICE_CACHE_MS = 2_000;

interface Cached<T> {
  readonly value: T;
  readonly at: number;
}

interface DeviceCache {
  readonly generation: number;
  election: Cached<ElectionSummary | undefined> | undefined;
  readonly devices: Map<string, Cached<RegisteredDevice>>;
}

const caches = new WeakMap<Store, DeviceCache>();

function cacheOf(store: Store): DeviceCache {
  const generation = deviceRegistryGeneration();
  const found = caches.get(store);
  if (found !== undefined && found.generation === generation) return found;
  const fresh: DeviceCache = { generation, election: undefined, devices: new Map() };
  caches.set(store, fresh);
  return fresh;
}

const fresh = <T>(entry: Cached<T> | undefined, now: number): entry is Cached<T> =>
  entry !== undefined && now - entry.at < DEVICE_CACHE_MS;

/**
 * Reads are taken into the cache they started with: a write committed meanwhile has moved the
 * generation, so what they read is kept only in a cache no one will consult again.
 */
async function cachedElection(store: Store, cache: DeviceCache, now: number) {
  if (fresh(cache.election, now)) return cache.election.value;
  const value = await currentElection(store);
  cache.election = { value, at: now };
  return value;
}

async function cachedDevice(store: Store, cache: DeviceCache, electionId: string, serial: string) {
  const now = performance.now();
  const entry = cache.devices.get(serial);
  if (fresh(entry, now)) return entry.value;
  const value = await findDevice(store.db, electionId, serial);
  if (value === undefined) cache.devices.delete(serial);
  else cache.devices.set(serial, { value, at: now });
  return value;
}

/** The device a message was proved to come from, as the route handler sees it. */
export interface AuthenticatedDevice {
  readonly serial: string;
  readonly kind: DeviceKind;
  readonly branchId: string;
  readonly zoneHqId: string;
  readonly electionId: string;
  /** The message as signed: its id is the idempotency key of the route's work. */
  readonly message: SignedDeviceMessage['message'];
}

export interface DeviceRefusal {
  readonly problem: Problem;
  /** The device the message named, when it named a registered one (for the log's actor). */
  readonly claimed: { readonly serial: string; readonly branch: string } | undefined;
  /** True once the signature verified: the refusal is the device's own act. */
  readonly signed: boolean;
}

/** Device states in which a device may no longer speak for a branch. */
const OUT_OF_SERVICE: ReadonlySet<string> = new Set(['faulty', 'retired']);

function isSignedMessage(body: unknown): body is SignedDeviceMessage {
  return (
    typeof body === 'object' &&
    body !== null &&
    'message' in body &&
    'signature' in body &&
    typeof body.signature === 'string' &&
    typeof body.message === 'object' &&
    body.message !== null
  );
}

export async function authenticateDevice(
  store: Store,
  action: string,
  spec: ActionSpec,
  body: unknown,
): Promise<Result<AuthenticatedDevice, DeviceRefusal>> {
  // The route's zod schema (signedDeviceMessageOf) has validated the shape already; a route
  // that forgot to declare it is refused here rather than trusted.
  if (!isSignedMessage(body))
    return err({
      problem: problem('ACCESS_DEVICE_ONLY', { action }),
      claimed: undefined,
      signed: false,
    });
  const { message } = body;
  const refuse = (p: Problem, claimed: DeviceRefusal['claimed'], signed = false) =>
    err({ problem: p, claimed, signed });

  const cache = cacheOf(store);
  const election = await cachedElection(store, cache, performance.now());
  if (election === undefined) return refuse(problem('DEVICE_NO_ELECTION'), undefined);
  if (message.election !== election.hash)
    return refuse(
      problem('DEVICE_WRONG_ELECTION', { claimed: message.election.slice(0, 12) }),
      undefined,
    );
  const device = await cachedDevice(store, cache, election.id, message.device);
  if (device === undefined)
    return refuse(problem('DEVICE_UNKNOWN', { device: message.device }), undefined);
  const claimed = { serial: device.serial, branch: message.branch };
  // The signature before anything that depends on the device's own word: an unsigned
  // message must not learn whether a device is retired or which branch it serves.
  if (!verifyDeviceSignature(body, device.publicKey))
    return refuse(problem('DEVICE_BAD_SIGNATURE', { device: device.serial }), claimed);
  if (OUT_OF_SERVICE.has(device.status))
    return refuse(
      problem('DEVICE_NOT_IN_SERVICE', { device: device.serial, status: device.status }),
      claimed,
      true,
    );
  if (device.branchId === null || device.branchId !== message.branch)
    return refuse(
      problem('DEVICE_WRONG_BRANCH', { device: device.serial, branch: message.branch }),
      claimed,
      true,
    );
  if (message.kind !== action)
    return refuse(
      problem('DEVICE_WRONG_ACTION', { claimed: message.kind.slice(0, 64), action }),
      claimed,
      true,
    );
  if (!(spec.deviceKinds ?? []).includes(device.kind))
    return refuse(
      problem('DEVICE_WRONG_KIND', { device: device.serial, kind: device.kind, action }),
      claimed,
      true,
    );
  return ok({
    serial: device.serial,
    kind: device.kind,
    branchId: device.branchId,
    zoneHqId: device.zoneHqId,
    electionId: election.id,
    message,
  });
}

const authenticated = new WeakMap<FastifyRequest, AuthenticatedDevice>();

export function setAuthenticatedDevice(request: FastifyRequest, device: AuthenticatedDevice) {
  authenticated.set(request, device);
}

/**
 * The device that signed this request. Only device routes call it, after the access layer
 * has authenticated the message; anything else is a programmer error.
 */
export function deviceOf(request: FastifyRequest): AuthenticatedDevice {
  const device = authenticated.get(request);
  if (device === undefined)
    throw new Error(`deviceOf: ${request.url} is not a device route or was not authenticated`);
  return device;
}
