import { afterEach, beforeEach, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import {
  branchPackageBytes,
  branchPackageShortHash,
  electionHash,
  type SignedBranchPackage,
} from '@sandogh/core';
import { auditDb, findDevice, loadDefinition, verifyEd25519 } from '@sandogh/store';
import { describeEachEngine, testDevicePublicKey, tinyDefinition } from '@sandogh/store/testing';
import { accessTestServer, loginAs, type TestSession } from '../access/testing.js';

const definition = tinyDefinition();
const electionId = definition.election.id;

describeEachEngine('the device registry and configuration packages at HQ', (ctx) => {
  let app: FastifyInstance;
  let it1: TestSession;
  beforeEach(async () => {
    app = await accessTestServer(ctx.store);
    const loaded = await loadDefinition(ctx.store, definition, electionHash(definition));
    expect(loaded.ok).toBe(true);
    it1 = await loginAs(app, 'it-committee');
  });
  afterEach(async () => {
    await app.close();
  });

  const call = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
    app.inject({
      method,
      url: `/api/v1${url}`,
      headers: it1.bearer,
      ...(payload === undefined ? {} : { payload }),
    });
  const audit = async () =>
    JSON.stringify(await auditDb(ctx.store.db).selectFrom('audit_log').selectAll().execute());

  it('registers a device, assigns it in place of a revoked one, and logs each step', async () => {
    const device = {
      serial: 'V-9001',
      kind: 'spare',
      publicKey: testDevicePublicKey('V-9001'),
      zoneHqId: 'zhq-1',
    };
    expect((await call('POST', '/devices', device)).statusCode).toBe(201);
    const again = await call('POST', '/devices', device);
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'DEVICES_SERIAL_TAKEN' });
    const busy = await call('PUT', '/devices/V-9001/branch', {
      branchId: 'b-0001',
      role: 'voting',
    });
    expect(busy.json()).toMatchObject({ code: 'DEVICES_SLOT_TAKEN' });
    expect((await call('POST', '/devices/V-0001/revoke')).statusCode).toBe(200);
    const swapped = await call('PUT', '/devices/V-9001/branch', {
      branchId: 'b-0001',
      role: 'voting',
    });
    expect(swapped.statusCode).toBe(200);
    expect(await findDevice(ctx.store.db, electionId, 'V-9001')).toMatchObject({
      kind: 'voting',
      branchId: 'b-0001',
    });
    const log = await audit();
    for (const kind of [
      'devices.device.provisioned',
      'devices.registry.refused',
      'devices.device.retired',
    ])
      expect(log).toContain(kind);
  });

  it('refuses bad registrations with catalogued problems and writes nothing', async () => {
    const bad = await call('POST', '/devices', {
      serial: 'V-1',
      kind: 'voting',
      publicKey: 'not a key',
      zoneHqId: 'zhq-1',
    });
    expect(bad.statusCode).toBe(400);
    expect(await findDevice(ctx.store.db, electionId, 'V-1')).toBeUndefined();
    const unknown = await call('POST', '/devices/V-9999/revoke');
    expect(unknown.json()).toMatchObject({ code: 'DEVICES_NOT_FOUND' });
  });

  it("serves the branch's package signed by HQ, naming its devices and HQ's key", async () => {
    const res = await call('GET', '/branches/b-0001/package');
    expect(res.statusCode).toBe(200);
    const signed = res.json<SignedBranchPackage>();
    expect(res.headers['x-sandogh-package-hash']).toBe(branchPackageShortHash(signed.package));
    expect(signed.package.election.hash).toBe(electionHash(definition));
    expect(signed.package.devices.map((d) => d.serial)).toEqual(['A-0001', 'V-0001']);
    expect(signed.package.trust.electionContext).toBeNull();
    const key = signed.package.trust.hq.publicKey;
    expect(verifyEd25519(key, branchPackageBytes(signed.package), signed.signature)).toBe(true);
    // Deterministic: the same registry gives the same package.
    expect((await call('GET', '/branches/b-0001/package')).json()).toEqual(signed);
    const other = await call('GET', '/branches/b-9999/package');
    expect(other.json()).toMatchObject({ code: 'DEVICES_BRANCH_UNKNOWN' });
  });

  it('lets a branch trustee read the package of their own branch only', async () => {
    const trustee = await loginAs(app, 'branch-trustee', {
      kind: 'branches',
      branchIds: ['b-0001'],
    });
    const own = await app.inject({
      url: '/api/v1/branches/b-0001/package',
      headers: trustee.bearer,
    });
    expect(own.statusCode).toBe(200);
    const other = await app.inject({
      url: '/api/v1/branches/b-0002/package',
      headers: trustee.bearer,
    });
    expect(other.statusCode).toBe(403);
  });
});
