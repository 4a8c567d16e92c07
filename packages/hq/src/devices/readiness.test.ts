import { afterEach, expect, it } from 'vitest';
import {
  branchPackageHash,
  initialLifecycle,
  TRAINING_ELECTION_HASH,
  type DeviceReadinessGap,
  type SignedBranchPackage,
} from '@sandogh/core';
import { auditDb, writeBranchLifecycle } from '@sandogh/store';
import { describeEachEngine, testDevicePublicKey } from '@sandogh/store/testing';
import { signedBy } from './testing.js';
import {
  definition,
  hash,
  operationsHarness,
  zoneHqScope,
  type OperationsHarness,
} from '../incidents/testSupport.js';

interface DeviceRow {
  serial: string;
  kind: string;
  zoneHqId: string;
  branchId: string | null;
  ready: boolean;
  configured: string | null;
  selfTest: string | null;
  opened: boolean;
  gaps: DeviceReadinessGap[];
}
interface View {
  devices: DeviceRow[];
  spares: { serial: string; zoneHqId: string; available: boolean }[];
  branchesMissingDevices: { branchId: string; missing: string[] }[];
  zones: { zoneHqId: string; devices: number; ready: number; sparesAvailable: number }[];
}

/** A small deterministic generator (mulberry32): the history is the same on every run. */
function prng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Outcome = 'current-pass' | 'current-fail' | 'stale' | 'silent';
const OUTCOMES: readonly Outcome[] = ['current-pass', 'current-fail', 'stale', 'silent'];

