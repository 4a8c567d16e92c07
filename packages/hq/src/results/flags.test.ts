import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { electionHash, initialLifecycle, type FlagItem, type Problem } from '@sandogh/core';
import {
  appendResultVersion,
  listAuditEntries,
  listBranchCounts,
  listFlagDecisions,
  listResultVersions,
  loadDefinition,
  writeBranchLifecycle,
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
const election = definition.election.id;
let now = Date.parse('2024-05-10T19:00:00.000Z');
const at = new Date(now).toISOString();

interface FlagsView {
  readonly branches: number;
  readonly flags: readonly FlagItem[];
  readonly undecided: readonly string[];
}

describeEachEngine(
  'reconciliation flags at the HQ: listed with their numbers, decided by supervisors, blocking certification',
  (ctx) => {
    let app: FastifyInstance;
    let staff: TestSession;
    let sup: TestSession;
    let boardA: TestCredentials;
    let boardB: TestCredentials;
    const post = (url: string, who: TestSession, payload: object) =>
      app.inject({ method: 'POST', url: `/api/v1${url}`, headers: who.headers, payload });
    const flags = async (who: TestSession) =>
      (
        await app.inject({ method: 'GET', url: '/api/v1/results/flags', headers: who.headers })
      ).json<FlagsView>();
    const certify = () => {
      now += 30_000;
      const as = (who: TestCredentials) => ({
        username: who.username,
        password: who.password,
        totp: currentCode(app, who),
      });
      return post('/results/certify', staff, {
        reason: 'every branch reconciled or decided',
        approvers: [as(boardA), as(boardB)],
      });
    };
    const decide = (who: TestSession, body: Record<string, string>) =>
      post('/results/flags/decisions', who, {
        branchId: 'b-0001',
        decision: 'explained',
        reason: 'the trustees miscounted on the report; the ballots are all here',
        ...body,
      });

    beforeAll(async () => {
      expect((await loadDefinition(ctx.store, definition, electionHash(definition))).ok).toBe(true);
      app = await accessTestServer(ctx.store, { clock: () => now });
      staff = await loginAs(app, 'hq-staff');
      sup = await loginAs(app, 'supervisory-board');
      boardA = await createTestAccount(app, 'supervisory-board');
      boardB = await createTestAccount(app, 'supervisory-board');
      // Branch b-0001's report claims two voters and two ballots HQ never saw.
      const state = {
        ...initialLifecycle(),
        phase: 'received' as const,
        reports: [{ stop: 0, authenticated: 2, cast: 2, abandoned: 0, provisional: 0 }],
      };
      expect(await writeBranchLifecycle(ctx.store.db, election, 'b-0001', state, 0, at)).toBe(true);
      const final = await appendResultVersion(
        ctx.store,
        election,
        { state: 'final', reason: '', signers: [], createdAt: at },
        { n: 1 },
      );
      expect(final.ok).toBe(true);
    });
    afterAll(async () => {
      await app.close();
    });

    it('stores the decrypted counts after the decryption (HQ staff only), and reconciles with them', async () => {
      const body = { branches: [{ branchId: 'b-0001', ballotCount: 1, counts: [1, 0, 0, 0] }] };
      expect((await post('/results/branch-counts', sup, body)).statusCode).toBe(403);
      const bad = await post('/results/branch-counts', staff, {
        branches: [{ branchId: 'b-0001', ballotCount: 1, counts: [1, 0] }],
      });
      expect(bad.json<Problem>().code, bad.body).toBe('RESULTS_CANDIDATES_MISMATCH');
      expect(await listBranchCounts(ctx.store.db, election)).toEqual([]);
      const res = await post('/results/branch-counts', staff, {
        branches: [{ ...body.branches[0], present: [1, 2, 3], partials: [] }],
      });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toEqual({ stored: 1, unchanged: 0 });
      const view = await flags(staff);
      expect(view.branches).toBe(1);
      expect(view.undecided).toEqual(['b-0001']);
      expect(view.flags.map((f) => [f.code, f.field ?? null, f.numbers])).toEqual([
        [
          'RECONCILE_TALLY_REPORT',
          'authenticated',
          { branch: 'b-0001', field: 'authenticated', reported: 2, expected: 0 },
        ],
        [
          'RECONCILE_TALLY_REPORT',
          'cast',
          { branch: 'b-0001', field: 'cast', reported: 2, expected: 0 },
        ],
        ['RECONCILE_DECRYPTED', null, { branch: 'b-0001', decrypted: 1, received: 0 }],
      ]);
    });

    it('refuses certification while a flag lacks a decision, naming the branches', async () => {
      const res = await certify();
      expect(res.json<Problem>()).toMatchObject({
        code: 'RESULTS_FLAGS_UNDECIDED',
        details: { branches: 'b-0001' },
      });
      const versions = await listResultVersions(ctx.store.db, election);
      expect(versions.map((v) => v.state)).toEqual(['final']);
    });

    it('refuses a decision from a non-supervisor, on a flag that does not exist, or of an unknown kind — writing nothing', async () => {
      expect((await decide(staff, { code: 'RECONCILE_DECRYPTED' })).json<Problem>().code).toBe(
        'ACCESS_FORBIDDEN',
      );
      expect((await decide(sup, { code: 'RECONCILE_RECEIPTS' })).json<Problem>()).toMatchObject({
        code: 'RESULTS_FLAG_UNKNOWN',
      });
      expect(
        (await decide(sup, { code: 'RECONCILE_TALLY_REPORT', field: 'abandoned' })).statusCode,
      ).toBe(404);
      expect(
        (await decide(sup, { code: 'RECONCILE_DECRYPTED', branchId: 'b-0002' })).statusCode,
      ).toBe(404);
      expect(
        (await decide(sup, { code: 'RECONCILE_DECRYPTED', decision: 'ignored' })).json<Problem>()
          .code,
      ).toBe('INPUT_NOT_ALLOWED');
      expect(
        (await decide(sup, { code: 'RECONCILE_DECRYPTED', reason: '' })).json<Problem>().code,
      ).toBe('INPUT_TOO_SMALL');
      expect((await decide(sup, { code: 'NOT_A_RULE' })).statusCode).toBe(400);
      expect(await listFlagDecisions(ctx.store.db, election)).toEqual([]);
      const kinds = (await listAuditEntries(ctx.store, { limit: 500 })).entries.map(
        (e) => e.action,
      );
      expect(kinds).toContain('results.flag.refused');
      expect(kinds).not.toContain('results.flag.decided');
    });

    it('certifies once a supervisor has decided every flag; the decisions stay on the record', async () => {
      for (const body of [
        { code: 'RECONCILE_TALLY_REPORT', field: 'authenticated', decision: 'recount-ordered' },
        { code: 'RECONCILE_TALLY_REPORT', field: 'authenticated' },
        { code: 'RECONCILE_TALLY_REPORT', field: 'cast' },
      ]) {
        const res = await decide(sup, body);
        expect(res.statusCode, res.body).toBe(201);
      }
      expect((await certify()).json<Problem>().code).toBe('RESULTS_FLAGS_UNDECIDED');
      expect((await decide(sup, { code: 'RECONCILE_DECRYPTED' })).statusCode).toBe(201);
      const view = await flags(sup);
      expect(view.undecided).toEqual([]);
      expect(view.flags.map((f) => f.decisions.map((d) => d.decision))).toEqual([
        ['recount-ordered', 'explained'],
        ['explained'],
        ['explained'],
      ]);
      expect(view.flags[0]?.decisions[0]).toMatchObject({
        sequence: 1,
        decidedBy: sup.account.staffId ?? sup.account.username,
        numbers: { reported: 2, expected: 0 },
      });
      const res = await certify();
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({ version: 2, state: 'certified' });
      const kinds = (await listAuditEntries(ctx.store, { limit: 500 })).entries.map(
        (e) => e.action,
      );
      expect(kinds.filter((k) => k === 'results.flag.decided')).toHaveLength(4);
      expect(kinds).toContain('results.branch-counts.stored');
    });
  },
  { isolation: 'file' },
);
