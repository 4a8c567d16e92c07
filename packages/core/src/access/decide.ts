import { scopeContains, type Actor, type ObjectLocation } from './roles.js';
import type { Policy, ScopeRule } from './spec.js';

/**
 * Why an action is refused. The HQ maps `not-signed-in` to 401 and every other reason to 403,
 * and writes the reason to the audit log (law 6); `second-approver-required` tells a route that
 * the first person may start the action and a second must approve it.
 */
export type Refusal =
  | 'unknown-action'
  | 'nobody'
  | 'device-only'
  | 'not-signed-in'
  | 'role-not-granted'
  | 'out-of-scope'
  | 'not-branch-chair'
  | 'not-device-operator'
  | 'second-approver-required'
  | 'approver-is-actor'
  | 'approver-role-not-granted'
  | 'approver-out-of-scope'
  | 'approver-not-branch-chair'
  | 'approver-not-device-operator';

export type Decision =
  { readonly allowed: true } | { readonly allowed: false; readonly reason: Refusal };

const ALLOWED: Decision = { allowed: true };
const refuse = (reason: Refusal): Decision => ({ allowed: false, reason });

type RuleFit = 'fits' | 'out-of-scope' | 'not-branch-chair' | 'not-device-operator';

function fits(rule: ScopeRule, actor: Actor, object: ObjectLocation): RuleFit {
  switch (rule) {
    case 'anywhere':
      return 'fits';
    case 'own-scope':
      return scopeContains(actor.scope, object) ? 'fits' : 'out-of-scope';
    case 'own-branch-as-chair':
      if (object.kind !== 'branch' || !scopeContains(actor.scope, object)) return 'out-of-scope';
      return actor.trusteeRole === 'chair' ? 'fits' : 'not-branch-chair';
    case 'own-branch-as-operator':
      if (object.kind !== 'branch' || !scopeContains(actor.scope, object)) return 'out-of-scope';
      return actor.deviceOperator === true ? 'fits' : 'not-device-operator';
  }
}

/**
 * May `actor` (undefined: nobody signed in) do `action` on `object`? Default deny: an unknown
 * action, a role the action does not list, an object outside the rule's scope are refused.
 * For a two-person action, `approver` is the second person; without one the answer is
 * `second-approver-required` (the first person alone may only start it, see `mayInitiate`).
 */
export function decide(
  policy: Policy,
  actor: Actor | undefined,
  action: string,
  object: ObjectLocation,
  approver?: Actor,
): Decision {
  const first = mayInitiate(policy, actor, action, object);
  if (!first.allowed) return first;
  const spec = policy[action];
  const second = spec?.secondApprover;
  if (second === undefined || actor === undefined) return ALLOWED;
  if (approver === undefined) return refuse('second-approver-required');
  if (approver.accountId === actor.accountId) return refuse('approver-is-actor');
  const rule = second.grants[approver.role];
  if (rule === undefined) return refuse('approver-role-not-granted');
  const fit = fits(rule, approver, object);
  if (fit === 'fits') return ALLOWED;
  return refuse(
    fit === 'out-of-scope'
      ? 'approver-out-of-scope'
      : fit === 'not-branch-chair'
        ? 'approver-not-branch-chair'
        : 'approver-not-device-operator',
  );
}

/** The first person's half of `decide`: everything but the second approver. */
export function mayInitiate(
  policy: Policy,
  actor: Actor | undefined,
  action: string,
  object: ObjectLocation,
): Decision {
  const head = mayAttempt(policy, actor, action);
  if (!head.allowed || actor === undefined) return head;
  const rule = policy[action]?.grants?.[actor.role];
  if (rule === undefined) return ALLOWED; // public or signed-in: no scope to check
  const fit = fits(rule, actor, object);
  return fit === 'fits' ? ALLOWED : refuse(fit);
}

/**
 * Could `actor` do `action` on some object at all? The part of `decide` that needs no object,
 * checked before a request body is even read (an anonymous upload is refused unread).
 */
export function mayAttempt(policy: Policy, actor: Actor | undefined, action: string): Decision {
  if (!Object.hasOwn(policy, action)) return refuse('unknown-action');
  const spec = policy[action];
  if (spec === undefined) return refuse('unknown-action');
  switch (spec.audience) {
    case 'public':
      return ALLOWED;
    case 'device':
      return refuse('device-only');
    case 'signed-in':
      return actor === undefined ? refuse('not-signed-in') : ALLOWED;
    case 'staff': {
      const grants = spec.grants ?? {};
      if (Object.keys(grants).length === 0) return refuse('nobody');
      if (actor === undefined) return refuse('not-signed-in');
      return grants[actor.role] === undefined ? refuse('role-not-granted') : ALLOWED;
    }
  }
}
