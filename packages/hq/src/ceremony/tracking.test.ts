import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import type { Problem } from '@sandogh/core';
import {
  demoManifest,
  runDemoElection,
  shortTrackingCode,
  trackingCode,
  writeRecord,
} from '@sandogh/crypto';
import { loadDefinition, openStore, stationDb } from '@sandogh/store';
import { describeEachEngine, tinyDefinition } from '@sandogh/store/testing';
import { electionHash } from '@sandogh/core';
import { testServer } from '../testing.js';
import { tallyTestApp } from './testSupport.js';

const manifest = demoManifest({ candidates: 3, seats: 2, branches: 2, n: 1, k: 1 });
const demo = runDemoElection({
  manifest,
  cast: [
    { branchId: 'b1', choices: [0] },
    { branchId: 'b2', choices: [] },
    { branchId: 'b2', choices: [1, 2] },
  ],
  challenged: [{ branchId: 'b1', choices: [2] }],
});
const [code] = demo.trackingCodes;
if (code === undefined) throw new Error('fixture');
const challenged = demo.record.branches[0]?.challenged[0];
if (challenged === undefined) throw new Error('fixture');
const challengedCode = trackingCode(challenged.ballot);

let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sandogh-track-'));
  await writeRecord(join(dir, 'record'), demo.record);
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const lookup = (app: FastifyInstance, c: string) =>
  app.inject(`/api/v1/tracking/${encodeURIComponent(c)}`);

describe('the tracking-code lookup', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    // The lookup never touches the store: any will do.
    app = await tallyTestApp({} as never, { recordDir: join(dir, 'record') });
  });
  afterAll(async () => {
    await app.close();
  });

  it('finds a cast ballot by its short code as printed, as typed, or its full code — and says only where', async () => {
    const short = shortTrackingCode(code);
    for (const typed of [
      short,
      short.toLowerCase().replaceAll('-', ''),
      code,
      code.toUpperCase(),
    ]) {
      const res = await lookup(app, typed);
      expect(res.statusCode, typed).toBe(200);
      expect(res.json()).toEqual({
        found: true,
        status: 'cast',
        branchId: 'b1',
        trackingCode: code,
        shortCode: short,
      });
    }
    expect((await lookup(app, challengedCode)).json()).toMatchObject({
      status: 'challenged',
      branchId: 'b1',
    });
  });

  it('says clearly when a code is not in the record, or is not a code at all', async () => {
    const missing = await lookup(app, '0000-0000-0000-0000');
    expect(missing.statusCode).toBe(404);
    expect(missing.json<Problem>().code).toBe('TRACKING_CODE_NOT_FOUND');
    const bad = await lookup(app, 'not-a-code');
    expect(bad.statusCode).toBe(400);
    expect(bad.json<Problem>().code).toBe('TRACKING_CODE_FORMAT');
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1, maxLength: 120 }), async (s) => {
        const res = await lookup(app, s);
        expect(res.statusCode).toBeLessThan(500);
        if (res.statusCode !== 200)
          expect(res.json<Problem>().message.fa.length).toBeGreaterThan(0);
      }),
      { numRuns: 100 },
    );
  });

  it('reads the record again when it is republished', async () => {
    const second = join(dir, 'second');
    await writeRecord(second, demo.record);
    const local = await tallyTestApp({} as never, { recordDir: second });
    try {
      expect((await lookup(local, code)).statusCode).toBe(200);
      const other = runDemoElection({ manifest, cast: [{ branchId: 'b2', choices: [1] }] });
      await writeRecord(second, other.record);
      // A whole new record: every branch's files and the result were rewritten.
      rmSync(join(second, 'branches', 'b1', 'challenged.json'));
      writeFileSync(join(second, 'branches', 'b1', 'challenged.json'), '[]\n');
      const later = new Date(Date.now() + 5_000);
      utimesSync(join(second, 'result.json'), later, later);
      expect((await lookup(local, code)).statusCode).toBe(404);
      expect((await lookup(local, other.trackingCodes[0] ?? '')).statusCode).toBe(200);
    } finally {
      await local.close();
    }
  });

  it('answers from the store before the record is out, and RECORD_UNREADABLE for a broken record', async () => {
    const store = await openStore('sqlite::memory:');
    const none = await tallyTestApp(store);
    mkdirSync(join(dir, 'broken'));
    writeFileSync(join(dir, 'broken', 'record.json'), '{"not": "a record"');
    writeFileSync(join(dir, 'broken', 'result.json'), '{}');
    const broken = await tallyTestApp(store, { recordDir: join(dir, 'broken') });
    try {
      expect((await lookup(none, code)).json<Problem>().code).toBe('TRACKING_CODE_NOT_RECEIVED');
      const res = await lookup(broken, code);
      expect(res.statusCode).toBe(503);
      expect(res.json<Problem>()).toMatchObject({ code: 'RECORD_UNREADABLE' });
      expect(res.body).not.toContain(dir);
    } finally {
      await none.close();
      await broken.close();
      await store.close();
    }
  });
});

describeEachEngine(
  'the ceremony and tracking routes in the real HQ server',
  (ctx) => {
    let app: FastifyInstance;
    beforeAll(async () => {
      app = await testServer(ctx.store, { recordDir: join(dir, 'record') });
    });
    afterAll(async () => {
      await app.close();
    });

    it('answers a voter without signing in, and keeps the ceremony behind access control', async () => {
      expect((await lookup(app, shortTrackingCode(code))).json()).toMatchObject({ branchId: 'b1' });
      for (const url of ['/api/v1/ceremony', '/api/v1/ceremony/context']) {
        const res = await app.inject(url);
        expect(res.statusCode, url).toBe(401);
        expect(res.json<Problem>().message.fa.length).toBeGreaterThan(0);
      }
      const post = await app.inject({
        method: 'POST',
        url: '/api/v1/ceremony/announcements',
        payload: demo.record.ceremony.announcements[0] ?? {},
      });
      expect(post.statusCode).toBe(401);
    });

    it('tells a voter their ballot reached HQ before the record is published, by the branch only', async () => {
      const early = await testServer(ctx.store, { recordDir: join(dir, 'not-yet') });
      try {
        const definition = tinyDefinition();
        expect((await loadDefinition(ctx.store, definition, electionHash(definition))).ok).toBe(
          true,
        );
        const received = 'ab'.repeat(32);
        await stationDb(ctx.store.db)
          .insertInto('ballots')
          .values({
            election_id: definition.election.id,
            tracking_code: received,
            branch_id: 'b-0002',
            day: definition.election.votingDay,
            document: '{}',
          })
          .execute();
        for (const asked of [received, shortTrackingCode(received).toLowerCase()]) {
          const res = await lookup(early, asked);
          expect(res.statusCode, asked).toBe(200);
          expect(res.json()).toEqual({
            found: true,
            status: 'received',
            branchId: 'b-0002',
            trackingCode: received,
            shortCode: shortTrackingCode(received),
          });
        }
        const missing = await lookup(early, 'cd'.repeat(32));
        expect(missing.json<Problem>().code).toBe('TRACKING_CODE_NOT_RECEIVED');
      } finally {
        await early.close();
      }
    });
  },
  { isolation: 'file' },
);
