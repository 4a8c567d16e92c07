import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { branchPackageText, type SignedBranchPackage } from '@sandogh/core';
import {
  httpCardPoster,
  httpTransport,
  openStation,
  type CardPoster,
  type PollBookClient,
  type Station,
  type Transport,
} from '@sandogh/station';
import {
  branchTrackingCodes,
  excludedProvisionalHandles,
  markCounts,
  turnoutCells,
} from '@sandogh/store';
import {
  describeEachEngine,
  fixtureCode,
  seedRegistry,
  testDeviceKeySeed,
} from '@sandogh/store/testing';
import { accessTestServer, loginAs } from '../access/testing.js';
import { keyedElection, type KeyedElection } from '../ballots/testSupport.js';
import { checkInMessage, post, type PollbookHq } from './testSupport.js';

/**
 * The offline rule end to end (issue 4 "Done when: Offline", law 1; docs/POLLBOOK.md "The
 * offline rule", docs/STATION.md §4): the real HQ server and a real station — its
 * authentication device's poll-book client and its voting device — with the network between
 * them cut and restored. A station cut from HQ keeps checking voters in on provisional cards;
 * a voter who meanwhile voted at another branch is caught on reconnection and their sealed
 * ballot is dropped unread; the other provisional ballots reach HQ exactly once; nothing else
 * changes.
 */
