import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { branchPackageText, type SignedBranchPackage } from '@sandogh/core';
import { openStation, stationServer, type Station } from '@sandogh/station';
import { markCounts } from '@sandogh/store';
import {
  describeEachEngine,
  fixtureCode,
  seedRegistry,
  testDeviceKeySeed,
} from '@sandogh/store/testing';
import { accessTestServer, loginAs } from '../access/testing.js';
import { keyedElection, type KeyedElection } from '../ballots/testSupport.js';

/**
 * The authentication device through the station's local interface (docs/STATION.md §4): the
 * kiosk posts a voter's check-in to the station program, which asks HQ's poll book as the
 * branch's authentication device and hands back the ballot card the voting device then takes.
 */
describeEachEngine("the station's local interface checks voters in through HQ", (ctx) => {
  let hq: FastifyInstance;
  let election: KeyedElection;
  let dir: string;
  let packageText: string;
  let hqPublicKey: string;
  let hqUrl: string;
  const opened: { station: Station; local: FastifyInstance }[] = [];

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sandogh-station-checkin-'));
    hq = await accessTestServer(ctx.store);
    election = await keyedElection(ctx.store);
    await seedRegistry(
      ctx.store,
      election.definition.election.id,
      Array.from({ length: 5 }, (_, i) => ({ code: fixtureCode(i) })),
    );
    hqUrl = await hq.listen({ port: 0, host: '127.0.0.1' });
    const it1 = await loginAs(hq, 'it-committee');
    const pkg = await hq.inject({ url: '/api/v1/branches/b-0001/package', headers: it1.bearer });
    packageText = branchPackageText(pkg.json<SignedBranchPackage>());
    hqPublicKey = (JSON.parse(packageText) as { package: { trust: { hq: { publicKey: string } } } })
      .package.trust.hq.publicKey;
  });
  afterEach(async () => {
    for (const { station, local } of opened.splice(0)) {
      await local.close();
      station.close();
    }
    await hq.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function localInterface(withAuthentication: boolean): Promise<FastifyInstance> {
    const station = openStation({
      packageText,
      hqPublicKey,
      deviceSerial: 'V-0001',
      seedHex: testDeviceKeySeed('V-0001'),
      dataFile: join(dir, `station-${String(opened.length)}.sqlite`),
      hqUrl,
      ...(withAuthentication
        ? { authentication: { deviceSerial: 'A-0001', seedHex: testDeviceKeySeed('A-0001') } }
        : {}),
      pollbook: { retryMs: 600_000 },
    });
    if (!station.ok) throw new Error(station.error.message.en);
    const local = await stationServer(station.value);
    opened.push({ station: station.value, local });
    return local;
  }

  const checkIn = (local: FastifyInstance, body: unknown) =>
    local.inject({ method: 'POST', url: '/pollbook/check-in', payload: body as object });
  const voter = (i: number) => ({
    nationalCode: fixtureCode(i),
    document: { kind: 'national-card' },
    fingerprint: 'matched',
  });

  it('hands back a card the voting device takes, once per voter', async () => {
    const local = await localInterface(true);
    const first = await checkIn(local, voter(0));
    expect(first.statusCode, first.body).toBe(200);
    const answer = first.json<{ mode: string; card: string }>();
    expect(answer.mode).toBe('online');
    const card = await local.inject({
      method: 'POST',
      url: '/voting/card',
      payload: { token: answer.card },
    });
    expect(card.statusCode, card.body).toBe(200);
    const again = await checkIn(local, voter(0));
    expect(again.json<{ code: string }>().code).toBe('POLLBOOK_ALREADY_VOTED');
    const marks = await markCounts(ctx.store, election.definition.election.id);
    expect(marks.get('b-0001')?.marks).toBe(1);
  });

  it('refuses bad input and a station without the authentication device, writing nothing', async () => {
    const local = await localInterface(true);
    for (const body of [
      {},
      { ...voter(1), nationalCode: '123' },
      { ...voter(1), fingerprint: 'maybe' },
      { ...voter(1), extra: true },
      'not an object',
    ]) {
      const r = await checkIn(local, body);
      expect(r.statusCode, r.body).toBeGreaterThanOrEqual(400);
      expect(r.statusCode, r.body).toBeLessThan(500);
      expect(r.json<{ code: string; message: { fa: string; en: string } }>().message.fa).not.toBe(
        '',
      );
    }
    const votingOnly = await localInterface(false);
    const refused = await checkIn(votingOnly, voter(2));
    expect(refused.json<{ code: string }>().code).toBe('STATION_NO_AUTHENTICATION_DEVICE');
    const reconcile = await votingOnly.inject({ method: 'POST', url: '/pollbook/reconcile' });
    expect(reconcile.json<{ code: string }>().code).toBe('STATION_NO_AUTHENTICATION_DEVICE');
    const marks = await markCounts(ctx.store, election.definition.election.id);
    expect(marks.get('b-0001')?.marks ?? 0).toBe(0);
  });
});