describeEachEngine('device readiness at HQ (the IT committee)', (ctx) => {
  let h: OperationsHarness | undefined;
  afterEach(async () => {
    await h?.app.close();
    h = undefined;
  });

  const status = (
    h: OperationsHarness,
    device: string,
    branch: string,
    pkg: string,
    failed: readonly string[] = [],
    election = hash,
  ) =>
    h.app.inject({
      method: 'POST',
      url: '/api/v1/devices/status',
      payload: signedBy({
        election,
        device,
        branch,
        kind: 'devices.status',
        body: {
          package: pkg,
          selfTest: {
            passed: failed.length === 0,
            checks: ['device-key', 'election-key', 'store', 'printer'].map((name) => ({
              name,
              passed: !failed.includes(name),
            })),
          },
        },
      }),
    });

  it('is correct against a generated history: stale packages, failed self-tests, spares, revocations', async () => {
    h = await operationsHarness(ctx.store);
    const county = await h.as('hq-staff');
    const it1 = await h.as('it-committee', zoneHqScope('zhq-1'));
    const get = async (url: string, headers = county.bearer) =>
      h?.app.inject({ method: 'GET', url: `/api/v1${url}`, headers });
    const pkgHash = async (branchId: string) => {
      const res = await get(`/branches/${branchId}/package`);
      expect(res?.statusCode).toBe(200);
      return branchPackageHash((res?.json() as SignedBranchPackage).package);
    };

    // A spare registered at zhq-2, waiting there; the fixture's S-0001 waits at zhq-1.
    const spare = await h.app.inject({
      method: 'POST',
      url: '/api/v1/devices',
      headers: county.bearer,
      payload: {
        serial: 'S-0002',
        kind: 'spare',
        publicKey: testDevicePublicKey('S-0002'),
        zoneHqId: 'zhq-2',
      },
    });
    expect(spare.statusCode, spare.body).toBe(201);

    // The history: each branch device reports (or not) as the generator says.
    const random = prng(8);
    const outcome = new Map<string, Outcome>();
    for (const branch of definition.branches) {
      const current = await pkgHash(branch.id);
      for (const serial of [`A-${branch.id.slice(2)}`, `V-${branch.id.slice(2)}`]) {
        const o = OUTCOMES[Math.floor(random() * OUTCOMES.length)] ?? 'silent';
        outcome.set(serial, o);
        if (o === 'silent') continue;
        // An earlier failed report is overtaken by the later one.
        expect((await status(h, serial, branch.id, current, ['printer'])).statusCode).toBe(201);
        const res = await status(
          h,
          serial,
          branch.id,
          o === 'stale' ? 'e'.repeat(64) : current,
          o === 'current-fail' ? ['store'] : [],
        );
        expect(res.statusCode, res.body).toBe(201);
        expect(res.json()).toMatchObject({
          configured: o === 'stale' ? 'stale' : 'current',
          selfTest: o === 'current-fail' ? 'failed' : 'passed',
        });
      }
    }
    // Every failed self-test became an incident of its branch, routed to the IT committee.
    for (const branch of definition.branches) {
      const failedReports = [`A-${branch.id.slice(2)}`, `V-${branch.id.slice(2)}`]
        .map((serial) => outcome.get(serial) ?? 'silent')
        .reduce((n, o) => n + (o === 'silent' ? 0 : o === 'current-fail' ? 2 : 1), 0);
      const listed = await get(`/branches/${branch.id}/incidents`);
      const incidents = listed?.json<{ incidents: { kind: string; team: string }[] }>().incidents;
      expect(incidents?.length, branch.id).toBe(failedReports);
      for (const i of incidents ?? []) expect(i.team).toBe('it-committee');
    }
    // The generated history holds every outcome, so every rule below is exercised.
    expect(new Set(outcome.values())).toEqual(new Set(OUTCOMES));
    // Revoking V-0003 changes b-0003's package: what A-0003 reported is stale from now on.
    const itCounty = await h.as('it-committee');
    const revoked = await h.app.inject({
      method: 'POST',
      url: '/api/v1/devices/V-0003/revoke',
      headers: itCounty.bearer,
    });
    expect(revoked.statusCode, revoked.body).toBe(200);
    // b-0001 and b-0005 were opened with their zero reports.
    const electionId = definition.election.id;
    for (const b of ['b-0001', 'b-0005'])
      await ctx.store.transaction((trx) =>
        writeBranchLifecycle(
          trx,
          electionId,
          b,
          { ...initialLifecycle(), phase: 'opened' },
          0,
          '2024-03-01T04:00:00.000Z',
        ),
      );

    // The independent computation of what the view must say.
    const opened = new Set(['b-0001', 'b-0005']);
    const expectedGaps = (serial: string, branchId: string): DeviceReadinessGap[] => {
      if (serial === 'V-0003') return ['out-of-service'];
      let o = outcome.get(serial) ?? 'silent';
      if (branchId === 'b-0003' && o !== 'silent') o = 'stale';
      const gaps: DeviceReadinessGap[] = [];
      if (o === 'silent') gaps.push('not-reported');
      if (o === 'stale') gaps.push('package-stale');
      if (o === 'current-fail') gaps.push('self-test-failed');
      if (!opened.has(branchId)) gaps.push('branch-not-opened');
      return gaps;
    };

    const all = await get('/devices/readiness');
    expect(all?.statusCode, all?.body).toBe(200);
    const view = all?.json<View>();
    if (view === undefined) throw new Error('no view');
    for (const branch of definition.branches)
      for (const serial of [`A-${branch.id.slice(2)}`, `V-${branch.id.slice(2)}`]) {
        const row = view.devices.find((d) => d.serial === serial);
        const gaps = expectedGaps(serial, branch.id);
        expect(row?.gaps, serial).toEqual(gaps);
        expect(row?.ready, serial).toBe(gaps.length === 0);
      }
    expect(view.spares).toEqual([
      { serial: 'S-0001', zoneHqId: 'zhq-1', status: 'registered', available: true },
      { serial: 'S-0002', zoneHqId: 'zhq-2', status: 'registered', available: true },
    ]);
    expect(view.devices.find((d) => d.serial === 'S-0002')?.gaps).toEqual(['unassigned']);
    expect(view.branchesMissingDevices).toEqual([
      { branchId: 'b-0003', zoneHqId: 'zhq-1', missing: ['voting'] },
    ]);
    const readyIn = (zone: string) =>
      view.devices.filter((d) => d.zoneHqId === zone && d.ready).length;
    expect(view.zones.map((z) => [z.zoneHqId, z.ready, z.sparesAvailable])).toEqual([
      ['zhq-1', readyIn('zhq-1'), 1],
      ['zhq-2', readyIn('zhq-2'), 1],
    ]);

    // The zone's IT committee sees its own zone HQ, and only that.
    const mine = await get('/devices/readiness?zone=zhq-1', it1.bearer);
    expect(mine?.statusCode).toBe(200);
    expect(new Set(mine?.json<View>().devices.map((d) => d.zoneHqId))).toEqual(new Set(['zhq-1']));
    expect((await get('/devices/readiness?zone=zhq-2', it1.bearer))?.statusCode).toBe(403);
    expect((await get('/devices/readiness', it1.bearer))?.statusCode).toBe(403);
  });

  it('refuses bad input with a clear error and writes nothing', async () => {
    h = await operationsHarness(ctx.store);
    const county = await h.as('hq-staff');
    const selfTested = async () =>
      (
        await auditDb(ctx.store.db)
          .selectFrom('audit_log')
          .select('sequence')
          .where('action', '=', 'devices.device.self-tested')
          .execute()
      ).length;
    const ask = (url: string) =>
      h?.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: county.bearer });
    expect((await ask('/devices/readiness?zone=zhq-9'))?.json()).toMatchObject({
      code: 'DEVICE_STATUS_ZONE_UNKNOWN',
    });
    expect((await ask('/devices/readiness?zone=../x'))?.statusCode).toBe(400);
    expect((await ask('/devices/readiness?other=1'))?.statusCode).toBe(400);
    expect((await h.app.inject({ url: '/api/v1/devices/readiness' })).statusCode).toBe(401);

    const pkg = 'a'.repeat(64);
    const cases: [string, () => Promise<{ statusCode: number; json(): unknown }>, string][] = [
      [
        'a body that is no signed message',
        () =>
          h?.app.inject({
            method: 'POST',
            url: '/api/v1/devices/status',
            payload: { package: pkg },
          }) as never,
        'INPUT_INVALID',
      ],
      [
        'another device’s branch',
        () => status(h as OperationsHarness, 'V-0002', 'b-0001', pkg),
        'DEVICE_WRONG_BRANCH',
      ],
      [
        'an unknown device',
        () => status(h as OperationsHarness, 'V-9999', 'b-0001', pkg),
        'DEVICE_UNKNOWN',
      ],
      [
        'a station left in training mode',
        () => status(h as OperationsHarness, 'V-0001', 'b-0001', pkg, [], TRAINING_ELECTION_HASH),
        'TRAINING_BALLOT_REFUSED',
      ],
      [
        'a spare, which speaks for no branch',
        () => status(h as OperationsHarness, 'S-0001', 'b-0001', pkg),
        'DEVICE_WRONG_BRANCH',
      ],
    ];
    for (const [what, send, code] of cases) {
      const res = await send();
      expect(res.statusCode, what).toBeGreaterThanOrEqual(400);
      expect(res.json(), what).toMatchObject({ code });
    }
    const malformed = signedBy({
      election: hash,
      device: 'V-0001',
      branch: 'b-0001',
      kind: 'devices.status',
      body: { package: pkg, selfTest: { passed: true, checks: [] } },
    });
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/v1/devices/status',
      payload: malformed,
    });
    expect(res.statusCode).toBe(400);
    expect(await selfTested()).toBe(0);
  });
});
