import { afterEach, beforeEach, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { electionHash, reportSigners } from '@sandogh/core';
import { auditDb, listCheckpoints, loadDefinition, verifyAuditLog } from '@sandogh/store';
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
const signers = [...reportSigners];
const counts = (cast: number, abandoned = 0) => ({
  authenticated: cast + abandoned,
  cast,
  abandoned,
  provisional: 0,
});

describeEachEngine('the branch lifecycle at HQ', (ctx) => {
  let app: FastifyInstance;
  let hq: TestSession;
  beforeEach(async () => {
    app = await accessTestServer(ctx.store);
    expect((await loadDefinition(ctx.store, definition, electionHash(definition))).ok).toBe(true);
    hq = await loginAs(app, 'hq-staff');
  });
  afterEach(async () => {
    await app.close();
  });

  const step = async (branch: string, path: string, payload: object = {}) => {
    const res = await app.inject({
      method: 'POST',
      url: `/api/v1/branches/${branch}/${path}`,
      headers: hq.bearer,
      payload,
    });
    return { status: res.statusCode, body: res.json<Record<string, unknown>>() };
  };
  const zero = { packageHash: 'abcd-0123-4567-89ef', ballotsHeld: 0, signers };
  const audit = async () =>
    JSON.stringify(await auditDb(ctx.store.db).selectFrom('audit_log').selectAll().execute());

  it('opens with the zero report, pauses, closes and reconciles a fixed branch, all on the record', async () => {
    expect((await step('b-0001', 'zero-report', zero)).body).toMatchObject({ phase: 'open' });
    expect((await step('b-0001', 'pause', { resume: false })).body).toMatchObject({
      phase: 'paused',
    });
    expect((await step('b-0001', 'pause', { resume: true })).body).toMatchObject({ phase: 'open' });
    expect((await step('b-0001', 'closing', { queued: 3 })).body).toMatchObject({
      phase: 'closing',
      queueRemaining: 3,
    });
    const closed = await step('b-0001', 'tally-report', { counts: counts(0, 2), signers });
    expect(closed.body).toMatchObject({ phase: 'reconciled' });
    const log = await audit();
    for (const kind of [
      'branches.branch.opened',
      'branches.branch.changed',
      'branches.branch.closed',
    ])
      expect(log).toContain(kind);
    // Opening and closing are phase changes: HQ signs the chain head with each.
    const { checkpoints } = await listCheckpoints(ctx.store);
    expect(checkpoints.map((c) => c.reason)).toEqual([
      'startup',
      'phase:branch-opened',
      'phase:branch-closed',
    ]);
    expect((await verifyAuditLog(ctx.store)).ok).toBe(true);
  });

  it('refuses a tally report that counts ballots HQ never received, and logs it', async () => {
    await step('b-0001', 'zero-report', zero);
    await step('b-0001', 'closing', { queued: 0 });
    const r = await step('b-0001', 'tally-report', { counts: counts(5), signers });
    expect(r.body).toMatchObject({ code: 'BRANCH_COUNTS_MISMATCH' });
    expect(await audit()).toContain('branches.report.refused');
  });

  it('refuses steps out of order and a zero report without every signature', async () => {
    expect((await step('b-0002', 'closing', { queued: 0 })).body).toMatchObject({
      code: 'BRANCH_TRANSITION_REFUSED',
    });
    expect(
      (await step('b-0002', 'zero-report', { ...zero, signers: ['device'] })).body,
    ).toMatchObject({ code: 'BRANCH_SIGNATURES_MISSING' });
    expect((await step('b-0002', 'zero-report', { ...zero, ballotsHeld: 1 })).body).toMatchObject({
      code: 'BRANCH_ZERO_REPORT_NOT_EMPTY',
    });
  });

  it("honours extensions within the ministry's limit, and refuses one beyond it", async () => {
    await step('b-0001', 'zero-report', zero);
    await step('b-0001', 'closing', { queued: 0 });
    expect((await step('b-0001', 'extension', { totalMinutes: 120 })).body).toMatchObject({
      phase: 'open',
      extensionMinutes: 120,
    });
    expect((await step('b-0001', 'extension', { totalMinutes: 240 })).body).toMatchObject({
      code: 'BRANCH_EXTENSION_LIMIT',
    });
    // Beyond the limit, with a supervisory-board member present; not with anyone else.
    const board = await createTestAccount(app, 'supervisory-board');
    const zoneStaff = await createTestAccount(app, 'zone-hq-staff');
    const as = (who: TestCredentials) => ({
      username: who.username,
      password: who.password,
      totp: currentCode(app, who),
    });
    expect(
      (
        await step('b-0001', 'extension-beyond-limit', {
          totalMinutes: 240,
          approver: as(zoneStaff),
        })
      ).body,
    ).toMatchObject({ code: 'ACCESS_FORBIDDEN' });
    expect(
      (await step('b-0001', 'extension-beyond-limit', { totalMinutes: 240, approver: as(board) }))
        .body,
    ).toMatchObject({ phase: 'open', extensionMinutes: 240 });
  });

  it('runs a mobile branch stop by stop, each stop reported, then reconciles it', async () => {
    // b-0004 is the fixture's mobile branch, with two stops.
    await step('b-0004', 'zero-report', zero);
    await step('b-0004', 'closing', { queued: 0 });
    expect(
      (await step('b-0004', 'tally-report', { counts: counts(0, 1), signers })).body,
    ).toMatchObject({ phase: 'closed', segment: 0 });
    expect((await step('b-0004', 'next-stop')).body).toMatchObject({
      phase: 'configured',
      segment: 1,
    });
    await step('b-0004', 'zero-report', zero);
    await step('b-0004', 'closing', { queued: 0 });
    const last = await step('b-0004', 'tally-report', { counts: counts(0, 1), signers });
    expect(last.body).toMatchObject({ phase: 'reconciled' });
    expect((last.body['reports'] as unknown[]).length).toBe(2);
  });

  it('flags a branch whose counts do not reconcile (law 5)', async () => {
    await step('b-0002', 'zero-report', zero);
    await step('b-0002', 'closing', { queued: 0 });
    const r = await step('b-0002', 'tally-report', {
      counts: { authenticated: 4, cast: 0, abandoned: 1, provisional: 0 },
      signers,
    });
    expect(r.body).toMatchObject({ phase: 'received' });
    expect(await audit()).toContain('branches.reconciliation.flagged');
  });
});
