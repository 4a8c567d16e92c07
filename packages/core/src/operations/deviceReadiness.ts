import { z } from 'zod';
import type { DeviceKind } from '../definition/schema.js';
import type { BranchPhase } from '../branches/lifecycle.js';

/**
 * The IT committee's device readiness view (issue 8, docs/OPERATIONS.md §8.6): for every
 * device, whether it is registered, assigned, configured with the package its branch has now,
 * self-tested and opened; and where every spare waits. Pure: HQ passes the registry, each
 * branch's current package hash, each device's latest signed status report and each branch's
 * phase, so a test can build all of them from a generated history.
 */

const hex64 = z.string().regex(/^[0-9a-f]{64}$/, '64 lowercase hex digits');

/** A station's self-test: the checks it ran, each passed or not (names are the station's). */
export const selfTestCheck = z.strictObject({
  name: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/),
  passed: z.boolean(),
});

/** The body of a `devices.status` device message (docs/FORMATS.md, device messages). */
export const deviceStatusBody = z.strictObject({
  /** The full hash of the configuration package the station runs. */
  package: hex64,
  selfTest: z.strictObject({
    passed: z.boolean(),
    checks: z.array(selfTestCheck).min(1).max(32),
  }),
});
export type DeviceStatusBody = z.infer<typeof deviceStatusBody>;

export interface ReadinessDevice {
  readonly serial: string;
  readonly kind: DeviceKind;
  readonly branchId: string | null;
  readonly zoneHqId: string;
  readonly status: 'registered' | 'active' | 'faulty' | 'retired';
}

export interface DeviceStatusReport {
  readonly serial: string;
  readonly at: string;
  readonly packageHash: string;
  readonly selfTestPassed: boolean;
  readonly failedChecks: readonly string[];
}

/** Why a device is not ready; empty when it is. */
export const deviceReadinessGap = z.enum([
  'out-of-service',
  'unassigned',
  'not-reported',
  'package-stale',
  'self-test-failed',
  'branch-not-opened',
]);
export type DeviceReadinessGap = z.infer<typeof deviceReadinessGap>;

export interface DeviceReadiness {
  readonly serial: string;
  readonly kind: DeviceKind;
  readonly zoneHqId: string;
  readonly branchId: string | null;
  readonly status: ReadinessDevice['status'];
  readonly registered: true;
  readonly assigned: boolean;
  /** `current`: runs its branch's package of now; `stale`: an older one; null: never reported. */
  readonly configured: 'current' | 'stale' | null;
  readonly selfTest: 'passed' | 'failed' | null;
  readonly failedChecks: readonly string[];
  readonly reportedAt: string | null;
  readonly opened: boolean;
  readonly ready: boolean;
  readonly gaps: readonly DeviceReadinessGap[];
}

export interface SpareAt {
  readonly serial: string;
  readonly zoneHqId: string;
  readonly status: ReadinessDevice['status'];
  /** In service and waiting at its zone HQ: it can go out as a replacement. */
  readonly available: boolean;
}

export interface BranchDeviceGap {
  readonly branchId: string;
  readonly zoneHqId: string;
  /** Roles with no in-service device. */
  readonly missing: readonly ('authentication' | 'voting')[];
}

export interface ZoneDeviceFigures {
  readonly zoneHqId: string;
  readonly devices: number;
  readonly ready: number;
  readonly sparesAvailable: number;
  readonly branchesMissingDevices: number;
}

export interface DeviceReadinessView {
  readonly devices: readonly DeviceReadiness[];
  readonly spares: readonly SpareAt[];
  readonly branchesMissingDevices: readonly BranchDeviceGap[];
  readonly zones: readonly ZoneDeviceFigures[];
}

/** Phases from the zero report on: the branch has been opened (core branches/lifecycle.ts). */
const OPENED: ReadonlySet<BranchPhase> = new Set([
  'opened',
  'open',
  'paused',
  'closing',
  'closed',
  'received',
  'reconciled',
]);

const inService = (d: ReadinessDevice) => d.status !== 'faulty' && d.status !== 'retired';

