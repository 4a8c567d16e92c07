import { z } from 'zod';
import { staffRole, type StaffScope } from '../definition/schema.js';

/**
 * Who signs in (issue 3, DESIGN §1): every staff role of the election definition, plus the
 * candidate's representative (نماینده نامزد). A representative is named by a candidate, not
 * by the executive board, so the definition's staff assignments never list one; the role
 * exists for accounts only. Voters have no accounts and devices never sign in with passwords
 * (they sign their messages, law 4).
 */
export const accountRole = z.enum([...staffRole.options, 'candidate-representative']);
export type AccountRole = z.infer<typeof accountRole>;
export const ACCOUNT_ROLES: readonly AccountRole[] = accountRole.options;

/** The supervisors of DESIGN §1: they see everything and change nothing but their own acts. */
export const SUPERVISOR_ROLES: readonly AccountRole[] = ['supervisory-board', 'observer'];

/** A signed-in person as the policy sees them: role, scope and, for trustees, their post. */
export interface Actor {
  readonly accountId: string;
  readonly role: AccountRole;
  readonly scope: StaffScope;
  /** Branch trustees only: the chair (رئیس) or a secretary (منشی). */
  readonly trusteeRole?: 'chair' | 'secretary' | undefined;
  /** Branch trustees only: the one trained to run the devices (کاربر شعبه). */
  readonly deviceOperator?: boolean | undefined;
}

/**
 * Where the object of an action lies in the geography. A branch carries its zone and zone HQ
 * (a branch belongs to one of each); both are absent when the branch is unknown, so that an
 * unknown branch is inside no narrower scope than the whole constituency.
 */
export type ObjectLocation =
  | { readonly kind: 'constituency' }
  | { readonly kind: 'zoneHq'; readonly zoneHqId: string }
  | { readonly kind: 'zone'; readonly zoneId: string }
  | {
      readonly kind: 'branch';
      readonly branchId: string;
      readonly zoneId?: string | undefined;
      readonly zoneHqId?: string | undefined;
    };

export const CONSTITUENCY: ObjectLocation = { kind: 'constituency' };

/**
 * Scope containment: the constituency holds everything; a zone HQ holds itself and the
 * branches it runs; a governor's-representative zone holds itself and its branches; a list of
 * branches holds exactly those branches. Zones and zone HQs are two different partitions of
 * the same branches (20 zones, 18 zone HQs in Tehran), so neither contains the other.
 */
export function scopeContains(scope: StaffScope, where: ObjectLocation): boolean {
  switch (scope.kind) {
    case 'constituency':
      return true;
    case 'zoneHq':
      return (
        (where.kind === 'zoneHq' && where.zoneHqId === scope.zoneHqId) ||
        (where.kind === 'branch' && where.zoneHqId === scope.zoneHqId)
      );
    case 'zone':
      return (
        (where.kind === 'zone' && where.zoneId === scope.zoneId) ||
        (where.kind === 'branch' && where.zoneId === scope.zoneId)
      );
    case 'branches':
      return where.kind === 'branch' && scope.branchIds.includes(where.branchId);
  }
}
