import type { StaffScope } from './types.js';

/**
 * Who sees which staff screen in the navigation (issue 8). The HQ decides every request; these
 * sets only spare a reader a link the HQ would refuse. Each mirrors a row of the policy table
 * (packages/core/src/access/policyDay.ts) and `navRoles.test.ts` checks that it still does.
 */

/** `incidents.read` */
export const INCIDENT_READERS: ReadonlySet<string> = new Set([
  'supervisory-board',
  'observer',
  'executive-board',
  'hq-staff',
  'zone-hq-staff',
  'governor-representative',
  'inspector',
  'branch-trustee',
  'it-committee',
  'support-committee',
]);

/** `logistics.read` */
export const SUPPLY_READERS: ReadonlySet<string> = new Set([
  'supervisory-board',
  'observer',
  'executive-board',
  'hq-staff',
  'zone-hq-staff',
  'governor-representative',
  'support-committee',
  'branch-trustee',
]);

/** `branches.read`: a branch's people and attendance, a mobile branch's itinerary. */
export const BRANCH_READERS: ReadonlySet<string> = new Set([
  'supervisory-board',
  'observer',
  'executive-board',
  'hq-staff',
  'zone-hq-staff',
  'governor-representative',
  'inspector',
  'branch-trustee',
  'it-committee',
  'support-committee',
]);

/** `branches.readLive`: a branch's live figures, among them the speed of voting. */
export const LIVE_READERS: ReadonlySet<string> = new Set([
  ...BRANCH_READERS,
  'candidate-representative',
]);

/**
 * `branches.attendance`: who records a person's attendance — the branch's chair, the governor's
 * representative, the zone HQ and the HQ. The staff screen offers the form to these roles.
 */
export const ATTENDANCE_RECORDERS: ReadonlySet<string> = new Set([
  'hq-staff',
  'zone-hq-staff',
  'governor-representative',
  'branch-trustee',
]);

/** Roles granted a read anywhere, whatever their scope (the boards and observers). */
export const READ_ANYWHERE: ReadonlySet<string> = new Set([
  'supervisory-board',
  'observer',
  'executive-board',
]);

/**
 * The incidents, supplies, speed, staff and mobile-branch screens are views of a zone HQ or of the whole county: a role
 * granted the read sees the link when it reads anywhere, or its scope holds a zone HQ (the
 * constituency, or the zone HQ itself). A branch's trustee reads its own branch elsewhere.
 */
export function seesZoneView(
  readers: ReadonlySet<string>,
  account: { readonly role: string; readonly scope: StaffScope },
): boolean {
  if (!readers.has(account.role)) return false;
  if (READ_ANYWHERE.has(account.role)) return true;
  return account.scope.kind === 'constituency' || account.scope.kind === 'zoneHq';
}

/** The zone HQ a reader's scope names, if any: the screen opens on it. */
export function ownZoneHq(scope: StaffScope | undefined): string {
  return scope?.kind === 'zoneHq' ? scope.zoneHqId : '';
}