describeEachEngine('a station cut from HQ votes under the offline rule', (ctx) => {
  let app: FastifyInstance;
  let hq: PollbookHq;
  let election: KeyedElection;
  let dir: string;
  let station: Station;
  let client: PollBookClient;
  /** The network between the station and HQ: `cut` drops every request silently. */
  const net = { cut: false, loseAnswers: 0 };

  beforeEach(async () => {
    net.cut = false;
    net.loseAnswers = 0;
    dir = mkdtempSync(join(tmpdir(), 'sandogh-offline-'));
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
    const packageText = branchPackageText(pkg.json<SignedBranchPackage>());
    const hqPublicKey = (
      JSON.parse(packageText) as { package: { trust: { hq: { publicKey: string } } } }
    ).package.trust.hq.publicKey;
    const silence = () =>
      new Promise<never>((_, reject) => {
        setTimeout(() => {
          reject(new Error('no answer'));
        }, 500).unref();
      });
    const realPoster = httpCardPoster(url);
    const cardPoster: CardPoster = {
      async post(path, signed) {
        if (net.cut) return silence();
        const answer = await realPoster.post(path, signed);
        if (net.loseAnswers > 0) {
          net.loseAnswers -= 1;
          return silence();
        }
        return answer;
      },
    };
    const realTransport = httpTransport(url);
    const transport: Transport = {
      send: (signed) => (net.cut ? silence() : realTransport.send(signed)),
    };
    const opened = openStation({
      packageText,
      hqPublicKey,
      deviceSerial: 'V-0001',
      seedHex: testDeviceKeySeed('V-0001'),
      dataFile: join(dir, 'station.sqlite'),
      cardPoster,
      transport,
      authentication: { deviceSerial: 'A-0001', seedHex: testDeviceKeySeed('A-0001') },
      pollbook: { offlineAfterMs: 5_000, retryMs: 600_000 },
      outbox: { minBatch: 1, batchSize: 10 },
    });
    if (!opened.ok) throw new Error(opened.error.message.en);
    station = opened.value;
    if (station.pollbook === undefined) throw new Error('no poll-book client');
    client = station.pollbook;
  });
  afterEach(async () => {
    station.close();
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const electionId = () => election.definition.election.id;
  const checkIn = async (voter: number) => {
    const r = await client.checkIn({
      nationalCode: fixtureCode(voter),
      document: { kind: 'national-card' },
      fingerprint: 'matched',
    });
    return r.ok ? r.value : r.error.code;
  };
  const cast = async (card: string) => {
    const inserted = await station.voting.insertCard(card);
    if (!inserted.ok) return inserted.error.code;
    await station.voting.press({ type: 'blank' });
    const view = await station.voting.press({ type: 'green' });
    await station.voting.press({ type: 'next' });
    return view.ok ? view.value.state.screen : view.error.code;
  };
  const heldBallots = () =>
    station.store.db.prepare('select handle, tracking_code from provisional_ballots').all() as {
      handle: string;
      tracking_code: string;
    }[];
  const tableSize = (table: string) =>
    (station.store.db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
  const hqBallots = () => branchTrackingCodes(ctx.store.db, electionId(), 'b-0001');
  const turnoutOf = async (branch: string) =>
    (await turnoutCells(ctx.store, electionId()))
      .filter((c) => c.branchId === branch)
      .reduce((n, c) => n + c.voters, 0);
  const outbox = () => {
    if (station.outbox === undefined) throw new Error('no outbox');
    return station.outbox;
  };

  it('catches the voter who voted elsewhere meanwhile and sends the other ballots once', async () => {
    const online = await checkIn(0);
    if (typeof online === 'string' || online.mode !== 'online')
      throw new Error(JSON.stringify(online));
    expect(await cast(online.card)).toBe('recorded');

    net.cut = true;
    const provisional = new Map<number, { card: string; handle: string }>();
    for (const voter of [1, 2, 3]) {
      const answer = await checkIn(voter);
      if (typeof answer === 'string' || answer.mode !== 'provisional')
        throw new Error(JSON.stringify(answer));
      expect(answer.card.includes(answer.handle)).toBe(true);
      provisional.set(voter, answer);
    }
    // The local check: this branch's own marks, online and offline, refuse a second check-in.
    expect(await checkIn(0)).toBe('POLLBOOK_OFFLINE_MARKED_HERE');
    expect(await checkIn(1)).toBe('POLLBOOK_OFFLINE_MARKED_HERE');
    expect(tableSize('offline_marks')).toBe(3);

    // Meanwhile voter 2 votes at branch 2, through HQ.
    const elsewhere = await post(hq, '/pollbook/check-in', checkInMessage(hq, 2, fixtureCode(2)));
    expect(elsewhere.status).toBe(200);

    for (const p of provisional.values()) expect(await cast(p.card)).toBe('recorded');
    expect(station.store.provisionalCounts()).toEqual({
      cast: 3,
      confirmed: 0,
      excluded: 0,
      pending: 3,
    });
    const held = new Map(heldBallots().map((b) => [b.handle, b.tracking_code]));
    const excludedCode = held.get(provisional.get(2)?.handle ?? '');
    expect(excludedCode).toBeDefined();
    expect(await outbox().flush({ all: true })).toBe('unreachable');

    net.cut = false;
    // Reachable again: the outbox sends only the online ballot; the provisional ones are held.
    await outbox().flush({ all: true });
    expect(await hqBallots()).toHaveLength(1);

    expect(await client.reconcile()).toEqual({ kind: 'decided', released: 2, excluded: 1 });
    expect(await excludedProvisionalHandles(ctx.store, electionId(), 'b-0001')).toEqual([
      provisional.get(2)?.handle,
    ]);
    // The handle–voter copy is erased once decided; nothing is held any more.
    expect(tableSize('offline_marks')).toBe(0);
    expect(tableSize('provisional_ballots')).toBe(0);
    expect(station.store.provisionalCounts()).toEqual({
      cast: 3,
      confirmed: 2,
      excluded: 1,
      pending: 0,
    });

    await outbox().flush({ all: true });
    const atHq = await hqBallots();
    expect(atHq).toHaveLength(3);
    expect(atHq).not.toContain(excludedCode);
    expect(atHq).toEqual(station.store.allBallots().map((b) => b.trackingCode));
    for (const [handle, code] of held)
      if (handle !== provisional.get(2)?.handle) expect(atHq).toContain(code);

    // Exactly once: asking again changes nothing.
    expect(await client.reconcile()).toEqual({ kind: 'decided', released: 0, excluded: 0 });
    expect(await outbox().flush({ all: true })).toBe('idle');
    expect(await hqBallots()).toHaveLength(3);

    // Nothing else changed: marks and turnout are the four voters, each once, where they voted.
    const marks = await markCounts(ctx.store, electionId());
    expect(marks.get('b-0001')).toMatchObject({ marks: 3, provisional: 2 });
    expect(marks.get('b-0002')).toMatchObject({ marks: 1, provisional: 0 });
    expect(await turnoutOf('b-0001')).toBe(3);
    expect(await turnoutOf('b-0002')).toBe(1);
    expect(station.store.counts()).toMatchObject({ cast: 3, cardsUsed: 4, abandoned: 0 });
  });

  it('applies each decision once when HQ answered but the answer was lost', async () => {
    net.cut = true;
    const a = await checkIn(5);
    const b = await checkIn(6);
    if (typeof a === 'string' || typeof b === 'string') throw new Error('check-in');
    expect(await cast(a.card)).toBe('recorded');
    expect(await cast(b.card)).toBe('recorded');
    net.cut = false;
    net.loseAnswers = 1;
    expect(await client.reconcile()).toEqual({ kind: 'unreachable' });
    expect(station.store.provisionalCounts().pending).toBe(2);
    expect(await client.reconcile()).toEqual({ kind: 'decided', released: 2, excluded: 0 });
    await outbox().flush({ all: true });
    expect(await hqBallots()).toHaveLength(2);
    expect((await markCounts(ctx.store, electionId())).get('b-0001')).toMatchObject({
      marks: 2,
      provisional: 2,
    });
  });

  it('refuses a provisional card whose check-in HQ rejected before it was used', async () => {
    net.cut = true;
    const late = await checkIn(7);
    if (typeof late === 'string') throw new Error(late);
    net.cut = false;
    await post(hq, '/pollbook/check-in', checkInMessage(hq, 2, fixtureCode(7)));
    expect(await client.reconcile()).toEqual({ kind: 'decided', released: 0, excluded: 0 });
    const before = station.store.counts();
    expect(await cast(late.card)).toBe('VOTING_CARD_REFUSED');
    expect(station.store.counts()).toEqual(before);
    expect(station.store.provisionalCounts().cast).toBe(0);
  });

  it('sends a ballot cast on a card HQ confirmed before it was used straight to the outbox', async () => {
    net.cut = true;
    const early = await checkIn(8);
    if (typeof early === 'string') throw new Error(early);
    net.cut = false;
    expect(await client.reconcile()).toEqual({ kind: 'decided', released: 0, excluded: 0 });
    expect(await cast(early.card)).toBe('recorded');
    expect(station.store.provisionalCounts()).toEqual({
      cast: 1,
      confirmed: 1,
      excluded: 0,
      pending: 0,
    });
    await outbox().flush({ all: true });
    expect(await hqBallots()).toHaveLength(1);
  });
});
