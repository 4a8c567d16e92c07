import type { Grants } from './spec.js';

/** Grants shared by many rows of the policy table (policy.ts, policyDay.ts). */

/** DESIGN §1: supervisors see everything. Spread into every non-public read. */
export const SUPERVISORS_SEE: Grants = { 'supervisory-board': 'anywhere', observer: 'anywhere' };

/** The constituency's own governing board reads everything it governs. */
export const BOARDS_SEE: Grants = { ...SUPERVISORS_SEE, 'executive-board': 'anywhere' };

/** Everyone who works in or for a place reads what happens there. */
export const PLACE_STAFF_SEE: Grants = {
  'hq-staff': 'own-scope',
  'zone-hq-staff': 'own-scope',
  'governor-representative': 'own-scope',
  inspector: 'own-scope',
  'branch-trustee': 'own-scope',
  'it-committee': 'own-scope',
  'support-committee': 'own-scope',
};

/** Who runs a branch's day: its chair, the zone's representative, its zone HQ and the HQ. */
export const BRANCH_RUNNERS: Grants = {
  'hq-staff': 'own-scope',
  'zone-hq-staff': 'own-scope',
  'governor-representative': 'own-scope',
  'branch-trustee': 'own-branch-as-chair',
};

export const HQ_ONLY: Grants = { 'hq-staff': 'own-scope' };