export interface DeviceReadinessInput {
  readonly devices: readonly ReadinessDevice[];
  readonly branches: readonly { readonly id: string; readonly zoneHqId: string }[];
  /** Each branch's package hash as HQ would build it now. */
  readonly packageHashes: ReadonlyMap<string, string>;
  /** Status reports in the order they were recorded; per device the latest `at` wins (a tie: the later one). */
  readonly reports: readonly DeviceStatusReport[];
  readonly phases: ReadonlyMap<string, BranchPhase>;
}

export function deviceReadiness(input: DeviceReadinessInput): DeviceReadinessView {
  const latest = new Map<string, DeviceStatusReport>();
  for (const r of input.reports) {
    const seen = latest.get(r.serial);
    if (seen === undefined || seen.at <= r.at) latest.set(r.serial, r);
  }
  const devices = [...input.devices]
    .sort((a, b) => (a.serial < b.serial ? -1 : a.serial > b.serial ? 1 : 0))
    .map((d): DeviceReadiness => {
      const report = latest.get(d.serial);
      const assigned = d.branchId !== null && d.kind !== 'spare';
      const expected = d.branchId === null ? undefined : input.packageHashes.get(d.branchId);
      const configured =
        report === undefined ? null : report.packageHash === expected ? 'current' : 'stale';
      const selfTest = report === undefined ? null : report.selfTestPassed ? 'passed' : 'failed';
      const opened =
        d.branchId !== null && OPENED.has(input.phases.get(d.branchId) ?? 'configured');
      const gaps: DeviceReadinessGap[] = [];
      if (!inService(d)) gaps.push('out-of-service');
      else if (!assigned) gaps.push('unassigned');
      else {
        if (report === undefined) gaps.push('not-reported');
        if (configured === 'stale') gaps.push('package-stale');
        if (selfTest === 'failed') gaps.push('self-test-failed');
        if (!opened) gaps.push('branch-not-opened');
      }
      return {
        serial: d.serial,
        kind: d.kind,
        zoneHqId: d.zoneHqId,
        branchId: d.branchId,
        status: d.status,
        registered: true,
        assigned,
        configured,
        selfTest,
        failedChecks: report?.failedChecks ?? [],
        reportedAt: report?.at ?? null,
        opened,
        ready: gaps.length === 0,
        gaps,
      };
    });
  const spares = devices
    .filter((d) => d.kind === 'spare')
    .map((d) => ({
      serial: d.serial,
      zoneHqId: d.zoneHqId,
      status: d.status,
      available: d.status !== 'faulty' && d.status !== 'retired',
    }));
  const holders = new Map<string, Set<string>>();
  for (const d of input.devices)
    if (d.branchId !== null && d.kind !== 'spare' && inService(d)) {
      const held = holders.get(d.branchId) ?? new Set<string>();
      held.add(d.kind);
      holders.set(d.branchId, held);
    }
  const branchesMissingDevices = input.branches
    .map((b) => {
      const held = holders.get(b.id);
      const missing = (['authentication', 'voting'] as const).filter((k) => !held?.has(k));
      return { branchId: b.id, zoneHqId: b.zoneHqId, missing };
    })
    .filter((g) => g.missing.length > 0);
  const zoneIds = [
    ...new Set([...input.branches.map((b) => b.zoneHqId), ...devices.map((d) => d.zoneHqId)]),
  ].sort();
  const zones = zoneIds.map((zoneHqId) => ({
    zoneHqId,
    devices: devices.filter((d) => d.zoneHqId === zoneHqId && d.kind !== 'spare').length,
    ready: devices.filter((d) => d.zoneHqId === zoneHqId && d.ready).length,
    sparesAvailable: spares.filter((s) => s.zoneHqId === zoneHqId && s.available).length,
    branchesMissingDevices: branchesMissingDevices.filter((g) => g.zoneHqId === zoneHqId).length,
  }));
  return { devices, spares, branchesMissingDevices, zones };
}

/** The view narrowed to one zone HQ (the zone's IT committee). */
export function zoneDeviceReadiness(
  view: DeviceReadinessView,
  zoneHqId: string,
): DeviceReadinessView {
  return {
    devices: view.devices.filter((d) => d.zoneHqId === zoneHqId),
    spares: view.spares.filter((s) => s.zoneHqId === zoneHqId),
    branchesMissingDevices: view.branchesMissingDevices.filter((g) => g.zoneHqId === zoneHqId),
    zones: view.zones.filter((z) => z.zoneHqId === zoneHqId),
  };
}
