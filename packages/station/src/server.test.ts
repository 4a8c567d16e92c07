import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fc } from '@fast-check/vitest';
import type { FastifyInstance } from 'fastify';
import { stationServer } from './server.js';
import { openStation, type Station } from './station.js';
import { stationFixture, VOTING_SERIAL } from './testSupport.js';
import type { Transport } from './sync/outbox.js';

const fixture = stationFixture();
const candidates = fixture.signed.package.candidates.map((c) => c.code);

describe('the station driven through its local interface', () => {
  let dir: string;
  let station: Station;
  let app: FastifyInstance;
  let sent: string[];
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sandogh-station-'));
    sent = [];
    const transport: Transport = {
      send: (signed) => {
        sent.push(signed);
        return Promise.resolve({ status: 200, body: { status: 'applied' } });
      },
    };
    const opened = openStation({
      packageText: fixture.packageText,
      hqPublicKey: fixture.hqPublicKey,
      deviceSerial: VOTING_SERIAL,
      seedHex: fixture.seedHex,
      dataFile: join(dir, 'station.sqlite'),
      transport,
    });
    if (!opened.ok) throw new Error(opened.error.message.en);
    station = opened.value;
    app = await stationServer(station);
  });
  afterEach(async () => {
    await app.close();
    station.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const post = async (url: string, payload: object) => {
    const res = await app.inject({ method: 'POST', url, payload });
    return { status: res.statusCode, body: res.json<Record<string, unknown>>() };
  };
  const keys = async (...ks: string[]) => {
    let last = { status: 0, body: {} as Record<string, unknown> };
    for (const key of ks) last = await post('/voting/key', { key });
    return last;
  };
  const screen = (r: { body: Record<string, unknown> }) =>
    (r.body['state'] as { screen: string }).screen;
  const card = (n: number) => `card-${String(n).padStart(16, '0')}`;

  it('casts: card, codes, review with the tracking code, second green, recorded after sealing and printing', async () => {
    expect(screen(await post('/voting/card', { token: card(1) }))).toBe('entering');
    const [first] = candidates;
    await keys(...(first ?? '').split(''));
    const review = await keys('green');
    expect(screen(review)).toBe('review');
    expect(review.body['shortCode']).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    expect(station.store.counts().cast).toBe(0);
    const recorded = await keys('green');
    expect(screen(recorded)).toBe('recorded');
    expect(station.store.counts().cast).toBe(1);
    expect(station.printed.map((p) => p.kind)).toEqual(['vote', 'tracking-slip']);
    const slip = station.printed[1]?.html ?? '';
    expect(slip).toContain(String(review.body['shortCode']));
    expect(slip).toContain(station.opened.shortHash);
    expect(slip).toContain('<svg');
    expect(screen(await keys('next'))).toBe('idle');
    const again = await post('/voting/card', { token: card(1) });
    expect(again.body['code']).toBe('VOTING_CARD_REFUSED');
  });

  it('challenges: the encryption is revealed and kept, never counted, and the voter votes again', async () => {
    await post('/voting/card', { token: card(2) });
    await keys('blank');
    expect(screen(await keys('challenge'))).toBe('challenged');
    expect(screen(await keys('next'))).toBe('entering');
    expect(station.store.counts()).toMatchObject({ cast: 0, challenged: 1 });
    await keys('blank', 'green');
    expect(station.store.counts()).toMatchObject({ cast: 1, challenged: 1 });
  });

  it('sends the cast ballots to HQ in signed batches and marks them delivered', async () => {
    for (let n = 0; n < 3; n += 1) {
      await post('/voting/card', { token: card(10 + n) });
      await keys('blank', 'green', 'next');
    }
    if (station.outbox === undefined) throw new Error('outbox');
    expect(await station.outbox.flush()).toBe('idle'); // fewer than the mixing pool
    expect(await station.outbox.flush({ all: true })).toBe('delivered');
    expect(sent).toHaveLength(1);
    const message = JSON.parse(sent[0] ?? '{}') as {
      message: { kind: string; body: { batch: unknown[] } };
    };
    expect(message.message.kind).toBe('ballots.submit');
    expect(message.message.body.batch).toHaveLength(3);
    expect(station.store.pendingMessages()).toHaveLength(0);
    expect(await station.outbox.flush()).toBe('idle');
  });

  it('counts a card whose voter left without casting as abandoned', async () => {
    await post('/voting/card', { token: card(20) });
    expect(screen(await post('/voting/abandon', {}))).toBe('idle');
    expect(station.store.counts()).toMatchObject({ cast: 0, abandoned: 1, cardsUsed: 1 });
  });

  it('answers bad input on every route with a catalogued problem and changes nothing', async () => {
    const routes = ['/voting/card', '/voting/key', '/voting/choose'];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), fc.jsonValue(), async (url, payload) => {
        const before = station.store.counts();
        const res = await app.inject({
          method: 'POST',
          url,
          payload: JSON.stringify(payload),
          headers: { 'content-type': 'application/json' },
        });
        if (res.statusCode < 400) return;
        expect(res.statusCode).toBeLessThan(500);
        const body = res.json<{ code: string; message: { fa: string; en: string } }>();
        expect(body.code).toMatch(/^[A-Z_]+$/);
        expect(body.message.fa.length).toBeGreaterThan(0);
        expect(station.store.counts()).toEqual(before);
      }),
      { numRuns: 150 },
    );
    const search = await app.inject({ url: '/voting/search?q=' + encodeURIComponent('نامزد') });
    expect(search.statusCode).toBe(200);
  });
});
