import { afterEach, beforeEach, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import {
  electionHash,
  lotCommitmentOf,
  lotOrder,
  lotSeed,
  sampleDefinition,
  type LotRecord,
} from '@sandogh/core';
import { appendResultVersion, listAuditEntries, loadDefinition } from '@sandogh/store';
import { describeEachEngine } from '@sandogh/store/testing';
import { accessTestServer, loginAs, type TestSession } from '../access/testing.js';

const definition = sampleDefinition();
const tie = { electionRecordHash: 'ab'.repeat(32), tied: ['101', '102', '103'], places: 1 };
const value = (n: number) => n.toString(16).padStart(64, '0');

describeEachEngine('results at the HQ: public result, and the lot of the joint session', (ctx) => {
  let app: FastifyInstance;
  let exec: TestSession;
  let sup: TestSession;
  // The store is fresh for every test: each one loads the election and opens its own HQ.
  beforeEach(async () => {
    const loaded = await loadDefinition(ctx.store, definition, electionHash(definition));
    if (!loaded.ok) throw new Error(loaded.error.message.en);
    app = await accessTestServer(ctx.store);
    exec = await loginAs(app, 'executive-board');
    sup = await loginAs(app, 'supervisory-board');
  });
  afterEach(async () => {
    await app.close();
  });

  const post = (url: string, who: TestSession, payload?: object) =>
    app.inject({
      method: 'POST',
      url: `/api/v1${url}`,
      headers: who.headers,
      ...(payload === undefined ? {} : { payload }),
    });

  it('publishes the latest result version to anyone, read-only', async () => {
    expect((await app.inject('/api/v1/public/results')).json()).toMatchObject({
      code: 'RESULTS_NOT_PUBLISHED',
    });
    await appendResultVersion(
      ctx.store,
      definition.election.id,
      { state: 'partial', reason: '', signers: [], createdAt: '2024-05-10T15:00:00.000Z' },
      { winners: [] },
    );
    const res = await app.inject('/api/v1/public/results');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      version: { version: 1, state: 'partial' },
      result: { winners: [] },
    });
    const chain = (await app.inject('/api/v1/public/results/versions')).json<{
      versions: unknown[];
    }>();
    expect(chain.versions).toHaveLength(1);
  });

  it('runs the lot: each member commits and reveals only for themself; the draw is public and logged', async () => {
    expect((await post('/results/lot', exec, tie)).statusCode).toBe(201);
    expect((await post('/results/lot', exec, tie)).json()).toMatchObject({
      code: 'LOT_TIE_INVALID',
    });
    const members = [
      [exec, value(11)],
      [sup, value(22)],
    ] as const;
    for (const [who, v] of members) {
      const res = await post('/results/lot/commitments', who, {
        commitment: lotCommitmentOf(who.account.username, v),
      });
      expect(res.statusCode).toBe(201);
    }
    // A value that does not open the commitment is refused, and the refusal is on the record.
    expect((await post('/results/lot/reveals', exec, { value: value(12) })).json()).toMatchObject({
      code: 'LOT_REVEAL_MISMATCH',
    });
    expect((await post('/results/lot/draw', exec)).json()).toMatchObject({
      code: 'LOT_REVEALS_INCOMPLETE',
    });
    for (const [who, v] of members)
      expect((await post('/results/lot/reveals', who, { value: v })).statusCode).toBe(201);
    const drawn = await post('/results/lot/draw', exec);
    expect(drawn.statusCode).toBe(200);
    const record = drawn.json<LotRecord>();
    expect(record.order).toEqual(lotOrder(tie.tied, lotSeed(tie, record.reveals)));
    const lots = (await app.inject('/api/v1/public/lots')).json<{ lots: LotRecord[] }>();
    expect(lots.lots.map((l) => l.seed)).toEqual([record.seed]);

    const entries = await listAuditEntries(ctx.store, { limit: 500 });
    const kinds = entries.entries.map((e) => e.action);
    expect(kinds).toContain('election.lot.drawn');
    expect(kinds).toContain('results.lot.refused');
    expect(kinds.filter((k) => k === 'results.lot.committed')).toHaveLength(2);
  });

  it('refuses the public, observers and malformed input', async () => {
    expect(
      (await app.inject({ method: 'POST', url: '/api/v1/results/lot', payload: tie })).statusCode,
    ).toBe(401);
    const observer = await loginAs(app, 'observer');
    expect(
      (await post('/results/lot/commitments', observer, { commitment: 'a'.repeat(64) })).statusCode,
    ).toBe(403);
    expect((await post('/results/lot/commitments', exec, { commitment: 'xyz' })).statusCode).toBe(
      400,
    );
    expect((await post('/results/lot', exec, { ...tie, places: 0 })).statusCode).toBe(400);
  });

  it('runs the paper audit: start, public retrieval lists, double entry, the round decision', async () => {
    const start = {
      riskLimit: 0.1,
      seed: '31415926535897932384',
      reported: {
        ballotsCast: 1_000,
        votes: [
          { code: '101', votes: 700 },
          { code: '102', votes: 300 },
        ],
        winners: ['101'],
        maxSelections: 1,
      },
      manifest: [
        { branchId: '0001', ballots: 600 },
        { branchId: '0002', ballots: 400 },
      ],
    };
    expect((await post('/results/audit', exec, start)).statusCode).toBe(403);
    expect((await post('/results/audit', sup, { ...start, seed: '12' })).json()).toMatchObject({
      code: 'RLA_SEED_INVALID',
    });
    expect((await post('/results/audit', sup, start)).statusCode).toBe(201);
    const view = (await app.inject('/api/v1/public/audit')).json<{
      retrieval: { branchId: string; items: { position: number }[] }[];
    }>();
    const papers = view.retrieval.flatMap((b) =>
      b.items.map((i) => ({ branchId: b.branchId, position: i.position })),
    );
    expect(papers.length).toBeGreaterThan(0);
    expect((await post('/results/audit/rounds', sup)).json()).toMatchObject({
      code: 'RLA_ENTRIES_INCOMPLETE',
    });
    for (const [who, look] of [
      [exec, 'first'],
      [sup, 'second'],
    ] as const)
      for (const paper of papers) {
        const res = await post('/results/audit/entries', who, { ...paper, look, marks: ['101'] });
        expect(res.statusCode).toBe(201);
      }
    const decided = await post('/results/audit/rounds', sup);
    expect(decided.json()).toMatchObject({ decision: { kind: 'stop' } });
    const kinds = (await listAuditEntries(ctx.store, { limit: 500 })).entries.map((e) => e.action);
    expect(kinds).toEqual(
      expect.arrayContaining([
        'results.audit.started',
        'results.audit.sampled',
        'results.audit.entered',
        'results.audit.decided',
        'results.audit.refused',
      ]),
    );
  });
});
