import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { branchPackageText, cardTokenExpiry, type SignedBranchPackage } from '@sandogh/core';
import { signDeviceMessage } from '@sandogh/crypto';
import { httpCardPoster, openStation, pollbookCardCheck, type Station } from '@sandogh/station';
import { cardCounts } from '@sandogh/store';
import {
  describeEachEngine,
  fixtureCode,
  seedRegistry,
  testDeviceKeySeed,
} from '@sandogh/store/testing';
import { accessTestServer, loginAs } from '../access/testing.js';
import { checkInMessage, post, type PollbookHq } from '../pollbook/testSupport.js';
import { keyedElection, type KeyedElection } from './testSupport.js';

/**
 * The voting device's card check wired to the HQ poll book (issue 5; station voting/cards.ts),
 * through the real HQ server: only a card the poll book activated for this branch and this
 * voting device, unexpired and never used, lets a voter in; every refusal leaves the station
 * unchanged (law 8).
 */
describeEachEngine('the voting device accepts only cards the poll book activated for it', (ctx) => {
  let app: FastifyInstance;
  let hq: PollbookHq;
  let election: KeyedElection;
  let dir: string;
  let station: Station;
  let packageText: string;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sandogh-cards-'));
    app = await accessTestServer(ctx.store);
    election = await keyedElection(ctx.store);
    await seedRegistry(
      ctx.store,
      election.definition.election.id,
      Array.from({ length: 20 }, (_, i) => ({ code: fixtureCode(i) })),
    );
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    hq = { app, url, hash: election.hash };
    const it1 = await loginAs(app, 'it-committee');
    const pkg = await app.inject({ url: '/api/v1/branches/b-0001/package', headers: it1.bearer });
    packageText = branchPackageText(pkg.json<SignedBranchPackage>());
    station = open(url, 'station.sqlite');
  });
  afterEach(async () => {
    station.close();
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function open(hqUrl: string, file: string): Station {
    const hqPublicKey = (
      JSON.parse(packageText) as { package: { trust: { hq: { publicKey: string } } } }
    ).package.trust.hq.publicKey;
    const opened = openStation({
      packageText,
      hqPublicKey,
      deviceSerial: 'V-0001',
      seedHex: testDeviceKeySeed('V-0001'),
      dataFile: join(dir, file),
      hqUrl,
    });
    if (!opened.ok) throw new Error(opened.error.message.en);
    return opened.value;
  }

  const checkIn = async (voter: number, branch = 1) => {
    const r = await post(hq, '/pollbook/check-in', checkInMessage(hq, branch, fixtureCode(voter)));
    const card = r.body['card'] as { token: string } | undefined;
    if (card === undefined) throw new Error(JSON.stringify(r.body));
    return card.token;
  };
  const castBlank = async (s: Station) => {
    await s.voting.press({ type: 'blank' });
    const view = await s.voting.press({ type: 'green' });
    await s.voting.press({ type: 'next' });
    return view.ok ? view.value.state.screen : view.error.code;
  };
  const refusal = async (s: Station, token: string) => {
    const before = s.store.counts();
    const r = await s.voting.insertCard(token);
    expect(s.store.counts()).toEqual(before);
    expect(s.voting.view().state.screen).toBe('idle');
    return r.ok ? 'accepted' : r.error.code;
  };

  it('lets in the voter whose card the poll book activated for this device, once', async () => {
    const token = await checkIn(0);
    const inserted = await station.voting.insertCard(token);
    expect(inserted.ok && inserted.value.state.screen).toBe('entering');
    expect(await castBlank(station)).toBe('recorded');
    expect(await refusal(station, token)).toBe('VOTING_CARD_REFUSED');
    expect(station.store.counts()).toMatchObject({ cast: 1, cardsUsed: 1 });
  });

  it("refuses a card the poll book never issued, another device's card and a malformed one", async () => {
    expect(
      await refusal(station, `${'ab'.repeat(24)}.${String(Math.floor(Date.now() / 1000) + 300)}`),
    ).toBe('POLLBOOK_CARD_UNKNOWN');
    const elsewhere = await checkIn(1, 2);
    expect(await refusal(station, elsewhere)).toBe('POLLBOOK_CARD_WRONG_DEVICE');
    expect(await refusal(station, 'card-0001')).toBe('VOTING_CARD_REFUSED');
  });

  it('refuses a card the authentication device recorded as abandoned', async () => {
    // The voter walked away from the desk: the poll book settles the card, for good.
    const abandonedToken = await checkIn(3);
    const abandon = await post(hq, '/pollbook/cards', cardMessage(abandonedToken));
    expect(abandon.status).toBe(200);
    expect(await refusal(station, abandonedToken)).toBe('POLLBOOK_CARD_SETTLED');
  });

  it('tells HQ when a voter leaves the device without casting: abandoned, not cast (law 5)', async () => {
    const token = await checkIn(5);
    const inserted = await station.voting.insertCard(token);
    expect(inserted.ok).toBe(true);
    expect(station.voting.abandon().ok).toBe(true);
    // The report goes at once, and stays in the store until HQ has it.
    for (let i = 0; i < 50 && station.store.pendingCardReports().length > 0; i++)
      await new Promise((res) => setTimeout(res, 20));
    expect(station.store.pendingCardReports()).toEqual([]);
    const counts = (await cardCounts(ctx.store, election.definition.election.id)).get('b-0001');
    expect(counts).toMatchObject({ used: 0, abandoned: 1 });
    expect(station.store.counts()).toMatchObject({ cast: 0, abandoned: 1 });
    // Only the device that used the card may say the voter left it; the desk may not.
    const other = await checkIn(6);
    expect((await station.voting.insertCard(other)).ok).toBe(true);
    expect(await castBlank(station)).toBe('recorded');
    const late = await post(hq, '/pollbook/cards', cardMessage(other));
    expect(late.body['code']).toBe('POLLBOOK_CARD_SETTLED');
    expect(
      (await cardCounts(ctx.store, election.definition.election.id)).get('b-0001'),
    ).toMatchObject({ used: 1, abandoned: 1 });
  });

  it('keeps an abandonment HQ did not hear of and sends it before the next card', async () => {
    const token = await checkIn(7);
    expect((await station.voting.insertCard(token)).ok).toBe(true);
    await app.close();
    expect(station.voting.abandon().ok).toBe(true);
    await new Promise((res) => setTimeout(res, 200));
    expect(station.store.pendingCardReports()).toEqual([token]);
    expect(await station.voting.reportCards()).toBe(1);
  });

  it('refuses an expired card without asking HQ', async () => {
    const token = await checkIn(4);
    const identity = station.identity;
    const late = pollbookCardCheck(identity, httpCardPoster(hq.url), {
      now: () => cardTokenExpiry(token) + 1,
    });
    const r = await late.accept(token);
    expect(r.ok ? 'accepted' : r.error.code).toBe('POLLBOOK_CARD_EXPIRED');
  });

  it('refuses every card while HQ cannot confirm it, and changes nothing', async () => {
    const token = await checkIn(5);
    const cutOff = open('http://127.0.0.1:9', 'cut.sqlite');
    try {
      expect(await refusal(cutOff, token)).toBe('VOTING_CARD_REFUSED');
    } finally {
      cutOff.close();
    }
    // HQ never saw the card used: the voter can still vote on the connected device.
    expect((await station.voting.insertCard(token)).ok).toBe(true);
  });

  const cardMessage = (token: string) => signedAbandon(election.hash, token);
});

/** The authentication device reports the voter left before reaching the voting device. */
function signedAbandon(hash: string, token: string) {
  return signDeviceMessage(
    {
      v: 1 as const,
      election: hash,
      branch: 'b-0001',
      device: 'A-0001',
      kind: 'pollbook.card',
      id: randomBytes(16).toString('hex'),
      at: new Date().toISOString(),
      body: { token, state: 'abandoned' },
    },
    testDeviceKeySeed('A-0001'),
  );
}
