import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import {
  deviceReadiness,
  zoneDeviceReadiness,
  type DeviceStatusReport,
  type ReadinessDevice,
} from './deviceReadiness.js';

const branches = ['b1', 'b2', 'b3'].map((id, i) => ({ id, zoneHqId: i < 2 ? 'z1' : 'z2' }));
const hashes = new Map(branches.map((b) => [b.id, `${b.id}-now`]));

const device = fc.record({
  kind: fc.constantFrom('authentication' as const, 'voting' as const, 'spare' as const),
  branchId: fc.constantFrom(null, 'b1', 'b2', 'b3'),
  status: fc.constantFrom(
    'registered' as const,
    'active' as const,
    'faulty' as const,
    'retired' as const,
  ),
});
const report = fc.record({
  device: fc.nat(7),
  at: fc.integer({ min: 0, max: 50 }),
  current: fc.boolean(),
  passed: fc.boolean(),
});

describe('the device readiness rule', () => {
  test.prop([
    fc.array(device, { minLength: 1, maxLength: 8 }),
    fc.array(report, { maxLength: 20 }),
    fc.subarray(['b1', 'b2', 'b3']),
  ])(
    'a device is ready exactly when in service, assigned, its latest report current and passed, its branch opened',
    (made, made2, opened) => {
      const devices: ReadinessDevice[] = made.map((d, i) => ({
        serial: `D-${i}`,
        kind: d.kind,
        branchId: d.kind === 'spare' ? null : d.branchId,
        zoneHqId: branches.find((b) => b.id === d.branchId)?.zoneHqId ?? 'z1',
        status: d.status,
      }));
      const reports: DeviceStatusReport[] = made2
        .filter((r) => r.device < devices.length)
        .map((r) => {
          const d = devices[r.device];
          return {
            serial: `D-${r.device}`,
            at: new Date(r.at * 1000).toISOString(),
            packageHash:
              r.current && d !== undefined && d.branchId !== null ? `${d.branchId}-now` : 'old',
            selfTestPassed: r.passed,
            failedChecks: r.passed ? [] : ['printer'],
          };
        });
      const view = deviceReadiness({
        devices,
        branches,
        packageHashes: hashes,
        reports,
        phases: new Map(opened.map((b) => [b, 'open' as const])),
      });
      for (const d of devices) {
        // The independent reading: the last report with the greatest time.
        let latest: DeviceStatusReport | undefined;
        for (const r of reports)
          if (r.serial === d.serial && (latest === undefined || latest.at <= r.at)) latest = r;
        const expected =
          d.status !== 'faulty' &&
          d.status !== 'retired' &&
          d.kind !== 'spare' &&
          d.branchId !== null &&
          latest !== undefined &&
          latest.packageHash === hashes.get(d.branchId) &&
          latest.selfTestPassed &&
          opened.includes(d.branchId);
        expect(view.devices.find((v) => v.serial === d.serial)?.ready).toBe(expected);
      }
      const z1 = zoneDeviceReadiness(view, 'z1');
      expect(z1.devices.every((d) => d.zoneHqId === 'z1')).toBe(true);
    },
  );

  it('lists a branch without an in-service device of a role, and spares where they wait', () => {
    const view = deviceReadiness({
      devices: [
        { serial: 'A1', kind: 'authentication', branchId: 'b1', zoneHqId: 'z1', status: 'active' },
        { serial: 'V1', kind: 'voting', branchId: 'b1', zoneHqId: 'z1', status: 'retired' },
        { serial: 'S1', kind: 'spare', branchId: null, zoneHqId: 'z2', status: 'registered' },
      ],
      branches: [branches[0] ?? { id: 'b1', zoneHqId: 'z1' }],
      packageHashes: hashes,
      reports: [],
      phases: new Map(),
    });
    expect(view.branchesMissingDevices).toEqual([
      { branchId: 'b1', zoneHqId: 'z1', missing: ['voting'] },
    ]);
    expect(view.spares).toEqual([
      { serial: 'S1', zoneHqId: 'z2', status: 'registered', available: true },
    ]);
    expect(view.devices.find((d) => d.serial === 'V1')?.gaps).toEqual(['out-of-service']);
  });
});
