import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import {
  TRAINING_ELECTION_HASH,
  type DeviceStatusBody,
  type SignedDeviceMessage,
} from '@sandogh/core';
import { devicePublicKeyOf, verifyDeviceSignature } from '@sandogh/crypto';
import { stationServer } from './server.js';
import { openStation, type Station } from './station.js';
import { selfTestRunner, type StatusSender } from './status/report.js';
import { stationFixture, VOTING_SERIAL } from './testSupport.js';
import type { Transport } from './sync/outbox.js';

/**
 * The station's self-test and training switch through its local interface (issue 8,
 * docs/STATION.md §5a): the report HQ receives, what the kiosk is told when HQ refuses or
 * cannot be reached, and a training session that never touches the real store or outbox.
 */
const fixture = stationFixture();
const card = (n: number) => `card-${String(n).padStart(16, '0')}`;

describe("the station's self-test and training mode, through its local interface", () => {
  let dir: string;
  let station: Station;
  let app: FastifyInstance;
  let sentBallots: string[];
  let reports: SignedDeviceMessage<DeviceStatusBody>[];
  let hqAnswer: () => Promise<{ status: number; body: unknown }>;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sandogh-station-modes-'));
    sentBallots = [];
    reports = [];
    hqAnswer = () =>
      Promise.resolve({ status: 201, body: { configured: 'current', selfTest: 'passed' } });
    const transport: Transport = {
      send: (signed) => {
        sentBallots.push(signed);
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
      outbox: { minBatch: 1, batchSize: 10 },
    });
    if (!opened.ok) throw new Error(opened.error.message.en);
    station = opened.value;
    const send: StatusSender = (signed) => {
      reports.push(signed);
      return hqAnswer();
    };
    app = await stationServer(station, { selfTest: selfTestRunner(station, { send }) });
  });
  afterEach(async () => {
    await app.close();
    station.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const post = async (url: string, payload?: object) => {
    const res = await app.inject({
      method: 'POST',
      url,
      ...(payload === undefined ? {} : { payload }),
    });
    return { status: res.statusCode, body: res.json<Record<string, unknown>>() };
  };
  const get = async (url: string) =>
    (await app.inject({ method: 'GET', url })).json<Record<string, unknown>>();
  const screen = (r: { body: Record<string, unknown> }) =>
    (r.body['state'] as { screen: string }).screen;

  it('runs the self-test on request and sends HQ a signed devices.status report of the package it runs', async () => {
    const { status, body } = await post('/self-test');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      selfTest: { passed: true },
      hq: { state: 'accepted', answer: { configured: 'current' } },
    });
    expect(reports).toHaveLength(1);
    const [report] = reports;
    if (report === undefined) throw new Error('no report');
    expect(report.message).toMatchObject({
      kind: 'devices.status',
      device: VOTING_SERIAL,
      branch: station.identity.branch,
      election: station.identity.election,
      body: { package: station.identity.packageHash, selfTest: { passed: true } },
    });
    expect(verifyDeviceSignature(report, devicePublicKeyOf(fixture.seedHex))).toBe(true);
    expect((await get('/status'))['selfTest']).toEqual(body);

    const noPaper = await post('/self-test', { printerReady: false });
    expect(noPaper.body['selfTest']).toEqual({
      passed: false,
      checks: expect.arrayContaining([{ name: 'printer', passed: false }]) as unknown,
    });
    expect(reports[1]?.message.body.selfTest.passed).toBe(false);
  });

  it('tells the kiosk when HQ refuses the report or cannot be reached, and sends nothing for bad input', async () => {
    hqAnswer = () =>
      Promise.resolve({
        status: 403,
        body: { code: 'DEVICE_NOT_IN_SERVICE', message: { fa: 'خارج از خدمت', en: 'out' } },
      });
    expect((await post('/self-test')).body['hq']).toMatchObject({
      state: 'refused',
      problem: { code: 'DEVICE_NOT_IN_SERVICE' },
    });
    hqAnswer = () => Promise.reject(new Error('connect ECONNREFUSED'));
    const down = await post('/self-test');
    expect(down.status).toBe(200);
    expect(down.body['hq']).toMatchObject({
      state: 'unreachable',
      problem: { code: 'STATION_STATUS_NOT_SENT' },
    });
    const before = reports.length;
    for (const bad of [{ printerReady: 'yes' }, { extra: 1 }, [1]]) {
      const r = await post('/self-test', bad);
      expect(r.status).toBe(400);
      expect(r.body['code']).toMatch(/^INPUT_/);
    }
    expect(reports).toHaveLength(before);
  });

  it('casts in training mode on the training device: marked, never in the real store or outbox', async () => {
    expect((await get('/training'))['training']).toBe(false);
    const on = await post('/training', { on: true });
    expect(on.status).toBe(200);
    expect(String(on.body['packageHash'])).toMatch(/^TRAINING-/);
    expect((await get('/status'))['training']).toBe(true);

    expect(screen(await post('/voting/card', { token: card(1) }))).toBe('entering');
    for (const d of '101') await post('/voting/key', { key: d });
    expect(screen(await post('/voting/key', { key: 'green' }))).toBe('review');
    expect(screen(await post('/voting/key', { key: 'green' }))).toBe('recorded');
    // A voter is at the device: the switch waits.
    const busy = await post('/training', { on: false });
    expect(busy.status).toBe(409);
    expect(busy.body['code']).toBe('STATION_TRAINING_NOT_NOW');
    const slip = await app.inject({ method: 'GET', url: '/printouts/last' });
    expect(slip.body).toContain('TRAINING — not a vote, never counted');
    expect(screen(await post('/voting/key', { key: 'next' }))).toBe('idle');

    // Nothing of it reached the branch's store or its outbox, even flushed to the last ballot.
    expect(station.store.counts().cast).toBe(0);
    await station.outbox?.flush({ all: true });
    expect(sentBallots).toHaveLength(0);
    expect(JSON.stringify(sentBallots)).not.toContain(TRAINING_ELECTION_HASH);

    const off = await post('/training', { on: false });
    expect(off.body['packageHash']).toBe(station.opened.shortHash);
    expect((await get('/status'))['training']).toBe(false);
    // The same card is a fresh card for the real device: training used nothing of it.
    expect(screen(await post('/voting/card', { token: card(1) }))).toBe('entering');
    const halfway = await post('/training', { on: true });
    expect(halfway.body['code']).toBe('STATION_TRAINING_NOT_NOW');
    expect((await get('/training'))['training']).toBe(false);
    for (const bad of [{ on: 'yes' }, {}, { on: true, x: 1 }]) {
      const r = await post('/training', bad);
      expect(r.status).toBe(400);
    }
  });
});
