import { afterEach, beforeEach, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import {
  branchPackageHash,
  TRAINING_DAY,
  TRAINING_ELECTION_HASH,
  TRAINING_EXTENDED_HASH,
  TRAINING_ID,
  type SignedBranchPackage,
} from '@sandogh/core';
import { auditDb, countBallots } from '@sandogh/store';
import { describeEachEngine } from '@sandogh/store/testing';
import { accessTestServer, loginAs } from '../access/testing.js';
import { signedBy } from '../devices/testing.js';
import { keyedElection, testBallot, type KeyedElection } from '../ballots/testSupport.js';

describeEachEngine('training mode at the real HQ: nothing of it reaches a count', (ctx) => {
  let app: FastifyInstance;
  let election: KeyedElection;
  let packageHash: string;

  beforeEach(async () => {
    app = await accessTestServer(ctx.store);
    election = await keyedElection(ctx.store);
    const it1 = await loginAs(app, 'it-committee');
    const res = await app.inject({ url: '/api/v1/branches/b-0001/package', headers: it1.bearer });
    packageHash = branchPackageHash(res.json<SignedBranchPackage>().package);
  });
  afterEach(async () => {
    await app.close();
  });

  const deliver = (ballots: readonly object[], electionHash = election.hash) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/ballots',
      payload: signedBy({
        election: electionHash,
        device: 'V-0001',
        branch: 'b-0001',
        kind: 'ballots.submit',
        body: { package: packageHash, batch: ballots },
      }),
    });
  const refusals = async (action: string) =>
    auditDb(ctx.store.db)
      .selectFrom('audit_log')
      .select(['reason', 'details'])
      .where('action', '=', action)
      .execute();
  const electionId = () => election.definition.election.id;

  it('refuses a batch made in training mode by name, logs it, and stores nothing', async () => {
    const res = await deliver([testBallot(election, 'b-0001').ballot], TRAINING_ELECTION_HASH);
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'TRAINING_BALLOT_REFUSED' });
    expect(await refusals('devices.training.refused')).toEqual([
      { reason: 'TRAINING_BALLOT_REFUSED', details: expect.stringContaining('/api/v1/ballots') },
    ]);
    expect(await countBallots(ctx.store.db, electionId())).toBe(0);
  });

  it.each([
    ['the training H_E', { electionHash: TRAINING_EXTENDED_HASH }],
    ['the training day', { day: TRAINING_DAY }],
    ['the training branch', { branchId: TRAINING_ID }],
  ])(
    'refuses a training ballot inside a real message (%s): the whole batch, logged',
    async (_what, mark) => {
      const real = testBallot(election, 'b-0001').ballot;
      const training = { ...testBallot(election, 'b-0001').ballot, ...mark };
      const res = await deliver([real, training]);
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({
        code: 'TRAINING_BALLOT_REFUSED',
        path: ['message', 'body', 'batch', 1],
      });
      expect((await refusals('ballots.batch.refused')).map((r) => r.reason)).toEqual([
        'TRAINING_BALLOT_REFUSED',
      ]);
      expect(await countBallots(ctx.store.db, electionId())).toBe(0);
      // The real ballot alone is still taken: the refusal was about the training mark only.
      expect((await deliver([real])).json()).toMatchObject({ status: 'applied', stored: 1 });
    },
  );

  it('serves the sample election to anyone, marked as training', async () => {
    const res = await app.inject({ url: '/api/v1/training/election' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      training: true,
      label: { fa: 'آموزشی', en: 'Training' },
      electionHash: TRAINING_ELECTION_HASH,
      contest: { maxSelections: 3, candidateCodeLength: 3 },
    });
    expect(TRAINING_ELECTION_HASH).not.toBe(election.hash);
  });

  it('checks a tried ballot by the real rules and keeps nothing of it', async () => {
    const before = await auditDb(ctx.store.db).selectFrom('audit_log').select('sequence').execute();
    const tried = (codes: unknown) =>
      app.inject({ method: 'POST', url: '/api/v1/training/ballot', payload: { codes } });
    const ok = await tried(['103', '101', '103']);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({
      training: true,
      blank: false,
      chosen: [{ code: '101' }, { code: '103' }],
    });
    expect((await tried([])).json()).toMatchObject({ blank: true, chosen: [] });
    expect((await tried(['999'])).json()).toMatchObject({ code: 'TRAINING_CODE_UNKNOWN' });
    expect((await tried(['101', '102', '103', '104'])).json()).toMatchObject({
      code: 'TRAINING_TOO_MANY',
    });
    for (const bad of ['101', ['1x1'], [101]]) expect((await tried(bad)).statusCode).toBe(400);
    const extra = await app.inject({
      method: 'POST',
      url: '/api/v1/training/ballot',
      payload: { codes: [], voter: '0012345678' },
    });
    expect(extra.statusCode).toBe(400);
    expect(await countBallots(ctx.store.db, electionId())).toBe(0);
    const after = await auditDb(ctx.store.db).selectFrom('audit_log').select('sequence').execute();
    expect(after.length).toBe(before.length);
  });
});
