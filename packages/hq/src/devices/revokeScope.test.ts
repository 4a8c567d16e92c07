import { afterEach, beforeEach, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { electionHash } from '@sandogh/core';
import { auditDb, findDevice, loadDefinition } from '@sandogh/store';
import { describeEachEngine, tinyDefinition } from '@sandogh/store/testing';
import { accessTestServer, loginAs, type TestSession } from '../access/testing.js';

// tinyDefinition: b-0001, b-0002 (and the spare S-0001) in zone HQ zhq-1; b-0003, b-0004 in zhq-2.
const definition = tinyDefinition();
const electionId = definition.election.id;

describeEachEngine('revoking a device, in the scope of a zone HQ’s IT committee', (ctx) => {
  let app: FastifyInstance;
  let zoneIt: TestSession;
  beforeEach(async () => {
    app = await accessTestServer(ctx.store);
    const loaded = await loadDefinition(ctx.store, definition, electionHash(definition));
    expect(loaded.ok).toBe(true);
    zoneIt = await loginAs(app, 'it-committee', { kind: 'zoneHq', zoneHqId: 'zhq-1' });
  });
  afterEach(async () => {
    await app.close();
  });

  const revoke = (serial: string, session: TestSession = zoneIt) =>
    app.inject({
      method: 'POST',
      url: `/api/v1/devices/${serial}/revoke`,
      headers: session.bearer,
    });
  const statusOf = async (serial: string) =>
    (await findDevice(ctx.store.db, electionId, serial))?.status;

  it("revokes its own zone HQ's branch device and spare, and is refused another zone HQ's", async () => {
    const own = await revoke('V-0001');
    expect(own.statusCode, own.body).toBe(200);
    expect(await statusOf('V-0001')).toBe('retired');
    const spare = await revoke('S-0001');
    expect(spare.statusCode, spare.body).toBe(200);

    const before = await statusOf('V-0003');
    const other = await revoke('V-0003');
    expect(other.statusCode).toBe(403);
    expect(other.json()).toMatchObject({ code: 'ACCESS_FORBIDDEN' });
    expect(await statusOf('V-0003')).toBe(before);
    const refusal = await auditDb(ctx.store.db)
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'access.refused')
      .execute();
    expect(JSON.stringify(refusal)).toContain('b-0003');
  });

  it('refuses an unknown serial to the zone HQ’s committee, and says "not found" to the county’s', async () => {
    const narrow = await revoke('V-9999');
    expect(narrow.statusCode).toBe(403);
    const county = await loginAs(app, 'it-committee');
    const wide = await revoke('V-9999', county);
    expect(wide.statusCode).toBe(404);
    expect((await revoke('V-0003', county)).statusCode).toBe(200);
  });

  it("refuses another zone HQ's committee the device of a zone HQ", async () => {
    const otherIt = await loginAs(app, 'it-committee', { kind: 'zoneHq', zoneHqId: 'zhq-2' });
    expect((await revoke('V-0001', otherIt)).statusCode).toBe(403);
    expect((await revoke('S-0001', otherIt)).statusCode).toBe(403);
    expect(await statusOf('V-0001')).not.toBe('retired');
    expect((await revoke('V-0004', otherIt)).statusCode).toBe(200);
  });
});
