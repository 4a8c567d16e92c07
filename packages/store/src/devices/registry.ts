import type { Kysely } from 'kysely';
import { err, ok, problem, type DeviceKind, type Problem, type Result } from '@sandogh/core';
import { constraintViolation } from '../bulk.js';
import type { Database, DeviceStatus } from '../database.js';
import { deviceRegistryChanged } from './changes.js';

/**
 * The device registry (law 4, issue 5): the IT committee registers a device (serial, kind,
 * Ed25519 public key), assigns it to a branch and revokes it. It is the definition's own
 * `devices` table — the devices of the definition count as registered — so the access layer's
 * check of a signed message (hq/devices/authenticate.ts) reads one table whoever registered
 * the device. Uniqueness of serial and key is held by the table's constraints (any
 * concurrency); one in-service device of each kind per branch by a check inside the same
 * transaction as the write.
 */

export interface RegisteredDevice {
  readonly serial: string;
  readonly kind: DeviceKind;
  readonly publicKey: string;
  readonly branchId: string | null;
  readonly zoneHqId: string;
  readonly status: DeviceStatus;
}

export interface NewDevice {
  readonly serial: string;
  readonly kind: DeviceKind;
  readonly publicKey: string;
  readonly zoneHqId: string;
}

/** States in which a device no longer speaks for a branch (authenticate.ts agrees). */
export const OUT_OF_SERVICE: ReadonlySet<DeviceStatus> = new Set(['faulty', 'retired']);

function fromRow(row: {
  serial: string;
  kind: DeviceKind;
  public_key: string;
  branch_id: string | null;
  zone_hq_id: string;
  status: DeviceStatus;
}): RegisteredDevice {
  return {
    serial: row.serial,
    kind: row.kind,
    publicKey: row.public_key,
    branchId: row.branch_id,
    zoneHqId: row.zone_hq_id,
    status: row.status,
  };
}

const columns = ['serial', 'kind', 'public_key', 'branch_id', 'zone_hq_id', 'status'] as const;

export async function findDevice(
  db: Kysely<Database>,
  electionId: string,
  serial: string,
): Promise<RegisteredDevice | undefined> {
  const row = await db
    .selectFrom('devices')
    .select(columns)
    .where('election_id', '=', electionId)
    .where('serial', '=', serial)
    .executeTakeFirst();
  return row === undefined ? undefined : fromRow(row);
}

/** The devices of one branch (every status), or of the whole election, in registry order. */
export async function listDevices(
  db: Kysely<Database>,
  electionId: string,
  branchId?: string,
): Promise<RegisteredDevice[]> {
  let q = db.selectFrom('devices').select(columns).where('election_id', '=', electionId);
  if (branchId !== undefined) q = q.where('branch_id', '=', branchId);
  const rows = await q.orderBy('position').orderBy('serial').execute();
  return rows.map(fromRow);
}

/** Registers a new device, unassigned (a spare at its zone HQ until `assignDevice`). */
export async function registerDevice(
  db: Kysely<Database>,
  electionId: string,
  device: NewDevice,
): Promise<Result<RegisteredDevice, Problem>> {
  try {
    const registered = await db.transaction().execute(async (trx) => {
      const zone = await trx
        .selectFrom('zone_hqs')
        .select('id')
        .where('election_id', '=', electionId)
        .where('id', '=', device.zoneHqId)
        .executeTakeFirst();
      if (zone === undefined)
        return err(
          problem('DEFINITION_UNKNOWN_REFERENCE', { kind: 'zoneHq', id: device.zoneHqId }),
        );
      const last = await trx
        .selectFrom('devices')
        .select((eb) => eb.fn.max('position').as('p'))
        .where('election_id', '=', electionId)
        .executeTakeFirst();
      await trx
        .insertInto('devices')
        .values({
          election_id: electionId,
          serial: device.serial,
          kind: device.kind,
          public_key: device.publicKey,
          branch_id: null,
          zone_hq_id: device.zoneHqId,
          status: 'registered',
          position: (last?.p ?? -1) + 1,
        })
        .execute();
      return ok({ ...device, branchId: null, status: 'registered' as const });
    });
    deviceRegistryChanged();
    return registered;
  } catch (error) {
    const violation = constraintViolation(error);
    if (violation?.kind !== 'unique') throw error;
    const taken = await findDevice(db, electionId, device.serial);
    return err(
      taken === undefined
        ? problem('DEVICES_KEY_TAKEN')
        : problem('DEVICES_SERIAL_TAKEN', { serial: device.serial }),
    );
  }
}

/**
 * Assigns a device to a branch in a role (a spare takes the role of the device it replaces).
 * The branch keeps at most one in-service device per role: the old one is revoked first.
 */
export async function assignDevice(
  db: Kysely<Database>,
  electionId: string,
  serial: string,
  branchId: string,
  role: Exclude<DeviceKind, 'spare'>,
): Promise<Result<RegisteredDevice, Problem>> {
  const assigned = await db.transaction().execute(async (trx) => {
    const device = await findDevice(trx, electionId, serial);
    if (device === undefined) return err(problem('DEVICES_NOT_FOUND', { serial }));
    if (OUT_OF_SERVICE.has(device.status)) return err(problem('DEVICES_RETIRED', { serial }));
    const branch = await trx
      .selectFrom('branches')
      .select(['id', 'zone_hq_id'])
      .where('election_id', '=', electionId)
      .where('id', '=', branchId)
      .executeTakeFirst();
    if (branch === undefined) return err(problem('DEVICES_BRANCH_UNKNOWN', { branch: branchId }));
    const holder = await trx
      .selectFrom('devices')
      .select('serial')
      .where('election_id', '=', electionId)
      .where('branch_id', '=', branchId)
      .where('kind', '=', role)
      .where('serial', '<>', serial)
      .where('status', 'not in', [...OUT_OF_SERVICE])
      .executeTakeFirst();
    if (holder !== undefined)
      return err(
        problem('DEVICES_SLOT_TAKEN', { branch: branchId, kind: role, serial: holder.serial }),
      );
    await trx
      .updateTable('devices')
      .set({ branch_id: branchId, kind: role, zone_hq_id: branch.zone_hq_id })
      .where('election_id', '=', electionId)
      .where('serial', '=', serial)
      .execute();
    return ok({ ...device, kind: role, branchId, zoneHqId: branch.zone_hq_id });
  });
  deviceRegistryChanged();
  return assigned;
}

/**
 * Revokes a device for good (lost, broken, compromised): from now on every message it signs
 * is refused (law 4). It keeps its branch so that the record shows whose device it was.
 */
export async function revokeDevice(
  db: Kysely<Database>,
  electionId: string,
  serial: string,
): Promise<Result<RegisteredDevice, Problem>> {
  const device = await findDevice(db, electionId, serial);
  if (device === undefined) return err(problem('DEVICES_NOT_FOUND', { serial }));
  if (device.status === 'retired') return err(problem('DEVICES_RETIRED', { serial }));
  await db
    .updateTable('devices')
    .set({ status: 'retired' })
    .where('election_id', '=', electionId)
    .where('serial', '=', serial)
    .execute();
  // Law 4: from the next message on, the access layer's cache reads the device anew.
  deviceRegistryChanged();
  return ok({ ...device, status: 'retired' });
}
