import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { accessPolicy, electionHash, type ActionSpec } from '@sandogh/core';
import { deviceRegistryChanged, loadDefinition, revokeDevice } from '@sandogh/store';
import { describeEachEngine, tinyDefinition } from '@sandogh/store/testing';
import { DEVICE_CACHE_MS, authenticateDevice } from './authenticate.js';
import { signedBy } from './testing.js';

const definition = tinyDefinition();
const hash = electionHash(definition);
const checkIn: ActionSpec = accessPolicy['pollbook.checkIn'];
const submit: ActionSpec = accessPolicy['ballots.submit'];

function message(overrides: Partial<Parameters<typeof signedBy>[0]> = {}) {
  return signedBy({
    election: hash,
    device: 'A-0001',
    branch: 'b-0001',
    kind: 'pollbook.checkIn',
    body: { nationalCode: '0000000000' },
    ...overrides,
  });
}

describeEachEngine('device messages (law 4)', (engine) => {
  beforeEach(async () => {
    const loaded = await loadDefinition(engine.store, definition, hash);
    expect(loaded.ok).toBe(true);
  });

  const codeOf = async (action: string, spec: ActionSpec, body: unknown) => {
    const verdict = await authenticateDevice(engine.store, action, spec, body);
    return verdict.ok ? 'accepted' : verdict.error.problem.code;
  };

  it("accepts a message signed by the branch's own authentication device", async () => {
    const verdict = await authenticateDevice(engine.store, 'pollbook.checkIn', checkIn, message());
    expect(verdict.ok && verdict.value).toMatchObject({
      serial: 'A-0001',
      kind: 'authentication',
      branchId: 'b-0001',
      electionId: definition.election.id,
    });
  });

  it('refuses a message for another election (a training election, say)', async () => {
    expect(await codeOf('pollbook.checkIn', checkIn, message({ election: 'f'.repeat(64) }))).toBe(
      'DEVICE_WRONG_ELECTION',
    );
  });

  it('refuses an unregistered device', async () => {
    expect(await codeOf('pollbook.checkIn', checkIn, message({ device: 'A-9999' }))).toBe(
      'DEVICE_UNKNOWN',
    );
  });

  it("refuses a message signed with another device's key", async () => {
    expect(await codeOf('pollbook.checkIn', checkIn, message({ signingDevice: 'A-0002' }))).toBe(
      'DEVICE_BAD_SIGNATURE',
    );
  });

  it('refuses a message altered after signing', async () => {
    const signed = message();
    const altered = { ...signed, message: { ...signed.message, body: { nationalCode: '1' } } };
    expect(await codeOf('pollbook.checkIn', checkIn, altered)).toBe('DEVICE_BAD_SIGNATURE');
  });

  it("refuses a device speaking for another branch, even when signed by the device's key", async () => {
    expect(await codeOf('pollbook.checkIn', checkIn, message({ branch: 'b-0002' }))).toBe(
      'DEVICE_WRONG_BRANCH',
    );
  });

  it('refuses a spare that has not been assigned to a branch', async () => {
    expect(
      await codeOf('pollbook.checkIn', checkIn, message({ device: 'S-0001', branch: 'b-0001' })),
    ).toBe('DEVICE_WRONG_BRANCH');
  });

  it('refuses a message signed for one action and sent to another', async () => {
    expect(await codeOf('ballots.submit', submit, message())).toBe('DEVICE_WRONG_ACTION');
  });

  it('refuses a voting device asking to check a voter in', async () => {
    expect(await codeOf('pollbook.checkIn', checkIn, message({ device: 'V-0001' }))).toBe(
      'DEVICE_WRONG_KIND',
    );
  });

  it('refuses a retired or faulty device', async () => {
    for (const status of ['retired', 'faulty'] as const) {
      await engine.store.db
        .updateTable('devices')
        .set({ status })
        .where('serial', '=', 'A-0001')
        .execute();
      // Written behind the store's functions, as another process would: say so to the cache.
      deviceRegistryChanged();
      expect(await codeOf('pollbook.checkIn', checkIn, message())).toBe('DEVICE_NOT_IN_SERVICE');
    }
  });

  it('refuses a device revoked a moment ago, although its row was cached', async () => {
    expect(await codeOf('pollbook.checkIn', checkIn, message())).toBe('accepted');
    expect(await codeOf('pollbook.checkIn', checkIn, message())).toBe('accepted');
    const revoked = await revokeDevice(engine.store.db, definition.election.id, 'A-0001');
    expect(revoked.ok).toBe(true);
    expect(await codeOf('pollbook.checkIn', checkIn, message())).toBe('DEVICE_NOT_IN_SERVICE');
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('sees a revocation made by another process within DEVICE_CACHE_MS', async () => {
    vi.useFakeTimers({ toFake: ['performance'] });
    expect(await codeOf('pollbook.checkIn', checkIn, message())).toBe('accepted');
    // Another process revokes: the row changes, this process's generation does not.
    await engine.store.db
      .updateTable('devices')
      .set({ status: 'retired' })
      .where('serial', '=', 'A-0001')
      .execute();
    vi.advanceTimersByTime(DEVICE_CACHE_MS + 1);
    expect(await codeOf('pollbook.checkIn', checkIn, message())).toBe('DEVICE_NOT_IN_SERVICE');
  });

  it('refuses a body that is not a signed message at all', async () => {
    expect(await codeOf('pollbook.checkIn', checkIn, { nationalCode: '0000000000' })).toBe(
      'ACCESS_DEVICE_ONLY',
    );
  });
});
