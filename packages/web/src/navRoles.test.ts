import { describe, expect, it } from 'vitest';
import { accessPolicy, type ActionSpec } from '@sandogh/core';
import {
  ATTENDANCE_RECORDERS,
  BRANCH_READERS,
  INCIDENT_READERS,
  LIVE_READERS,
  READ_ANYWHERE,
  SUPPLY_READERS,
  seesZoneView,
} from './navRoles.js';

type Read =
  | 'incidents.read'
  | 'logistics.read'
  | 'branches.read'
  | 'branches.readLive'
  | 'branches.attendance';
const grantsOf = (action: Read) =>
  ((accessPolicy[action] as ActionSpec).grants ?? {}) as Readonly<Record<string, string>>;
const granted = (action: Read) => new Set(Object.keys(grantsOf(action)));

describe('the navigation of the staff screens', () => {
  it('offers each screen to exactly the roles the policy grants its read', () => {
    expect(new Set(INCIDENT_READERS)).toEqual(granted('incidents.read'));
    expect(new Set(SUPPLY_READERS)).toEqual(granted('logistics.read'));
    expect(new Set(BRANCH_READERS)).toEqual(granted('branches.read'));
    expect(new Set(LIVE_READERS)).toEqual(granted('branches.readLive'));
    expect(new Set(ATTENDANCE_RECORDERS)).toEqual(granted('branches.attendance'));
    for (const action of [
      'incidents.read',
      'logistics.read',
      'branches.read',
      'branches.readLive',
    ] as const) {
      const grants = grantsOf(action);
      const anywhere = Object.keys(grants).filter((r) => grants[r] === 'anywhere');
      for (const role of anywhere) expect(READ_ANYWHERE.has(role), role).toBe(true);
    }
  });

  it('shows a zone view only to a scope that holds a zone HQ, unless the role reads anywhere', () => {
    const zoneHq = { kind: 'zoneHq', zoneHqId: 'H01' } as const;
    const branches = { kind: 'branches', branchIds: ['b1'] } as const;
    expect(seesZoneView(INCIDENT_READERS, { role: 'it-committee', scope: zoneHq })).toBe(true);
    expect(seesZoneView(INCIDENT_READERS, { role: 'branch-trustee', scope: branches })).toBe(false);
    expect(seesZoneView(INCIDENT_READERS, { role: 'observer', scope: branches })).toBe(true);
    expect(seesZoneView(SUPPLY_READERS, { role: 'it-committee', scope: zoneHq })).toBe(false);
    expect(seesZoneView(BRANCH_READERS, { role: 'inspector', scope: zoneHq })).toBe(true);
    expect(seesZoneView(BRANCH_READERS, { role: 'inspector', scope: branches })).toBe(false);
    expect(seesZoneView(LIVE_READERS, { role: 'candidate-representative', scope: branches })).toBe(
      false,
    );
    expect(
      seesZoneView(BRANCH_READERS, {
        role: 'candidate-representative',
        scope: { kind: 'constituency' },
      }),
    ).toBe(false);
    expect(
      seesZoneView(INCIDENT_READERS, {
        role: 'candidate-representative',
        scope: { kind: 'constituency' },
      }),
    ).toBe(false);
  });
});
