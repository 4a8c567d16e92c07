import { afterEach, beforeEach, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { branchPackageHash, type SignedBranchPackage } from '@sandogh/core';
import { auditDb, branchTrackingCodes, countBallots } from '@sandogh/store';
import { describeEachEngine } from '@sandogh/store/testing';
import { accessTestServer, loginAs, type TestSession } from '../access/testing.js';
import { signedBy } from '../devices/testing.js';
import { keyedElection, testBallot, type KeyedElection } from './testSupport.js';

describeEachEngine('ballot intake at HQ (laws 2–4)', (ctx) => {
  let app: FastifyInstance;
  let election: KeyedElection;
  let it1: TestSession;
  let packageHash: string;

  beforeEach(async () => {
    app = await accessTestServer(ctx.store);
    election = await keyedElection(ctx.store);
    it1 = await loginAs(app, 'it-committee');
    const res = await app.inject({ url: '/api/v1/branches/b-0001/package', headers: it1.bearer });
    expect(res.statusCode).toBe(200);
    packageHash = branchPackageHash(res.json<SignedBranchPackage>().package);
  });
  afterEach(async () => {
    await app.close();
  });

  const batch = (
    ballots: readonly object[],
    overrides: Partial<Parameters<typeof signedBy>[0]> = {},
    pkg = packageHash,
  ) =>
    signedBy({
      election: election.hash,
      device: 'V-0001',
      branch: 'b-0001',
      kind: 'ballots.submit',
      body: { package: pkg, batch: ballots },
      ...overrides,
    });
  const deliver = (payload: unknown) =>
    app.inject({ method: 'POST', url: '/api/v1/ballots', payload: payload as object });
  const auditText = async () =>
    JSON.stringify(await auditDb(ctx.store.db).selectFrom('audit_log').selectAll().execute());
  const electionId = () => election.definition.election.id;

  it('stores a signed batch once; the same message again is accepted without effect', async () => {
    const ballots = [testBallot(election, 'b-0001', [0]), testBallot(election, 'b-0001', [])];
    const message = batch(ballots.map((b) => b.ballot));
    const first = await deliver(message);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ status: 'applied', stored: 2, again: 0 });
    const retry = await deliver(message);
    expect(retry.json()).toMatchObject({ status: 'duplicate', stored: 0, again: 2 });
    expect(await branchTrackingCodes(ctx.store.db, electionId(), 'b-0001')).toEqual(
      ballots.map((b) => b.trackingCode).sort(),
    );
    const log = await auditText();
    expect(log).toContain('ballots.batch.received');
    expect(log).toContain('ballots.batch.duplicate');
    // Law 2: the log names the batch, never a ballot.
    for (const b of ballots) expect(log).not.toContain(b.trackingCode);
  });

  it('stores a ballot that comes again in another message once', async () => {
    const b = testBallot(election, 'b-0001');
    await deliver(batch([b.ballot]));
    const again = await deliver(batch([b.ballot, testBallot(election, 'b-0001').ballot]));
    expect(again.json()).toMatchObject({ status: 'applied', stored: 1, again: 1 });
    expect(await countBallots(ctx.store.db, electionId())).toBe(2);
  });

  const refusals: [string, () => unknown, string][] = [
    ['an unregistered device', () => batch([], { device: 'V-9999' }), 'DEVICE_UNKNOWN'],
    [
      "another branch's device",
      () => batch([], { device: 'V-0002', branch: 'b-0001' }),
      'DEVICE_WRONG_BRANCH',
    ],
    [
      'a training election (another definition hash)',
      () => batch([], { election: 'e'.repeat(64) }),
      'DEVICE_WRONG_ELECTION',
    ],
    ['the authentication device', () => batch([], { device: 'A-0001' }), 'DEVICE_WRONG_KIND'],
  ];
  for (const [who, make, code] of refusals)
    it(`refuses and logs a batch from ${who}`, async () => {
      const message = make() as { message: { body: { batch: object[] } } };
      message.message.body.batch.push(testBallot(election, 'b-0001').ballot);
      // Re-sign after adding the ballot, as a device would have signed it.
      const m = message.message as unknown as Parameters<typeof signedBy>[0] & {
        device: string;
        branch: string;
        election: string;
        body: unknown;
      };
      const signed = signedBy({ ...m, kind: 'ballots.submit' });
      const res = await deliver(signed);
      expect(res.statusCode).toBeGreaterThanOrEqual(400);
      expect(res.json()).toMatchObject({ code });
      expect(await countBallots(ctx.store.db, electionId())).toBe(0);
      expect(await auditText()).toContain('devices.message.refused');
    });

  it('refuses and logs a batch from a revoked device', async () => {
    const revoke = await app.inject({
      method: 'POST',
      url: '/api/v1/devices/V-0001/revoke',
      headers: it1.bearer,
    });
    expect(revoke.statusCode).toBe(200);
    const res = await deliver(batch([testBallot(election, 'b-0001').ballot]));
    expect(res.json()).toMatchObject({ code: 'DEVICE_NOT_IN_SERVICE' });
    expect(await countBallots(ctx.store.db, electionId())).toBe(0);
    expect(await auditText()).toContain('devices.message.refused');
  });

  it('refuses and logs a batch made under an altered configuration package hash', async () => {
    const altered = `${packageHash.slice(0, 63)}${packageHash.endsWith('0') ? '1' : '0'}`;
    const res = await deliver(batch([testBallot(election, 'b-0001').ballot], {}, altered));
    expect(res.json()).toMatchObject({ code: 'BALLOTS_PACKAGE_STALE' });
    expect(await countBallots(ctx.store.db, electionId())).toBe(0);
    expect(await auditText()).toContain('ballots.batch.refused');
  });

  it("refuses a batch carrying another branch's ballot, and stores none of it", async () => {
    const res = await deliver(
      batch([testBallot(election, 'b-0001').ballot, testBallot(election, 'b-0002').ballot]),
    );
    expect(res.json()).toMatchObject({ code: 'BALLOTS_WRONG_BRANCH' });
    expect(await countBallots(ctx.store.db, electionId())).toBe(0);
  });

  it('refuses a ballot altered after encryption (a bad element) without writing', async () => {
    const b = testBallot(election, 'b-0001').ballot;
    const bad = {
      ...b,
      selections: b.selections.map((s, i) => (i === 0 ? { ...s, alpha: 'f'.repeat(64) } : s)),
    };
    const res = await deliver(batch([bad]));
    expect(res.json()).toMatchObject({ code: 'BALLOTS_MALFORMED' });
    expect(await countBallots(ctx.store.db, electionId())).toBe(0);
  });

  it("imports a failed device's exported ballots after a swap, without duplicates", async () => {
    const delivered = testBallot(election, 'b-0001');
    const pending = testBallot(election, 'b-0001');
    await deliver(batch([delivered.ballot]));
    await app.inject({ method: 'POST', url: '/api/v1/devices/V-0001/revoke', headers: it1.bearer });
    const file = {
      format: 'sandogh/device-ballots/1',
      messages: [batch([delivered.ballot, pending.ballot])],
    };
    const imported = await app.inject({
      method: 'POST',
      url: '/api/v1/ballots/import',
      headers: it1.bearer,
      payload: { branch: 'b-0001', file },
    });
    expect(imported.statusCode).toBe(200);
    expect(imported.json()).toMatchObject({ status: 'imported', stored: 1, again: 1 });
    const twice = await app.inject({
      method: 'POST',
      url: '/api/v1/ballots/import',
      headers: it1.bearer,
      payload: { branch: 'b-0001', file },
    });
    expect(twice.json()).toMatchObject({ stored: 0 });
    expect(await countBallots(ctx.store.db, electionId())).toBe(2);
    const forged = {
      ...file,
      messages: [batch([testBallot(election, 'b-0001').ballot], { signingDevice: 'V-0002' })],
    };
    const refused = await app.inject({
      method: 'POST',
      url: '/api/v1/ballots/import',
      headers: it1.bearer,
      payload: { branch: 'b-0001', file: forged },
    });
    expect(refused.json()).toMatchObject({ code: 'BALLOTS_EXPORT_INVALID' });
    expect(await countBallots(ctx.store.db, electionId())).toBe(2);
  });
});
