import { z } from 'zod';
import type { StaffRole } from '../definition/schema.js';

/**
 * Staff in place (issue 8; DESIGN §2 "People in a branch"): each branch's five trustees (a
 * chair, secretaries, one trained as device operator), the governor's representative,
 * supervisory-board observers and the inspector covering it. Attendance is recorded on the
 * day; a branch without its required people is flagged before it opens. docs/OPERATIONS.md
 * §4.3.
 */

export const attendanceStatus = z.enum(['present', 'absent', 'left']);
export type AttendanceStatus = z.infer<typeof attendanceStatus>;

/** One person the definition assigns to the branch. */
export interface AssignedPerson {
  readonly id: string;
  readonly role: StaffRole;
  readonly trusteeRole: 'chair' | 'secretary' | null;
  readonly deviceOperator: boolean;
}

/** Trustees present for the branch to open: a majority of its five, as its minutes need. */
export const TRUSTEE_QUORUM = 3;

export type StaffingGap =
  'chair-absent' | 'device-operator-absent' | 'trustee-quorum' | 'governor-representative-absent';

export interface BranchStaffing {
  readonly present: readonly string[];
  readonly absent: readonly string[];
  /** Assigned, not yet recorded either way. */
  readonly unknown: readonly string[];
  readonly gaps: readonly StaffingGap[];
  /** Ready to open: no gap. */
  readonly ready: boolean;
}

/**
 * The people a branch needs before opening: its chair, its device operator, a quorum of
 * trustees, and the governor's representative when one is assigned to it. Observers and the
 * inspector (one for five branches) are shown but never hold a branch's opening.
 */
export function branchStaffing(
  assigned: readonly AssignedPerson[],
  attendance: ReadonlyMap<string, AttendanceStatus>,
): BranchStaffing {
  const here = (p: AssignedPerson) => attendance.get(p.id) === 'present';
  const trustees = assigned.filter((p) => p.role === 'branch-trustee');
  const gaps: StaffingGap[] = [];
  if (!trustees.some((p) => p.trusteeRole === 'chair' && here(p))) gaps.push('chair-absent');
  if (!trustees.some((p) => p.deviceOperator && here(p))) gaps.push('device-operator-absent');
  if (trustees.filter(here).length < TRUSTEE_QUORUM) gaps.push('trustee-quorum');
  const reps = assigned.filter((p) => p.role === 'governor-representative');
  if (reps.length > 0 && !reps.some(here)) gaps.push('governor-representative-absent');
  const statusOf = (p: AssignedPerson) => attendance.get(p.id);
  return {
    present: assigned.filter(here).map((p) => p.id),
    absent: assigned
      .filter((p) => {
        const s = statusOf(p);
        return s === 'absent' || s === 'left';
      })
      .map((p) => p.id),
    unknown: assigned.filter((p) => statusOf(p) === undefined).map((p) => p.id),
    gaps,
    ready: gaps.length === 0,
  };
}
