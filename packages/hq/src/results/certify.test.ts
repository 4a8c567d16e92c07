import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { electionHash, type Problem } from '@sandogh/core';
import {
  appendResultVersion,
  listCheckpoints,
  listResultVersions,
  loadDefinition,
  verifyAuditLog,
} from '@sandogh/store';
import { describeEachEngine, tinyDefinition } from '@sandogh/store/testing';
import {
  accessTestServer,
  createTestAccount,
  currentCode,
  loginAs,
  type TestCredentials,
  type TestSession,
} from '../access/testing.js';

const definition = tinyDefinition();
/** The server's clock, moved on by a TOTP step when a test needs fresh codes. */
let now = Date.parse('2024-05-10T16:00:00.000Z');
const nextStep = () => {
  now += 30_000;
};
const result = { constituency: { ballotsCast: 3, votes: [{ code: '11', votes: 2 }] } };

describeEachEngine(
  'certifying the result: a new version, two board members present, a signed checkpoint',
  (ctx) => {
    let app: FastifyInstance;
    let staff: TestSession;
    let boardA: TestCredentials;
    let boardB: TestCredentials;
    let otherStaff: TestCredentials;
    const as = (who: TestCredentials) => ({
      username: who.username,
      password: who.password,
      totp: currentCode(app, who),
    });
    const certify = (approvers: Record<string, string>[]) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/results/certify',
        headers: staff.headers,
        payload: { reason: 'every branch reconciled; complaints closed', approvers },
      });

    beforeAll(async () => {
      expect((await loadDefinition(ctx.store, definition, electionHash(definition))).ok).toBe(true);
      app = await accessTestServer(ctx.store, { clock: () => now });
      staff = await loginAs(app, 'hq-staff');
      boardA = await createTestAccount(app, 'supervisory-board');
      boardB = await createTestAccount(app, 'supervisory-board');
      otherStaff = await createTestAccount(app, 'hq-staff');
    });
    afterAll(async () => {
      await app.close();
    });

    it('refuses a result that is not final yet', async () => {
      const partial = await appendResultVersion(
        ctx.store,
        definition.election.id,
        { state: 'partial', reason: '', signers: [], createdAt: new Date().toISOString() },
        result,
      );
      expect(partial.ok).toBe(true);
      const res = await certify([as(boardA), as(boardB)]);
      expect(res.json<Problem>().code).toBe('RESULTS_STATE_ORDER');
    });

    it('needs two different supervisory-board members, each with their own credentials', async () => {
      const final = await appendResultVersion(
        ctx.store,
        definition.election.id,
        { state: 'final', reason: '', signers: [], createdAt: new Date().toISOString() },
        result,
      );
      expect(final.ok).toBe(true);
      expect((await certify([as(boardA), as(boardA)])).json<Problem>().code).toBe('INPUT_INVALID');
      expect((await certify([as(boardA), as(otherStaff)])).json<Problem>()).toMatchObject({
        code: 'ACCESS_FORBIDDEN',
      });
      const versions = await listResultVersions(ctx.store.db, definition.election.id);
      expect(versions.map((v) => v.state)).toEqual(['partial', 'final']);
    });

    it('certifies as a new version, logs it and signs a checkpoint with it', async () => {
      nextStep();
      const res = await certify([as(boardB), as(boardA)]);
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({ version: 3, state: 'certified' });
      const versions = await listResultVersions(ctx.store.db, definition.election.id);
      expect(versions.map((v) => v.state)).toEqual(['partial', 'final', 'certified']);
      expect(versions.at(-1)?.signers.map((s) => s.role)).toEqual([
        'supervisory-board',
        'supervisory-board',
      ]);
      const { checkpoints } = await listCheckpoints(ctx.store);
      expect(checkpoints.map((c) => c.reason)).toContain('phase:certification');
      expect((await verifyAuditLog(ctx.store)).ok).toBe(true);
      // The same codes again are replays: a second certification needs the members again.
      expect((await certify([as(boardB), as(boardA)])).json<Problem>().code).toBe(
        'ACCESS_APPROVER_REFUSED',
      );
    });
  },
  { isolation: 'file' },
);
