import type { Branch, StaffAssignment, StaffRole, StaffScope, Zone, ZoneHq } from '@sandogh/core';
import { randomPersonName } from './names.js';
import { stream } from './prng.js';

/**
 * Everyone with a role on the day (DESIGN §1–§2 "People in a branch"): five trustees per
 * branch named by the executive board (a chair and four secretaries, one trained as device
 * operator), the governor's representative and a supervisory-board observer in each branch,
 * an interior-ministry inspector for every five branches (of one zone), each zone HQ's staff,
 * IT and support committees, a governor's representative heading each zone, and at the
 * constituency the HQ staff, the executive board (7) and the supervisory board (5, who will
 * hold the tally key shares, §5).
 *
 * Ids are 'S' + 12 random hex digits: unique and stable for a seed, and saying nothing about
 * the person or the order of appointment.
 */

export const TRUSTEES_PER_BRANCH = 5;
export const BRANCHES_PER_INSPECTOR = 5;
const perZoneHq: readonly (readonly [StaffRole, number])[] = [
  ['zone-hq-staff', 3],
  ['it-committee', 3],
  ['support-committee', 2],
];
const perConstituency: readonly (readonly [StaffRole, number])[] = [
  ['hq-staff', 6],
  ['executive-board', 7],
  ['supervisory-board', 5],
];

export function generateStaff(
  seed: string,
  zoneHqs: readonly ZoneHq[],
  zones: readonly Zone[],
  branches: readonly Branch[],
): StaffAssignment[] {
  const ids = stream(seed, 'staff-ids');
  const names = stream(seed, 'staff-names');
  const seen = new Set<string>();
  const newId = (): string => {
    for (;;) {
      const hex =
        ids.uint32().toString(16).padStart(8, '0') +
        ids.uint32().toString(16).padStart(8, '0').slice(0, 4);
      const id = `S${hex}`;
      if (!seen.has(id)) {
        seen.add(id);
        return id;
      }
    }
  };
  const staff: StaffAssignment[] = [];
  const person = (
    role: StaffRole,
    scope: StaffScope,
    extra: Partial<Pick<StaffAssignment, 'trusteeRole' | 'deviceOperator'>> = {},
  ): void => {
    staff.push({ id: newId(), name: randomPersonName(names, 0.35), role, scope, ...extra });
  };

  for (const [role, count] of perConstituency)
    for (let i = 0; i < count; i += 1) person(role, { kind: 'constituency' });
  for (const hq of zoneHqs) {
    for (const [role, count] of perZoneHq)
      for (let i = 0; i < count; i += 1) person(role, { kind: 'zoneHq', zoneHqId: hq.id });
  }
  // The governor's representatives in the 20 zones (seed README) head their zone.
  for (const zone of zones) person('governor-representative', { kind: 'zone', zoneId: zone.id });

  for (const b of branches) {
    const here: StaffScope = { kind: 'branches', branchIds: [b.id] };
    // The operator is one of the four secretaries; which one is chosen by lot.
    const operator = 1 + names.below(TRUSTEES_PER_BRANCH - 1);
    for (let t = 0; t < TRUSTEES_PER_BRANCH; t += 1) {
      if (t === 0) person('branch-trustee', here, { trusteeRole: 'chair' });
      else if (t === operator)
        person('branch-trustee', here, { trusteeRole: 'secretary', deviceOperator: true });
      else person('branch-trustee', here, { trusteeRole: 'secretary' });
    }
    person('governor-representative', here);
    person('observer', here);
  }

  for (const zone of zones) {
    const inZone = branches.filter((b) => b.zoneId === zone.id).map((b) => b.id);
    for (let i = 0; i < inZone.length; i += BRANCHES_PER_INSPECTOR) {
      person('inspector', {
        kind: 'branches',
        branchIds: inZone.slice(i, i + BRANCHES_PER_INSPECTOR),
      });
    }
  }
  return staff;
}
