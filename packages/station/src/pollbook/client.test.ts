import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fc } from '@fast-check/vitest';
import { CARD_LIFETIME_MS, makeNationalCode, problemCatalog } from '@sandogh/core';
import { devicePublicKeyOf } from '@sandogh/crypto';
import { openStation, type Station } from '../station.js';
import { seedOf, stationFixture, VOTING_SERIAL } from '../testSupport.js';
import type { CardPoster } from '../voting/cards.js';
import { provisionalCard } from '../voting/provisional.js';
import type { PollBookClient } from './client.js';

/**
 * The authentication device's poll-book client against a scripted HQ (the real HQ runs in
 * hq/src/pollbook/offlineStation.test.ts): bad input of every kind and garbled answers from
 * HQ are refused with a catalogued problem, and nothing is written (law 8).
 */
const AUTH_SERIAL = 'A-TEST';
const base = stationFixture();
const voting = base.signed.package.devices[0];
if (voting === undefined) throw new Error('fixture device');
const packageText = base.resign({
  ...base.signed.package,
  devices: [
    ...base.signed.package.devices,
    {
      ...voting,
      serial: AUTH_SERIAL,
      kind: 'authentication',
      publicKey: devicePublicKeyOf(seedOf(AUTH_SERIAL)),
    },
  ],
});

type Hq = (path: string, body: unknown) => Promise<{ status: number; body: unknown }>;
const silent: Hq = () => Promise.reject(new Error('unreachable'));
const code = (i: number) => makeNationalCode(String(100_000_000 + i).slice(0, 9));

