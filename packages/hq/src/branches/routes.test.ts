import { afterEach, beforeEach, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { electionHash } from '@sandogh/core';
import { auditDb, listCheckpoints, loadDefinition, verifyAuditLog } from '@sandogh/store';
import { describeEachEngine, tinyDefinition } from '@sandogh/store/testing';
import {
  accessTestServer,
  createTestAccount,
  currentCode,
  loginAs,
  sessionFor,
  type TestCredentials,
  type TestSession,
} from '../access/testing.js';
import { deviceReport, reportSignaturesFor, typed } from './testSupport.js';

const definition = tinyDefinition();
const hash = electionHash(definition);
const PACKAGE = 'abcd-0123-4567-89ef';
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
  const zeroReport = async (branch: string, stop = 0, ballotsHeld = 0) => ({
    packageHash: PACKAGE,
    ballotsHeld,
    ...(await reportSignaturesFor(app, hash, branch, {
      report: 'zero',
      stop,
      packageHash: PACKAGE,
      ballotsHeld,
    })),
  });
  const tallyReport = async (branch: string, c: ReturnType<typeof counts>, stop = 0) => ({
    counts: c,
    ...(await reportSignaturesFor(app, hash, branch, { report: 'tally', stop, counts: c })),
  });
  const audit = async () =>
    JSON.stringify(await auditDb(ctx.store.db).selectFrom('audit_log').selectAll().execute());

  it('opens with the zero report, pauses, closes and reconciles a fixed branch, all on the record', async () => {
    expect((await step('b-0001', 'zero-report', await zeroReport('b-0001'))).body).toMatchObject({
      phase: 'open',
    });
    expect((await step('b-0001', 'pause', { resume: false })).body).toMatchObject({
      phase: 'paused',
    });
    expect((await step('b-0001', 'pause', { resume: true })).body).toMatchObject({ phase: 'open' });
    expect((await step('b-0001', 'closing', { queued: 3 })).body).toMatchObject({
      phase: 'closing',
      queueRemaining: 3,
    });
    const closed = await step('b-0001', 'tally-report', await tallyReport('b-0001', counts(0, 2)));
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
    await step('b-0001', 'zero-report', await zeroReport('b-0001'));
    await step('b-0001', 'closing', { queued: 0 });
    const r = await step('b-0001', 'tally-report', await tallyReport('b-0001', counts(5)));
    expect(r.body).toMatchObject({ code: 'BRANCH_COUNTS_MISMATCH' });
    expect(await audit()).toContain('branches.report.refused');
  });

  it('refuses steps out of order and a zero report without every signature', async () => {
    expect((await step('b-0002', 'closing', { queued: 0 })).body).toMatchObject({
      code: 'BRANCH_TRANSITION_REFUSED',
    });
    const unsigned = { ...(await zeroReport('b-0002')), cosigners: [] };
    expect((await step('b-0002', 'zero-report', unsigned)).body).toMatchObject({
      code: 'BRANCH_SIGNATURES_MISSING',
    });
    expect(
      (await step('b-0002', 'zero-report', await zeroReport('b-0002', 0, 1))).body,
    ).toMatchObject({
      code: 'BRANCH_ZERO_REPORT_NOT_EMPTY',
    });
  });

  it("honours extensions within the ministry's limit, and refuses one beyond it", async () => {
    await step('b-0001', 'zero-report', await zeroReport('b-0001'));
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
    await step('b-0004', 'zero-report', await zeroReport('b-0004'));
    await step('b-0004', 'closing', { queued: 0 });
    expect(
      (await step('b-0004', 'tally-report', await tallyReport('b-0004', counts(0, 1)))).body,
    ).toMatchObject({ phase: 'closed', segment: 0 });
    expect((await step('b-0004', 'next-stop')).body).toMatchObject({
      phase: 'configured',
      segment: 1,
    });
    await step('b-0004', 'zero-report', await zeroReport('b-0004', 1));
    await step('b-0004', 'closing', { queued: 0 });
    const last = await step('b-0004', 'tally-report', await tallyReport('b-0004', counts(0, 1), 1));
    expect(last.body).toMatchObject({ phase: 'reconciled' });
    expect((last.body['reports'] as unknown[]).length).toBe(2);
  });

  it('flags a branch whose counts do not reconcile (law 5)', async () => {
    await step('b-0002', 'zero-report', await zeroReport('b-0002'));
    await step('b-0002', 'closing', { queued: 0 });
    const r = await step(
      'b-0002',
      'tally-report',
      await tallyReport('b-0002', { authenticated: 4, cast: 0, abandoned: 1, provisional: 0 }),
    );
    expect(r.body).toMatchObject({ phase: 'received' });
    expect(await audit()).toContain('branches.reconciliation.flagged');
  });

  it('takes co-signatures only from the people themselves, each with their own account', async () => {
    const content = { report: 'zero' as const, stop: 0, packageHash: PACKAGE, ballotsHeld: 0 };
    const good = await reportSignaturesFor(app, hash, 'b-0003', content);
    const body = (cosigners: unknown[]) => ({
      packageHash: PACKAGE,
      ballotsHeld: 0,
      device: good.device,
      cosigners,
    });
    const refused = async (cosigners: unknown[], as: TestSession = hq) => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/branches/b-0003/zero-report',
        headers: as.bearer,
        payload: body(cosigners),
      });
      return res.json<{ code: string }>().code;
    };
    const [trustee, governor] = good.cosigners;
    // A name typed without the person's password and code is not a signature.
    expect(await refused([{ as: 'trustee', username: trustee?.username }, governor])).toBe(
      'INPUT_INVALID',
    );
    expect(await refused([{ ...trustee, password: 'not the password at all' }, governor])).toBe(
      'BRANCH_REPORT_SIGNATURE_INVALID',
    );
    // Someone without the role cannot sign as a trustee.
    const observer = await createTestAccount(app, 'observer');
    expect(await refused([{ as: 'trustee', ...typed(app, observer) }, governor])).toBe(
      'BRANCH_REPORT_SIGNATURE_INVALID',
    );
    // The operator cannot sign a second time as the governor's representative.
    const gov = await createTestAccount(app, 'governor-representative');
    const govSession = await sessionFor(app, gov.account);
    const trustee2 = await createTestAccount(app, 'branch-trustee');
    expect(
      await refused(
        [
          { as: 'trustee', ...typed(app, trustee2) },
          { as: 'governor-representative', ...typed(app, gov) },
        ],
        govSession,
      ),
    ).toBe('BRANCH_REPORT_SIGNATURE_INVALID');
    expect(await audit()).toContain('access.approval.refused');
    const fresh = await reportSignaturesFor(app, hash, 'b-0003', content);
    expect(
      (await step('b-0003', 'zero-report', { ...body(fresh.cosigners), device: fresh.device }))
        .body,
    ).toMatchObject({ phase: 'open' });
    expect(await audit()).toContain('reports.cosign');
  });

  it("refuses a report the branch's voting device did not sign as it stands", async () => {
    const report = await zeroReport('b-0002');
    const otherCount = deviceReport(hash, 'b-0002', {
      report: 'zero',
      stop: 0,
      packageHash: PACKAGE,
      ballotsHeld: 3,
    });
    const otherDevice = deviceReport(
      hash,
      'b-0002',
      { report: 'zero', stop: 0, packageHash: PACKAGE, ballotsHeld: 0 },
      'V-0001',
    );
    for (const device of [
      otherCount,
      otherDevice,
      { ...report.device, signature: otherCount.signature },
    ])
      expect((await step('b-0002', 'zero-report', { ...report, device })).body).toMatchObject({
        code: 'BRANCH_REPORT_SIGNATURE_INVALID',
      });
    expect(await audit()).toContain('branches.report.refused');
  });
});
