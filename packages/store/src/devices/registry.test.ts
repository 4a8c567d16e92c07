import { electionHash } from '@sandogh/core';
import { expect, it } from 'vitest';
import { loadDefinition } from '../definition/load.js';
import { describeEachEngine } from '../testing/engines.js';
import { testDevicePublicKey, tinyDefinition } from '../testing/tinyDefinition.js';
import { assignDevice, findDevice, listDevices, registerDevice, revokeDevice } from './registry.js';

const d = tinyDefinition();
const electionId = d.election.id;
const fresh = (serial: string) => ({
  serial,
  kind: 'voting' as const,
  publicKey: testDevicePublicKey(serial),
  zoneHqId: 'zhq-1',
});

describeEachEngine('the device registry', (ctx) => {
  const load = () => loadDefinition(ctx.store, d, electionHash(d));

  it('counts the definition’s devices as registered', async () => {
    await load();
    expect(await findDevice(ctx.store.db, electionId, 'V-0001')).toMatchObject({
      branchId: 'b-0001',
      status: 'registered',
    });
    expect((await listDevices(ctx.store.db, electionId, 'b-0001')).map((x) => x.serial)).toEqual([
      'A-0001',
      'V-0001',
    ]);
  });

  it('registers a device once: a second serial or key is refused', async () => {
    await load();
    const first = await registerDevice(ctx.store.db, electionId, fresh('V-9001'));
    expect(first.ok).toBe(true);
    const again = await registerDevice(ctx.store.db, electionId, fresh('V-9001'));
    expect(again.ok ? '' : again.error.code).toBe('DEVICES_SERIAL_TAKEN');
    const sameKey = await registerDevice(ctx.store.db, electionId, {
      ...fresh('V-9001'),
      serial: 'V-9002',
    });
    expect(sameKey.ok ? '' : sameKey.error.code).toBe('DEVICES_KEY_TAKEN');
  });

  it('assigns a device to a branch only once the device holding the role is revoked', async () => {
    await load();
    await registerDevice(ctx.store.db, electionId, fresh('V-9001'));
    const taken = await assignDevice(ctx.store.db, electionId, 'V-9001', 'b-0001', 'voting');
    expect(taken.ok ? '' : taken.error.code).toBe('DEVICES_SLOT_TAKEN');
    expect((await revokeDevice(ctx.store.db, electionId, 'V-0001')).ok).toBe(true);
    const assigned = await assignDevice(ctx.store.db, electionId, 'V-9001', 'b-0001', 'voting');
    expect(assigned.ok && assigned.value.branchId).toBe('b-0001');
    const back = await assignDevice(ctx.store.db, electionId, 'V-0001', 'b-0001', 'voting');
    expect(back.ok ? '' : back.error.code).toBe('DEVICES_RETIRED');
    const spare = await assignDevice(ctx.store.db, electionId, 'S-0001', 'b-0002', 'voting');
    expect(spare.ok ? '' : spare.error.code).toBe('DEVICES_SLOT_TAKEN');
    const nowhere = await assignDevice(ctx.store.db, electionId, 'S-0001', 'b-9999', 'voting');
    expect(nowhere.ok ? '' : nowhere.error.code).toBe('DEVICES_BRANCH_UNKNOWN');
  });

  it('revokes a device for good', async () => {
    await load();
    expect((await revokeDevice(ctx.store.db, electionId, 'A-0002')).ok).toBe(true);
    const twice = await revokeDevice(ctx.store.db, electionId, 'A-0002');
    expect(twice.ok ? '' : twice.error.code).toBe('DEVICES_RETIRED');
    const unknown = await revokeDevice(ctx.store.db, electionId, 'X-1');
    expect(unknown.ok ? '' : unknown.error.code).toBe('DEVICES_NOT_FOUND');
  });
});