describe("the authentication device's poll-book client", () => {
  let dir: string;
  let station: Station;
  let client: PollBookClient;
  let hq: Hq;

  const open = (authentication = { deviceSerial: AUTH_SERIAL, seedHex: seedOf(AUTH_SERIAL) }) => {
    const poster: CardPoster = {
      post: (path, signed) => hq(path, JSON.parse(signed) as unknown),
    };
    return openStation({
      packageText,
      hqPublicKey: base.hqPublicKey,
      deviceSerial: VOTING_SERIAL,
      seedHex: base.seedHex,
      dataFile: join(dir, `station-${String(Math.random())}.sqlite`),
      cardPoster: poster,
      transport: { send: () => Promise.reject(new Error('unreachable')) },
      authentication,
      pollbook: { offlineAfterMs: 30, retryMs: 600_000 },
    });
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sandogh-pollbook-'));
    hq = silent;
    const opened = open();
    if (!opened.ok) throw new Error(opened.error.message.en);
    station = opened.value;
    if (station.pollbook === undefined) throw new Error('no client');
    client = station.pollbook;
  });
  afterEach(() => {
    station.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const size = (table: string) =>
    (station.store.db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
  const snapshot = () =>
    ['branch_marks', 'offline_marks', 'provisional_cards', 'provisional_ballots', 'ballots'].map(
      size,
    );
  const checkIn = (nationalCode: string) =>
    client.checkIn({ nationalCode, document: { kind: 'national-card' }, fingerprint: 'matched' });
  const castBlank = async (card: string) => {
    const inserted = await station.voting.insertCard(card);
    if (!inserted.ok) return inserted.error.code;
    await station.voting.press({ type: 'blank' });
    const view = await station.voting.press({ type: 'green' });
    await station.voting.press({ type: 'next' });
    return view.ok ? view.value.state.screen : view.error.code;
  };
  const provisional = async (i: number) => {
    const r = await checkIn(code(i));
    if (!r.ok || r.value.mode !== 'provisional') throw new Error('expected a provisional card');
    return r.value;
  };

  it('refuses an authentication device the package does not name, or names as another kind', () => {
    for (const auth of [
      { deviceSerial: 'A-NONE', seedHex: seedOf('A-NONE') },
      { deviceSerial: AUTH_SERIAL, seedHex: seedOf('another key') },
      { deviceSerial: VOTING_SERIAL, seedHex: base.seedHex },
    ]) {
      const r = open(auth);
      expect(r.ok ? 'opened' : r.error.code).toBe('PACKAGE_FOREIGN');
    }
  });

  it('goes offline when HQ does not answer in time, and when it cannot be reached', async () => {
    hq = () => new Promise(() => undefined);
    const started = Date.now();
    const late = await checkIn(code(1));
    expect(late.ok && late.value.mode).toBe('provisional');
    expect(Date.now() - started).toBeLessThan(5_000);
    hq = silent;
    const down = await checkIn(code(2));
    expect(down.ok && down.value.mode).toBe('provisional');
    expect(size('offline_marks')).toBe(2);
  });

  it('refuses malformed check-ins, online or offline, and writes nothing (fuzzed)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          nationalCode: fc.oneof(
            fc.string(),
            fc.stringMatching(/^[0-9]{10}$/),
            fc.constant('0000000001'),
          ),
          document: fc.oneof(
            fc.record({ kind: fc.string() }),
            fc.constant({ kind: 'passport', serial: 'bad serial!' }),
          ),
          fingerprint: fc.oneof(fc.string(), fc.constant('matched')),
        }),
        fc.boolean(),
        async (request, online) => {
          hq = online
            ? () => Promise.resolve({ status: 200, body: { status: 'eligible' } })
            : silent;
          const before = snapshot();
          const r = await client.checkIn(request);
          if (r.ok) return; // a valid request: not what this property is about
          expect(r.error.code in problemCatalog).toBe(true);
          expect(r.error.message.fa.length).toBeGreaterThan(0);
          expect(snapshot()).toEqual(before);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("passes HQ's refusals on and treats a garbled answer as invalid, writing nothing", async () => {
    const refusal = {
      code: 'POLLBOOK_ALREADY_VOTED',
      message: { fa: 'x', en: 'x' },
      details: { branch: 'b9' },
    };
    hq = () => Promise.resolve({ status: 409, body: refusal });
    const before = snapshot();
    const r = await checkIn(code(3));
    expect(r.ok ? 'ok' : r.error.code).toBe('POLLBOOK_ALREADY_VOTED');
    for (const body of [
      null,
      'eligible',
      { status: 'eligible', card: {} },
      { card: { token: 1 } },
    ]) {
      hq = () => Promise.resolve({ status: 200, body });
      const g = await checkIn(code(3));
      expect(g.ok ? 'ok' : g.error.code).toBe('POLLBOOK_OFFLINE_ANSWER_INVALID');
    }
    hq = () => Promise.resolve({ status: 418, body: { code: 'SOMETHING_ELSE' } });
    const odd = await checkIn(code(3));
    expect(odd.ok ? 'ok' : odd.error.code).toBe('POLLBOOK_OFFLINE_ANSWER_INVALID');
    expect(snapshot()).toEqual(before);
  });

  it('refuses forged, expired and reused provisional cards', async () => {
    const forged = provisionalCard(Date.now());
    expect(await castBlank(forged.token)).toBe('VOTING_CARD_REFUSED');
    const issued = await provisional(4);
    const expired = `P${issued.handle}.${String(Math.floor((Date.now() - CARD_LIFETIME_MS) / 1000))}`;
    expect(await castBlank(expired)).toBe('POLLBOOK_CARD_EXPIRED');
    expect(await castBlank(`P${'g'.repeat(32)}.1234567890`)).toBe('VOTING_CARD_REFUSED');
    expect(await castBlank(issued.card)).toBe('recorded');
    expect(await castBlank(issued.card)).toBe('VOTING_CARD_REFUSED');
    expect(station.store.provisionalCounts()).toEqual({
      cast: 1,
      confirmed: 0,
      excluded: 0,
      pending: 1,
    });
    expect(station.store.counts().cast).toBe(0);
  });

  it('applies nothing from a garbled or refusing answer to the offline marks (fuzzed)', async () => {
    const cards = [await provisional(5), await provisional(6)];
    for (const c of cards) expect(await castBlank(c.card)).toBe('recorded');
    const handles = cards.map((c) => c.handle);
    const before = snapshot();
    const handle = fc.oneof(fc.constantFrom(...handles), fc.stringMatching(/^[0-9a-f]{32}$/));
    const decision = fc.record({
      handle,
      decision: fc.constantFrom('confirmed', 'rejected', 'maybe'),
    });
    const body = fc.oneof(
      fc.anything(),
      fc.record({ decisions: fc.array(decision, { maxLength: 4 }), excluded: fc.array(handle) }),
    );
    await fc.assert(
      fc.asyncProperty(body, fc.constantFrom(200, 400, 409, 500), async (answer, status) => {
        hq = () => Promise.resolve({ status, body: answer });
        const r = await client.reconcile();
        if (r.kind === 'decided') {
          // Only a well-formed answer deciding exactly the marks sent may be applied.
          const a = answer as { decisions: { handle: string }[] };
          expect(a.decisions.map((d) => d.handle).sort()).toEqual([...handles].sort());
          return;
        }
        if (r.kind === 'refused') expect(r.problem.code.length).toBeGreaterThan(0);
        expect(snapshot()).toEqual(before);
      }),
      { numRuns: 200 },
    );
  });

  it('sends its offline marks signed by the authentication device, 500 at most a message', async () => {
    for (let i = 10; i < 13; i += 1) await provisional(i);
    const seen: unknown[] = [];
    hq = (path, body) => {
      seen.push(body);
      const marks = (body as { message: { body: { marks: { handle: string }[] } } }).message.body
        .marks;
      return Promise.resolve({
        status: 200,
        body: {
          decisions: marks.map((m) => ({ handle: m.handle, decision: 'confirmed' })),
          excluded: [],
        },
      });
    };
    expect(await client.reconcile()).toEqual({ kind: 'decided', released: 0, excluded: 0 });
    expect(seen).toHaveLength(1);
    const message = (seen[0] as { message: { device: string; kind: string; body: unknown } })
      .message;
    expect(message.device).toBe(AUTH_SERIAL);
    expect(message.kind).toBe('pollbook.offline');
    expect(size('offline_marks')).toBe(0);
    expect(size('provisional_cards')).toBe(3);
  });
});
